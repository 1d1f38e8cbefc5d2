/**
 * What `npm test` ends with (kit/run-report.ts): the exit status from cucumber's, the run's
 * completeness, unknown claim tags, waivers and waiver problems, and the summary lines, on
 * messages files written by hand (test/reports.test.ts runs the real thing once).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, test } from 'node:test';
import { clearPreviousRun, reportRun, RUN_OUTPUTS, skipsByReason, verdictLine } from '../kit/run-report';
import { SKIP_MEDIA_TYPE } from '../steps/support/evidence';
import { messages } from './support/messages';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
afterEach(() => delete process.env.IPC_WAIVERS);

const FUTURE = '2999-01-01';
const PAST = '2000-01-01';

/** Runs reportRun on a reports folder holding these messages (none: no cucumber.ndjson); returns the status and what it printed. */
function report(ndjson: string | undefined, code = 0, extra: (dir: string) => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-run-report-'));
  dirs.push(dir);
  if (ndjson !== undefined) writeFileSync(join(dir, 'cucumber.ndjson'), ndjson);
  extra(dir);
  let out = '';
  let err = '';
  const stderr = process.stderr.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    const status = reportRun({ reportsDir: dir, code, seconds: '1.5', platform: { 'kernel.release': 'k' }, write: (s) => (out += s) });
    return { status, out, err, dir };
  } finally {
    process.stderr.write = stderr;
  }
}

function waivers(yaml: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-waivers-'));
  dirs.push(dir);
  process.env.IPC_WAIVERS = join(dir, 'waivers.yaml');
  writeFileSync(process.env.IPC_WAIVERS, yaml);
}

const passed = messages([['reads the buffer', ['@claim:PIPE-55'], ['PASSED', 'PASSED'], []]]);
const failed = messages([['reads the buffer', ['@claim:PIPE-55'], ['PASSED', 'FAILED'], []]]);

test('a run that never started gives one line on stderr and cucumber\'s status, never 0, and writes no report', () => {
  for (const [ndjson, code, expected] of [[undefined, 0, 1], [undefined, 3, 3], [messages([], { started: false, finished: false }), 0, 1]] as const) {
    const r = report(ndjson, code);
    assert.equal(r.status, expected);
    assert.equal(r.err, `ipc-conformance: cucumber stopped before running any scenario (exit ${code}; its message is above), so there is no report\n`);
    assert.equal(r.out, '');
    assert.equal(existsSync(join(r.dir, 'claims.json')), false);
  }
});

test('a finished run whose scenarios passed exits 0 and prints the verdicts, the time and the counts', () => {
  const r = report(passed);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /^\nClaims: 389 in the ledger \(\d+ hold, \d+ corrected, \d+ depend, \d+ not testable, 388 unchecked in this run\); report: .*claims\.md\nScenarios ran in 1\.5 s\.\n/);
  assert.match(r.out, /^Benchmark: none /m);
  assert.match(r.out, /\n1 passed, 0 failed, 0 skipped\n$/);
  assert.doesNotMatch(r.out, /did not finish|Skipped, by reason|Waivers|waived|JUnit|Tags naming/);
  const claims = JSON.parse(readFileSync(join(r.dir, 'claims.json'), 'utf8')).claims;
  assert.equal(claims.find((c: { id: string }) => c.id === 'PIPE-55').status, 'passed');
  assert.equal(existsSync(join(r.dir, 'claims.md')), true);
  assert.equal(existsSync(join(r.dir, 'errno.json')), true);
});

test('a run cut short never exits 0, and says which scenarios it did not check', () => {
  const r = report(messages([['reads the buffer', ['@claim:PIPE-55'], ['PASSED'], []]], { started: true, finished: false }));
  assert.equal(r.status, 1);
  assert.match(r.out, /^The run did not finish \(interrupted or stopped early\): scenarios it did not reach are not checked\.$/m);
});

test('a tag naming a claim the ledger lacks fails the run', () => {
  const r = report(messages([['x', ['@claim:PIPE-55', '@claim:ZZZ-2', '@claim:ZZZ-1'], ['PASSED'], []]]));
  assert.equal(r.status, 1);
  assert.match(r.out, /^Tags naming claims the ledger lacks: ZZZ-1, ZZZ-2$/m);
});

test('a failure fails the run with cucumber\'s status unless a valid waiver covers every claim of the scenario', () => {
  let r = report(failed, 1);
  assert.equal(r.status, 1);
  assert.match(r.out, /\n0 passed, 1 failed, 0 skipped\n$/);
  assert.equal(report(failed, 4).status, 4, 'cucumber\'s own status is kept');

  waivers(`- claim: PIPE-55\n  reason: a known kernel bug\n  expires: ${FUTURE}\n`);
  r = report(failed, 1);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /^1 failed scenario\(s\) are waived \(see waivers\.yaml\)$/m);
  assert.match(r.out, /\n0 passed, 0 failed, 0 skipped\n$/);
  const claims = JSON.parse(readFileSync(join(r.dir, 'claims.json'), 'utf8')).claims;
  assert.equal(claims.find((c: { id: string }) => c.id === 'PIPE-55').status, 'waived');

  // a scenario of two claims, only one waived, still fails the run
  assert.equal(report(messages([['x', ['@claim:PIPE-55', '@claim:PIPE-56'], ['FAILED'], []]]), 1).status, 1);
  // a failed scenario of no claim cannot be waived
  assert.equal(report(messages([['x', [], ['FAILED'], []]]), 1).status, 1);
  // cucumber failed, but no scenario did (a hook outside scenarios, say): its status stands
  assert.equal(report(passed, 1).status, 1);
});

test('an expired waiver, or one of an unknown claim, fails a run that passed; a broken waivers file stops the report with 2', () => {
  waivers(`- claim: PIPE-55\n  reason: old\n  expires: ${PAST}\n- claim: ZZZ-9\n  reason: typo\n  expires: ${FUTURE}\n`);
  let r = report(passed);
  assert.equal(r.status, 1);
  assert.match(r.out, /^Waivers: \S*waivers\.yaml: the waiver of PIPE-55 expired on 2000-01-01 \(old\)$/m);
  assert.match(r.out, /^Waivers: \S*waivers\.yaml: the waiver names ZZZ-9, which the ledger does not have$/m);
  // an expired waiver does not excuse the failure either
  r = report(failed, 1);
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.out, /are waived/);

  waivers('claim: PIPE-55\n');
  r = report(passed);
  assert.equal(r.status, 2);
  assert.match(r.err, /^ipc-conformance: .*waivers\.yaml: a list of waivers/);
});

test('skips are counted by reason, and a JUnit skip no scenario matches is named', () => {
  const r = report(messages([
    ['a', ['@claim:PIPE-55'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: lsof is not installed']]],
    ['b', ['@claim:PIPE-56'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: lsof is not installed']]],
  ]), 0, (dir) => writeFileSync(join(dir, 'junit.xml'),
    '<testsuite><testcase classname="F" name="nobody"><skipped/></testcase><testcase classname="F" name="ok"/></testsuite>'));
  assert.equal(r.status, 0);
  assert.match(r.out, /^Skipped, by reason:\n {2}2 × not available here: lsof is not installed$/m);
  assert.match(r.out, /^JUnit: 1 skipped test case\(s\) could not be matched to a scenario, so they carry no reason$/m);
  assert.match(r.out, /\n0 passed, 0 failed, 2 skipped\n$/);
});

test('clearPreviousRun removes exactly the outputs a run writes from cucumber\'s messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-run-report-'));
  dirs.push(dir);
  assert.deepEqual(RUN_OUTPUTS, ['cucumber.ndjson', 'junit.xml', 'claims.json', 'claims.md', 'claims.html']);
  for (const f of [...RUN_OUTPUTS, 'platform.json', 'bench.json']) writeFileSync(join(dir, f), 'x');
  clearPreviousRun(dir);
  for (const f of RUN_OUTPUTS) assert.equal(existsSync(join(dir, f)), false, f);
  assert.equal(existsSync(join(dir, 'platform.json')), true);
  assert.equal(existsSync(join(dir, 'bench.json')), true);
});

test('the summary names placeholders a passed claim left unmeasured, and counts skips by reason, most first, ties by name', () => {
  const r = report(messages([
    ['modes', ['@claim:PIPE-52'], ['PASSED'], []],
    ['s1', [], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'b reason']]],
    ['s2', [], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'a reason']]],
    ['s3', [], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'c reason']]],
    ['s4', [], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'c reason']]],
    ['filtered', ['@claim:PIPE-55'], 'filtered', []],
  ]));
  assert.match(r.out, /^Ledger placeholders that no scenario measured: PIPE-52 \{pipe\.read_end_mode\}, \{pipe\.write_end_mode\}$/m);
  assert.match(r.out, /^Skipped, by reason:\n {2}2 × c reason\n {2}1 × a reason\n {2}1 × b reason\n/m);
  assert.match(r.out, /\n1 passed, 0 failed, 4 skipped\n$/);
  assert.equal(r.status, 0);
});

test('skips by reason pad the counts to one width, and a skip without a reason says so', () => {
  const skipped = (skipReason?: string) => ({ name: 'n', uri: 'u', location: 'u:1', feature: 'f', fullName: 'n', tags: [], status: 'skipped' as const, evidence: {}, skipReason });
  assert.deepEqual(skipsByReason([...Array.from({ length: 10 }, () => skipped('ten')), skipped(undefined), skipped('ten')]),
    ['  11 × ten', '   1 × no reason given']);
  assert.deepEqual(skipsByReason([]), []);
});

test('clearing an empty folder is no error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-run-report-'));
  dirs.push(dir);
  assert.doesNotThrow(() => clearPreviousRun(dir));
});

test('the verdict line counts each verdict under its own word', () => {
  const r = (verdict: string) => ({ verdict }) as unknown as Parameters<typeof verdictLine>[0][number];
  const records = [...'h'.repeat(1), ...'c'.repeat(2), ...'d'.repeat(3), ...'n'.repeat(4), ...'u'.repeat(5)]
    .map((c) => r({ h: 'holds', c: 'corrected', d: 'depends', n: 'not-testable', u: 'unchecked' }[c]!));
  assert.equal(verdictLine(records), 'Claims: 15 in the ledger (1 hold, 2 corrected, 3 depend, 4 not testable, 5 unchecked in this run)');
});

test('Allure results in the reports folder get the claim\'s labels and a skipped scenario\'s reason', () => {
  const r = report(messages([['s1', ['@claim:PIPE-55'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'no lsof']]]]), 0, (dir) => {
    mkdirSync(join(dir, 'allure-results'));
    writeFileSync(join(dir, 'allure-results', 'a-result.json'), JSON.stringify({
      fullName: 'ipc-conformance:features/x.feature#s1', status: 'passed', labels: [{ name: 'claim', value: 'PIPE-55' }],
    }));
  });
  const result = JSON.parse(readFileSync(join(r.dir, 'allure-results', 'a-result.json'), 'utf8'));
  assert.equal(result.status, 'skipped');
  assert.equal(result.statusDetails.message, 'no lsof');
  assert.deepEqual(result.labels.find((l: { name: string }) => l.name === 'verdict'), { name: 'verdict', value: 'unchecked' });
});

test('a filtered scenario is neither passed, failed nor skipped in the counts', () => {
  const r = report(messages([['a', ['@claim:PIPE-55'], ['PASSED'], []], ['b', ['@claim:PIPE-52'], 'filtered', []]]));
  assert.match(r.out, /\n1 passed, 0 failed, 0 skipped\n$/);
  assert.doesNotMatch(r.out, /Skipped, by reason/);
  assert.doesNotMatch(r.out, /Ledger placeholders/, 'a claim that did not pass lists no unmeasured placeholders');
});
