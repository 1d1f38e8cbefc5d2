/** `npm run mutation:score`: the score overall and per folder from both Stryker reports, and the goal each must reach. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { folderOf, GOAL, line, score, tally, verdict } from '../kit/mutation-score';
import { root } from '../kit/paths';

const mutants = (statuses: Record<string, number>) =>
  ({ mutants: Object.entries(statuses).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status }))) });

test('a file counts in the deepest folder that holds it; files elsewhere only overall', () => {
  assert.equal(folderOf('steps/pipe.steps.ts'), 'steps/');
  assert.equal(folderOf('steps/errors/cases.ts'), 'steps/errors/');
  assert.equal(folderOf('steps/support/tracker.ts'), 'steps/support/');
  assert.equal(folderOf('native/libc.ts'), 'native/');
  assert.equal(folderOf('kit/ledger.ts'), 'kit/');
  assert.equal(folderOf('stryker-ignorers.mjs'), undefined);
});

test('the score is killed and timed-out over killed, timed-out, survived and uncovered; other statuses are not scored', () => {
  assert.equal(score({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 }), 100);
  assert.equal(score({ killed: 3, timeout: 1, survived: 0, noCoverage: 0 }), 100);
  assert.equal(score({ killed: 2, timeout: 1, survived: 1, noCoverage: 0 }), 75);
  assert.equal(score({ killed: 1, timeout: 0, survived: 0, noCoverage: 3 }), 25);
  const t = tally([
    { 'steps/pipe.steps.ts': mutants({ Killed: 9, Survived: 1, Ignored: 5, CompileError: 2 }), 'x.ts': mutants({ Killed: 1, Survived: 1 }) },
    { 'kit/ledger.ts': mutants({ Killed: 8, Timeout: 1, NoCoverage: 1, RuntimeError: 4 }) },
  ]);
  assert.deepEqual(t.folders.get('steps/'), { killed: 9, timeout: 0, survived: 1, noCoverage: 0 });
  assert.deepEqual(t.folders.get('kit/'), { killed: 8, timeout: 1, survived: 0, noCoverage: 1 });
  assert.deepEqual(t.folders.get('native/'), { killed: 0, timeout: 0, survived: 0, noCoverage: 0 });
  assert.deepEqual(t.overall, { killed: 18, timeout: 1, survived: 2, noCoverage: 1 });
  assert.deepEqual(t.outside, ['x.ts']);
  assert.equal(line('kit/', t.folders.get('kit/')!), 'kit/              90.00 %  8 killed, 1 timed out, 0 survived, 1 without coverage');
});

test('every folder and the whole must reach the goal; exactly the goal is enough', () => {
  assert.equal(GOAL, 85);
  const at = (killed: number, survived: number) => tally([{ 'native/a.ts': mutants({ Killed: killed, Survived: survived }), 'kit/a.ts': mutants({ Killed: 100 }),
    'steps/a.ts': mutants({ Killed: 1 }), 'steps/errors/a.ts': mutants({ Killed: 1 }), 'steps/support/a.ts': mutants({ Timeout: 1 }) }]);
  assert.deepEqual(verdict(at(17, 3)).below, []);
  assert.deepEqual(verdict(at(16, 3)).below, ['native/']);
  assert.deepEqual(verdict(at(1, 99)).below, ['native/', 'overall']);
  assert.deepEqual(verdict(at(16, 3), 80).below, []);
  assert.equal(verdict(at(17, 3)).lines.length, 6);
  // a folder no run tried is not a pass
  const none = tally([{ 'kit/a.ts': mutants({ Killed: 1 }) }]);
  assert.deepEqual(verdict(none).below, ['steps/', 'steps/errors/', 'steps/support/', 'native/']);
  assert.equal(verdict(none).lines[3], 'native/             no mutant tried');
});

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'kit/mutation-score.ts', ...args], { cwd: root, encoding: 'utf8' });

test('the command prints each folder and exits 1 below the goal, 2 with a missing or broken report', () => {
  const good = join(dir, 'good.json');
  const poor = join(dir, 'poor.json');
  const broken = join(dir, 'broken.json');
  writeFileSync(good, JSON.stringify({ files: { 'kit/a.ts': mutants({ Killed: 9, Survived: 1 }), 'native/b.ts': mutants({ Killed: 1 }), 'steps/c.ts': mutants({ Killed: 1 }), 'steps/errors/e.ts': mutants({ Killed: 1 }), 'steps/support/d.ts': mutants({ Killed: 1 }) } }));
  writeFileSync(poor, JSON.stringify({ files: { 'native/b.ts': mutants({ Killed: 1, NoCoverage: 1 }) } }));
  writeFileSync(broken, '{');
  let r = run(good);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ {2}kit\/ +90\.00 % {2}9 killed, 0 timed out, 1 survived, 0 without coverage$/m);
  assert.match(r.stdout, /^ {2}overall +92\.86 %/m);
  r = run(good, poor);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ipc-conformance: mutation score below 85 % in: native/\n');
  r = run(join(dir, 'absent.json'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^ipc-conformance: no mutation report at .*absent\.json: run npm run mutation first\n$/);
  r = run(broken);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /broken\.json is not a Stryker JSON report/);
});

test('a mutant two runs both tried counts once, detected when either run detected it', () => {
  const at = (line: number, status: string) => ({ status, mutatorName: 'BooleanLiteral', replacement: 'false', location: { start: { line, column: 3 } } });
  const cucumberRun = { 'steps/support/evidence.ts': { mutants: [at(1, 'Survived'), at(2, 'Killed'), at(3, 'NoCoverage'), at(4, 'Survived')] } };
  const unitRun = { 'steps/support/evidence.ts': { mutants: [at(1, 'Killed'), at(2, 'Survived'), at(3, 'Timeout'), at(4, 'Survived')] } };
  const t = tally([cucumberRun, unitRun]);
  assert.deepEqual(t.folders.get('steps/support/'), { killed: 2, timeout: 1, survived: 1, noCoverage: 0 });
  assert.deepEqual(tally([unitRun, cucumberRun]).folders.get('steps/support/'), { killed: 2, timeout: 1, survived: 1, noCoverage: 0 });
});

test('a mutant the type checker rejected in one run is not scored, whatever a run without the checker made of it', () => {
  const at = (line: number, status: string) => ({ status, mutatorName: 'BlockStatement', replacement: '{}', location: { start: { line, column: 3 } } });
  const checked = { 'steps/support/b.ts': { mutants: [at(1, 'CompileError'), at(2, 'Killed')] } };
  const unchecked = { 'steps/support/b.ts': { mutants: [at(1, 'NoCoverage'), at(2, 'NoCoverage')] } };
  assert.deepEqual(tally([checked, unchecked]).folders.get('steps/support/'), { killed: 1, timeout: 0, survived: 0, noCoverage: 0 });
  assert.deepEqual(tally([unchecked, checked]).folders.get('steps/support/'), { killed: 1, timeout: 0, survived: 0, noCoverage: 0 });
});

test('two mutants at one start with the same replacement but different ends are two mutants', () => {
  const at = (end: number, status: string) => ({ status, mutatorName: 'StringLiteral', replacement: '""', location: { start: { line: 1, column: 3 }, end: { line: 1, column: end } } });
  assert.deepEqual(tally([{ 'kit/a.ts': { mutants: [at(9, 'Killed'), at(12, 'Survived')] } }]).folders.get('kit/'), { killed: 1, timeout: 0, survived: 1, noCoverage: 0 });
});

test('a report of an older text of a file counts on the present text: moved lines keep their mutants, changed lines lose them', () => {
  const at = (status: string, line: number) => ({ status, mutatorName: 'StringLiteral', replacement: '""', location: { start: { line, column: 3 }, end: { line, column: 9 } } });
  const old = { 'native/a.ts': { source: 'a\nb\nc', mutants: [at('Survived', 2), at('Survived', 3), at('Survived', 1)] } };
  const now = { 'native/a.ts': { source: 'a\nnew\nb\nc', mutants: [at('Killed', 3), at('Survived', 2)] } };
  const present = () => 'a\nnew\nb\nc';
  // b (line 2, now 3) was killed by the newer run; c (3, now 4) and a (1) keep their old verdict; the new line's mutant survived
  assert.deepEqual(tally([old, now], present).overall, { killed: 1, timeout: 0, survived: 3, noCoverage: 0 });
  // without the present text places are compared as they are: old c (line 3) is taken for the new b there
  assert.deepEqual(tally([old, now]).overall, { killed: 1, timeout: 0, survived: 2, noCoverage: 0 });
  const changed = { 'native/a.ts': { source: 'a\nB\nc', mutants: [at('Survived', 2)] } };
  assert.deepEqual(tally([changed], present).overall, { killed: 0, timeout: 0, survived: 0, noCoverage: 0 }, 'a mutant of a line that changed is gone');
});
