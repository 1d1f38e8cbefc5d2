/** From cucumber messages to claim records: statuses, skip reasons, evidence, verdicts and sentences. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildClaimRecords, renderMarkdown } from '../kit/claims-report';
import { renderClaimsHtml } from '../kit/claims-html';
import { LedgerEntry } from '../kit/ledger';
import { NOT_REACHED, NOT_SELECTED, INTERRUPTED, readRun, readRunResults } from '../kit/run-results';
import { skipsByReason, verdictLine } from '../kit/run-report';
import { partialRun } from '../kit/docs';
import { EVIDENCE_MEDIA_TYPE, SKIP_MEDIA_TYPE } from '../steps/support/evidence';
import { messages } from './support/messages';

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function write(text: string): string {
  const file = join(dir, `m${files++}.ndjson`);
  writeFileSync(file, text);
  return file;
}

const entry = (id: string, observed = 'seen {v}'): LedgerEntry =>
  ({ id, note: '001', section: 's', quote: 'q', claim: 'c', verdict: 'holds', observed, file: 't.yaml' });
const ledgerOf = (...ids: string[]) => new Map(ids.map((id) => [id, entry(id)]));

test('each claim gets the worst status of its scenarios, the evidence they recorded and, when all passed, the filled sentence', () => {
  const results = readRunResults(write(messages([
    ['passes', ['@claim:A-1'], ['PASSED', 'PASSED'], [[EVIDENCE_MEDIA_TYPE, '{"v":7}']]],
    ['fails', ['@claim:A-2'], ['PASSED', 'FAILED', 'SKIPPED'], []],
    ['skips', ['@claim:A-3'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: lsof is not installed']]],
    ['filtered out', ['@claim:A-5'], 'filtered', []],
  ])));
  assert.deepEqual(results.map((r) => r.status), ['passed', 'failed', 'skipped', 'not-run']);
  const records = buildClaimRecords(ledgerOf('A-1', 'A-2', 'A-3', 'A-4', 'A-5'), results, { v: 1 }, []);
  assert.deepEqual(records.map((r) => r.status), ['passed', 'failed', 'skipped', 'no-scenario', 'skipped']);
  assert.deepEqual(records.map((r) => r.verdict), ['holds', 'unchecked', 'unchecked', 'unchecked', 'unchecked']);
  assert.equal(records[0].observed, 'seen 7', 'measured evidence wins over platform facts');
  assert.equal(records[0].expectedVerdict, undefined);
  assert.equal(records[1].reason, 'boom');
  assert.equal(records[1].observed, 'Failed in this run: "fails" — boom.');
  assert.equal(records[2].reason, 'not available here: lsof is not installed');
  assert.equal(records[4].reason, NOT_SELECTED);
  const md = renderMarkdown(records, { 'kernel.release': 'k' }, ['Z-9']);
  assert.match(md, /### A-1: holds, passed/);
  assert.match(md, /### A-2: unchecked \(expected: holds\), \*\*FAILED\*\*/);
  assert.match(md, /\*unchecked\* \(this run did not earn a verdict/, 'the legend explains "unchecked"');
  assert.match(md, /Claims without a scenario yet:\*\* A-4/);
  assert.match(md, /Tags naming claims the ledger does not have:\*\* Z-9/);
});

test('a claim with one scenario skipped and one passed is not passed: its sentence says what ran, the ledger\'s is labelled expected', () => {
  const ledger = new Map([['MSG-04', entry('MSG-04', 'msgget created a queue (id {msg.id}); the declaration compiles')]]);
  const scenarios = (msgget: string[], attach: Array<[string, string]>): string => messages([
    ['msgget creates a queue', ['@claim:MSG-04'], msgget, attach],
    ['<sys/msg.h> declares msgget', ['@claim:MSG-04'], ['PASSED'], []],
  ]);
  const full = buildClaimRecords(ledger, readRunResults(write(scenarios(['PASSED'], [[EVIDENCE_MEDIA_TYPE, '{"msg.id":5}']]))), {}, [])[0];
  const denied = buildClaimRecords(ledger, readRunResults(write(scenarios(['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: msgget → ENOSYS']]))), {}, [])[0];
  assert.equal(full.status, 'passed');
  assert.equal(full.observed, 'msgget created a queue (id 5); the declaration compiles');
  assert.equal(denied.status, 'skipped');
  assert.equal(denied.verdict, 'unchecked');
  assert.equal(denied.expectedVerdict, 'holds');
  assert.equal(denied.reason, '1 of 2 scenarios not checked: not available here: msgget → ENOSYS');
  assert.equal(denied.observed, 'Not checked in this run: "msgget creates a queue" — not available here: msgget → ENOSYS; ' +
    'Passed in this run: "<sys/msg.h> declares msgget".');
  assert.notEqual(denied.observed, full.observed);
  assert.doesNotMatch(denied.observed, /created a queue/, 'the sentence does not state what the skipped scenario would have seen');
  assert.equal(denied.expected, 'msgget created a queue (id {msg.id: not measured}); the declaration compiles');
  assert.deepEqual(denied.results, [
    { name: 'msgget creates a queue', location: 'features/x.feature:1', status: 'skipped', skipReason: 'not available here: msgget → ENOSYS' },
    { name: '<sys/msg.h> declares msgget', location: 'features/x.feature:1', status: 'passed' },
  ]);
  const md = renderMarkdown([denied], {}, []);
  assert.match(md, /### MSG-04: unchecked \(expected: holds\), skipped/);
  assert.match(md, /- \*\*On this host:\*\* Not checked in this run: "msgget creates a queue" — not available here: msgget → ENOSYS;/);
  assert.match(md, /- \*\*Expected \(ledger, not observed in this run\):\*\* holds — msgget created a queue/);
  const html = renderClaimsHtml([denied], {});
  assert.match(html, /<span class="badge unchecked">unchecked<\/span><span class="badge skipped">skipped<\/span>/);
  assert.match(html, /<b>Expected \(ledger, not observed in this run\):<\/b> holds — msgget created a queue/);
});

test('a claim with a scenario filtered out by --tags, or one the run stopped before, is not passed', () => {
  const results = readRunResults(write(messages([
    ['one', ['@claim:A-1', '@claim:A-2'], ['PASSED'], []],
    ['two, not selected', ['@claim:A-1'], 'filtered', []],
    ['three, not reached', ['@claim:A-2'], 'unreached', []],
    ['four, cut short', ['@claim:A-3'], 'interrupted', [[EVIDENCE_MEDIA_TYPE, '{"v":9}']]],
  ], { started: true, finished: false })));
  const [a1, a2, a3] = buildClaimRecords(ledgerOf('A-1', 'A-2', 'A-3'), results, {}, []);
  assert.deepEqual([a1.status, a2.status, a3.status], ['skipped', 'skipped', 'skipped']);
  assert.equal(a1.reason, `1 of 2 scenarios not checked: ${NOT_SELECTED}`);
  assert.equal(a2.reason, `1 of 2 scenarios not checked: ${NOT_REACHED}`);
  assert.equal(a3.reason, INTERRUPTED);
  assert.deepEqual(a3.evidence, {}, 'what an unfinished scenario recorded is not evidence');
  assert.equal(a3.verdict, 'unchecked');
});

test('scenarios another command runs (@performance, @selftest) count only when they ran', () => {
  const results = readRunResults(write(messages([
    ['proxy', ['@claim:P-1'], ['PASSED'], []],
    ['ratio', ['@performance', '@claim:P-1', '@claim:P-2'], 'filtered', []],
    ['self-test', ['@selftest', '@claim:P-3'], ['FAILED'], []],
  ])));
  const [p1, p2, p3] = buildClaimRecords(ledgerOf('P-1', 'P-2', 'P-3'), results, {}, []);
  assert.equal(p1.status, 'passed');
  assert.equal(p1.results[1].status, 'not-run');
  assert.match(p1.results[1].skipReason!, /npm run bench/);
  assert.equal(p2.status, 'skipped');
  assert.match(p2.reason!, /npm run bench/);
  assert.equal(p3.status, 'failed');
});

test('a messages file records whether the run started and finished', () => {
  assert.deepEqual((({ started, finished }) => ({ started, finished }))(readRun(write(messages([])))), { started: true, finished: true });
  const notStarted = readRun(write(messages([['a', [], 'filtered', []]], { started: false, finished: false })));
  assert.deepEqual([notStarted.started, notStarted.finished], [false, false]);
  assert.equal(readRun(write(`${messages([['a', [], ['PASSED'], []]], { started: true, finished: false })}\n{"attach`)).finished, false,
    'a line cut short by an interrupted writer is ignored');
});

test('the summary counts verdicts with the unchecked apart, and groups skips by reason', () => {
  const results = readRunResults(write(messages([
    ['a', ['@claim:A-1'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: msgget → ENOSYS']]],
    ['b', ['@claim:A-2'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: msgget → ENOSYS']]],
    ['c', ['@claim:A-3'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'lsof is not installed']]],
    ['d', ['@claim:A-4'], ['PASSED'], []],
  ])));
  assert.deepEqual(skipsByReason(results), ['  2 × not available here: msgget → ENOSYS', '  1 × lsof is not installed']);
  const records = buildClaimRecords(ledgerOf('A-1', 'A-2', 'A-3', 'A-4'), results, {}, []);
  assert.equal(verdictLine(records), 'Claims: 4 in the ledger (1 hold, 0 corrected, 0 depend, 0 not testable, 3 unchecked in this run)');
});

test('npm run docs refuses the report of a run that left scenarios out', () => {
  const results = readRunResults(write(messages([
    ['a', ['@claim:A-1'], ['PASSED'], []],
    ['b', ['@claim:A-2'], 'filtered', []],
    ['c', ['@claim:A-3'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'lsof is not installed']]],
  ])));
  const records = buildClaimRecords(ledgerOf('A-1', 'A-2', 'A-3'), results, {}, []);
  assert.equal(partialRun(records), '1 claim(s) have scenarios that did not run (A-2)');
  assert.equal(partialRun([records[0], records[2]]), undefined, 'a named skip is this host\'s answer, not a partial run');
});
