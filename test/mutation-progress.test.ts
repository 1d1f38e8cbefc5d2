/** The mutation run's progress file (stryker-progress.mjs) and its reader (kit/mutation-progress.ts): an unfinished run still tells what it measured. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { asFiles, readProgress, survivorLines } from '../kit/mutation-progress';
import { tally, verdict } from '../kit/mutation-score';

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-progress-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const at = (line: number, column = 1) => ({ start: { line, column }, end: { line, column: column + 5 } });

test('the reporter starts the file at the dry run, appends each mutant with its source line, and marks the end', async () => {
  const { strykerPlugins, PROGRESS_FILE } = await import('../stryker-progress.mjs');
  const [plugin] = strykerPlugins;
  assert.equal(plugin.name, 'ipc-conformance-progress');
  const source = join(dir, 'a.ts');
  writeFileSync(source, 'const a = 1;\nif (a > 0) go();\n');
  const reporter = new plugin.injectableClass({ jsonReporter: { fileName: join(dir, 'out', 'mutation.json') } });
  const path = join(dir, 'out', PROGRESS_FILE);
  reporter.onDryRunCompleted();
  reporter.onMutantTested({ fileName: source, status: 'Survived', mutatorName: 'ConditionalExpression', replacement: 'true', location: at(2, 5) });
  reporter.onMutantTested({ fileName: source, status: 'Killed', mutatorName: 'EqualityOperator', replacement: 'a >= 0', location: at(2, 5) });
  let progress = readProgress(readFileSync(path, 'utf8'));
  assert.ok(progress.started);
  assert.equal(progress.finished, undefined);
  assert.deepEqual(progress.mutants.map((m) => [m.status, m.source, m.location.start.line]), [['Survived', 'if (a > 0) go();', 2], ['Killed', 'if (a > 0) go();', 2]]);
  reporter.onMutationTestReportReady();
  progress = readProgress(readFileSync(path, 'utf8'));
  assert.ok(progress.finished);
  reporter.onDryRunCompleted();
  assert.equal(readProgress(readFileSync(path, 'utf8')).mutants.length, 0, 'a new run starts a new file');
});

test('the reader skips a line cut short and scores only what was tested, per folder', () => {
  const line = (file: string, status: string, n: number) => JSON.stringify({ file, status, mutatorName: 'M', replacement: `r${n}`, location: at(n), source: `line ${n}` });
  const text = [JSON.stringify({ started: 'then' }), line('native/a.ts', 'Killed', 1), line('native/a.ts', 'Survived', 2),
    line('kit/b.ts', 'NoCoverage', 3), line('kit/b.ts', 'Killed', 4), '{"file":"kit/b.ts","sta'].join('\n');
  const progress = readProgress(text);
  assert.equal(progress.started, 'then');
  assert.equal(progress.mutants.length, 4);
  const { lines, below } = verdict(tally([asFiles(progress.mutants)]));
  assert.ok(lines.includes('native/           50.00 %  1 killed, 0 timed out, 1 survived, 0 without coverage'), lines.join('\n'));
  assert.deepEqual(below, ['steps/', 'steps/errors/', 'steps/support/', 'native/', 'kit/', 'overall']);
  assert.deepEqual(survivorLines(progress.mutants), [
    'kit/b.ts:3: no coverage, M: line 3  →  r3',
    'native/a.ts:2: survived, M: line 2  →  r2',
  ]);
  assert.deepEqual(survivorLines(progress.mutants, 'native/'), ['native/a.ts:2: survived, M: line 2  →  r2']);
});
