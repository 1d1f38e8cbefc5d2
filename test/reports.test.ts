/**
 * One run of the self-test profile (a deliberate failure and a deliberate
 * skip) shows, in every report, what a user needs: the failure with its
 * evidence, the skip with its reason; strict turns the skip into a failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from '../kit/paths';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function selftest(env: Record<string, string> = {}, args = ['--profile', 'selftest'], dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-reports-'))) {
  dirs.push(dir);
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'kit/test.ts', ...args, '--format', 'summary'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...env, IPC_REPORTS_DIR: dir } });
  return { dir, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const run = selftest();

test('a deliberate failure fails the run and the plain summary line counts it', () => {
  assert.equal(run.status, 1);
  assert.match(run.stdout, /^0 passed, 1 failed, 1 skipped$/m);
});

test('the summary lists skips by reason and counts verdicts this run did not earn as unchecked', () => {
  assert.match(run.stdout, /^Skipped, by reason:\n {2}1 × not available here: self-test → ENOSYS \(a feature no host has\)$/m);
  assert.match(run.stdout, /^Claims: 389 in the ledger \(0 hold, 0 corrected, 0 depend, 0 not testable, 389 unchecked in this run\); report: /m);
});

test('claims.json gives each scenario\'s result, and a claim that failed or was skipped has no earned verdict', () => {
  const claims = JSON.parse(readFileSync(join(run.dir, 'claims.json'), 'utf8')).claims;
  const pipe55 = claims.find((c: { id: string }) => c.id === 'PIPE-55');
  assert.equal(pipe55.status, 'failed');
  assert.equal(pipe55.verdict, 'unchecked');
  assert.equal(pipe55.expectedVerdict, 'holds');
  assert.equal(pipe55.observed, 'Failed in this run: "A deliberately wrong expectation fails with its evidence" — ' +
    'bytes waiting in the pipe (FIONREAD): expected 7, got 6.');
  assert.deepEqual(pipe55.results.map((r: { status: string }) => r.status), ['failed']);
  const pipe59 = claims.find((c: { id: string }) => c.id === 'PIPE-59');
  assert.deepEqual(pipe59.results.find((r: { status: string }) => r.status === 'skipped'), {
    name: 'A feature this host lacks ends as a skip with its reason', location: 'features/selftest.feature:17', status: 'skipped',
    skipReason: 'not available here: self-test → ENOSYS (a feature no host has)',
  });
  assert.match(readFileSync(join(run.dir, 'claims.md'), 'utf8'), /^### PIPE-55: unchecked \(expected: holds\), \*\*FAILED\*\*$/m);
});

test('cucumber failing before it runs (an unknown profile) gives one line and no report rebuilt from an earlier run', () => {
  const bad = selftest({}, ['--profile', 'no-such-profile'], run.dir.replace(/$/, '-bad'));
  const earlier = mkdtempSync(join(tmpdir(), 'ipcc-unit-reports-'));
  dirs.push(earlier);
  copyFileSync(join(run.dir, 'cucumber.ndjson'), join(earlier, 'cucumber.ndjson'));
  const again = selftest({}, ['--profile', 'no-such-profile'], earlier);
  for (const r of [bad, again]) {
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^ipc-conformance: cucumber stopped before running any scenario \(exit 1; its message is above\), so there is no report$/m);
    assert.doesNotMatch(r.stdout, /passed, \d+ failed/);
  }
  assert.equal(existsSync(join(earlier, 'claims.json')), false);
  assert.equal(existsSync(join(earlier, 'cucumber.ndjson')), false, 'the earlier run\'s messages are gone');
});

test('JUnit shows the failure with its evidence and the skip with its reason', () => {
  const junit = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
  assert.match(junit, /name="A skip carries its reason into every report \(JUnit names this test case &quot;&lt;rule> - &lt;scenario>&quot;\) - A feature this host lacks/);
  assert.equal([...junit.matchAll(/<skipped\/>/g)].length, 0, 'every skip carries a message');
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
  const label = (r: { labels: Array<{ name: string; value: string }> }, name: string) => r.labels.filter((l) => l.name === name).map((l) => l.value);
  assert.deepEqual([label(failed, 'verdict'), label(failed, 'expected verdict')], [['unchecked'], ['holds']]);
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
