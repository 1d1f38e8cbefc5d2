/**
 * One run of the self-test profile (a deliberate failure and a deliberate
 * skip) shows, in every report, what a user needs: the failure with its
 * evidence, the skip with its reason; strict turns the skip into a failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from '../kit/paths';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function selftest(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-reports-'));
  dirs.push(dir);
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'kit/test.ts', '--profile', 'selftest', '--format', 'summary'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...env, IPC_REPORTS_DIR: dir } });
  return { dir, status: r.status, stdout: r.stdout };
}

const run = selftest();

test('a deliberate failure fails the run and the plain summary line counts it', () => {
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^0 passed, 1 failed, 1 skipped$/m);
});

test('JUnit shows the failure with its evidence and the skip with its reason', () => {
  const junit = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
  assert.match(junit, /<failure type="AssertionError" message="bytes waiting in the pipe \(FIONREAD\): expected 7, got 6[^"]*evidence: \{&quot;selftest.fionread&quot;:6\}"/);
  assert.match(junit, /<skipped message="not available here: self-test → ENOSYS \(a feature no host has\)"\/>/);
});

test('Allure results carry the failure, the evidence parameter, the skip, the environment and the categories', () => {
  const dir = join(run.dir, 'allure-results');
  const results = readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const failed = results.find((r) => r.name.startsWith('A deliberately wrong expectation'));
  assert.equal(failed.status, 'failed');
  assert.match(failed.statusDetails.message, /expected 7, got 6\nevidence: \{"selftest.fionread":6\}/);
  assert.deepEqual(failed.parameters, [{ name: 'selftest.fionread', value: '6' }]);
  const skipped = results.find((r) => r.name.startsWith('A feature this host lacks'));
  assert.equal(skipped.status, 'skipped');
  assert.match(skipped.statusDetails.message, /^not available here: self-test → ENOSYS/);
  assert.match(readFileSync(join(dir, 'environment.properties'), 'utf8'), /^page_size=\d+$/m);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'categories.json'), 'utf8')).map((c: { name: string }) => c.name.split(' (')[0]),
    ['The OS contradicts the claim', 'Not available here', 'Kit error']);
});

test('strict turns the skip into a failure that names what was missing', () => {
  const strict = selftest({ IPC_STRICT: '1' });
  assert.equal(strict.status, 1);
  assert.match(strict.stdout, /^0 passed, 2 failed, 0 skipped$/m);
  assert.match(readFileSync(join(strict.dir, 'junit.xml'), 'utf8'), /required, but not available here: self-test → ENOSYS/);
});
