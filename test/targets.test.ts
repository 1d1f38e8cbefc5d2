/**
 * npm run targets: merging what each target recorded (claims.json,
 * platform.json, the console's result line) into one table, the differences
 * first; the option parsing and --list; a target this machine cannot give is
 * unavailable with its reason, never failed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { reportsDir, root } from '../kit/paths';
import { claimReportsDir } from '../kit/preflight';
import { listing, parseArgs, runTarget, withEarlier } from '../kit/targets/main';
import { compare, renderJson, renderMarkdown, writeTargetReports } from '../kit/targets/report';
import { collectResult, hasFailure, summaryLine } from '../kit/targets/results';
import type { Target, TargetResult } from '../kit/targets/types';

const samples = join(root, 'test', 'data', 'targets');
const fake = (name: string, kind: Target['kind'], unavailable?: string): Target => ({
  name, kind, settings: `${name} settings`, needs: `what ${name} needs`, unavailable: () => unavailable,
  run: async () => ({ exitCode: 0, output: '' }),
});

/** A recorded run: the sample folder read back as the runner reads a target's reports folder. */
const recorded = (name: string, kind: Target['kind'], exitCode = 0): TargetResult =>
  collectResult(fake(name, kind), join(samples, name), { exitCode, output: readFileSync(join(samples, name, 'console.log'), 'utf8') }, 12.3);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('a recorded run gives its kernel, C library, Node, counts and each claim\'s verdict and status', () => {
  const host = recorded('host', 'host');
  assert.equal(host.status, 'ran');
  assert.equal(host.kernel, '6.18.44-fc-v1272');
  assert.equal(host.libc, 'glibc 2.36');
  assert.equal(host.node, 'v20.20.2');
  assert.deepEqual(host.summary, { passed: 297, failed: 0, skipped: 0 });
  assert.equal(host.resultLine, '297 passed, 0 failed, 0 skipped');
  assert.deepEqual(host.claims!['PSHM-01'], { verdict: 'corrected', status: 'passed' });
  assert.equal(hasFailure(host), false);
});

test('a run that ended without the suite\'s result line is a failure, and says so', () => {
  const r = collectResult(fake('broken', 'container'), join(samples, 'host'), { exitCode: 137, output: 'Killed\n' }, 1);
  assert.equal(r.summary, undefined);
  assert.equal(r.resultLine, 'no result line (exit 137)');
  assert.equal(hasFailure(r), true);
  assert.equal(summaryLine('x\n3 passed, 1 failed, 2 skipped\nnpm ERR! code 1\n'), '3 passed, 1 failed, 2 skipped');
});

test('an unavailable target is reported with its reason, never run and never failed', async () => {
  let ran = false;
  const target = { ...fake('podman-x', 'container', 'podman is not installed'), run: async () => { ran = true; return { exitCode: 1 }; } };
  const r = await runTarget(target, false);
  assert.equal(ran, false);
  assert.deepEqual({ status: r.status, reason: r.reason }, { status: 'unavailable', reason: 'podman is not installed' });
  assert.equal(hasFailure(r), false);
  const md = renderMarkdown([r]);
  assert.match(md, /\| podman-x \| container \| podman-x settings \|.*\| unavailable: podman is not installed \|/);
});

test('the folder a target reports into is one the kit\'s npm test accepts, though its console log is already there', async () => {
  let verdict: string | undefined = 'not run';
  const target = {
    ...fake('host-reports-check', 'host'),
    run: async (dir: string) => {
      writeFileSync(join(dir, 'console.log'), 'npm test …\n');
      verdict = claimReportsDir(dir);
      return { exitCode: 1, output: '' };
    },
  };
  try {
    await runTarget(target, false);
    assert.equal(verdict, undefined);
  } finally {
    rmSync(join(reportsDir, 'targets', 'host-reports-check'), { recursive: true, force: true });
  }
});

test('a target that turns out not runnable (its image cannot be built) is unavailable too', () => {
  const r = collectResult(fake('vm-x', 'vm'), '/nonexistent', { unavailable: 'the x VM image could not be built: debootstrap failed' }, 3);
  assert.equal(r.status, 'unavailable');
  assert.equal(hasFailure(r), false);
});

test('the claims whose verdict differs come first, then those whose status differs, then the rest', () => {
  const host = recorded('host', 'host');
  const old: TargetResult = { ...host, name: 'glibc-2.31', claims: { ...host.claims, 'PSHM-01': { verdict: 'holds', status: 'passed' } } };
  const capless: TargetResult = { ...host, name: 'capless', claims: { ...host.claims, 'SEM-01': { verdict: 'holds', status: 'skipped', reason: 'not available here: x' } } };
  const c = compare([host, old, capless, { name: 'off', kind: 'vm', settings: '', status: 'unavailable', reason: 'no qemu' }]);
  assert.deepEqual(c.ran.map((r) => r.name), ['host', 'glibc-2.31', 'capless']);
  assert.deepEqual(c.verdictDiffers, ['PSHM-01']);
  assert.deepEqual(c.statusDiffers, ['SEM-01']);
  assert.deepEqual(c.same.sort(), ['FIFO-08', 'GEN-18', 'MSG-37', 'PIPE-22', 'PIPE-57']);
  const md = renderMarkdown([host, old, capless]);
  assert.ok(md.indexOf('| PSHM-01 | corrected, passed | holds, passed | corrected, passed |') < md.indexOf('| SEM-01 |'));
  assert.match(md, /\| SEM-01 \| holds, passed \| holds, passed \| holds, skipped: not available here: x \|/);
});

test('targets.json has, per target, name, kind, kernel, libc, node, status, summary and claims', () => {
  const host = recorded('host', 'host');
  const json = JSON.parse(renderJson([host, { name: 'off', kind: 'vm', settings: 's', status: 'unavailable', reason: 'no qemu' }]));
  assert.deepEqual(Object.keys(json.targets[0]).filter((k) => ['name', 'kind', 'kernel', 'libc', 'node', 'status', 'summary', 'claims'].includes(k)).length, 8);
  assert.deepEqual(json.targets[0].claims['PSHM-01'], { verdict: 'corrected', status: 'passed' });
  assert.deepEqual(json.targets[1], { name: 'off', kind: 'vm', settings: 's', kernel: null, libc: null, node: null, status: 'unavailable', reason: 'no qemu', seconds: null, resultLine: null, summary: null, recorded: null, claims: {} });
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-targets-'));
  dirs.push(dir);
  writeTargetReports(dir, [host]);
  for (const f of ['targets.md', 'targets.html', 'targets.json']) assert.ok(existsSync(join(dir, f)), f);
});

test('--only takes a kind for all its targets, mixed with names, each target once and in the targets\' order', () => {
  const targets = [fake('h', 'host'), fake('c1', 'container'), fake('v1', 'vm'), fake('c2', 'container'), fake('v2', 'vm')];
  assert.deepEqual(parseArgs(['--only', 'container'], targets).only.map((t) => t.name), ['c1', 'c2']);
  assert.deepEqual(parseArgs(['--only', 'v2,container,c1'], targets).only.map((t) => t.name), ['c1', 'c2', 'v2']);
  assert.deepEqual(parseArgs(['--only', 'vm,host'], targets).only.map((t) => t.name), ['h', 'v1', 'v2']);
});

test('--only picks targets by name, --keep and --list are flags, and bad input gets one clear message', () => {
  const targets = [fake('a', 'host'), fake('b', 'vm', 'no qemu')];
  assert.deepEqual(parseArgs(['--only', 'b', '--keep'], targets).only.map((t) => t.name), ['b']);
  assert.equal(parseArgs(['--keep'], targets).keep, true);
  assert.equal(parseArgs(['--list'], targets).list, true);
  assert.throws(() => parseArgs(['--only', 'a,zz'], targets), /unknown target "zz"; the targets are: a, b \(or a kind: host, vm\)/);
  assert.throws(() => parseArgs(['--only'], targets), /--only needs target names or kinds/);
  assert.throws(() => parseArgs(['--fast'], targets), /unknown option "--fast"/);
  assert.equal(listing(targets), 'a (host): a settings\n  needs: what a needs\n  here: available\n' +
    'b (vm): b settings\n  needs: what b needs\n  here: unavailable: no qemu');
});

test('a recorded container run with failures: its counts, the failed claims with their reason, and the run fails', () => {
  const capless = recorded('podman-root-cap-drop-all', 'container', 1);
  assert.equal(capless.node, 'v24.22.3');
  assert.deepEqual(capless.summary, { passed: 286, failed: 2, skipped: 9 });
  assert.equal(capless.claims!['GEN-18'].status, 'failed');
  assert.match(capless.claims!['GEN-18'].reason!, /cannot drop root privileges to uid 65534 here/);
  assert.deepEqual(capless.claims!['FIFO-08'], { verdict: 'corrected', status: 'skipped', reason: 'not available here: cannot drop root privileges to uid 65534 here' });
  assert.equal(hasFailure(capless), true);
  const c = compare([recorded('host', 'host'), capless]);
  assert.deepEqual(c.verdictDiffers, []);
  assert.deepEqual(c.statusDiffers.sort(), ['FIFO-08', 'GEN-18']);
  assert.match(renderMarkdown([recorded('host', 'host'), capless]), /\| GEN-18 \| holds, passed \| holds, FAILED: Error: fixture gen-naming timed out/);
});

test('with --only, the table keeps the other targets\' last recorded results, in the targets\' order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-targets-'));
  dirs.push(dir);
  const earlier: TargetResult = { ...recorded('host', 'host'), name: 'a', recorded: '2026-12-01T10:00:00.000Z' };
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'result.json'), JSON.stringify(earlier));
  const now: TargetResult = { name: 'b', kind: 'vm', settings: '', status: 'unavailable', reason: 'no qemu' };
  const merged = withEarlier([now], [fake('a', 'host'), fake('b', 'vm'), fake('c', 'container')], dir);
  assert.deepEqual(merged.map((r) => [r.name, r.recorded]), [['a', '2026-12-01T10:00:00.000Z'], ['b', undefined]]);
  assert.match(renderMarkdown(merged), /\| a \| host \|.*\| 297 passed, 0 failed, 0 skipped \| 12 s \| 2026-12-01 10:00 \|/);
});
