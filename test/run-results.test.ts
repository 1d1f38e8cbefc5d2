/**
 * What the kit reads from cucumber's messages (reports/cucumber.ndjson): where each scenario and example
 * row is written, the name JUnit gives it, how retries, failing step kinds, skips, evidence and
 * interruptions end up in its status (issue 13, items 1, 7, 8 and 11).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { claimTags, NOT_REACHED, OTHER_COMMANDS, readRun, readRunResults } from '../kit/run-results';
import { EVIDENCE_MEDIA_TYPE, SKIP_MEDIA_TYPE } from '../steps/support/evidence';
import { messages } from './support/messages';

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const write = (lines: object[] | string): string => {
  const file = join(dir, `r${files++}.ndjson`);
  writeFileSync(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
};

const loc = (line: number) => ({ line, column: 3 });
/** A feature with a plain scenario, a Rule with a scenario, and an outline with two example tables (one unnamed). */
const gherkinDocument = {
  uri: 'features/p.feature',
  feature: {
    name: 'Pipes', location: loc(1),
    children: [
      { background: { id: 'bg', name: '', steps: [] } },
      { scenario: { id: 'plain', name: 'a plain one', location: loc(4) } },
      { rule: { id: 'r', name: 'the rule', location: loc(8), children: [
        { background: { id: 'rbg' } },
        { scenario: { id: 'ruled', name: 'under a rule', location: loc(10), examples: [] } },
      ] } },
      { scenario: { id: 'outline', name: 'copy <n> bytes', location: loc(14), examples: [
        { name: 'small', tableBody: [{ id: 'r1', location: loc(18) }, { id: 'r2', location: loc(19) }] },
        { name: '', tableBody: [{ id: 'r3', location: loc(23) }] },
        { name: 'none' },
      ] } },
    ],
  },
};

/** One started-and-finished test case for pickle `i` with these step statuses and attachments. */
const ran = (i: number, statuses: Array<string | [string, string]>, attachments: Array<[string, string]> = [], attempt = 0, willBeRetried = false): object[] => [
  ...(attempt === 0 ? [{ testCase: { id: `c${i}`, pickleId: `p${i}` } }] : []),
  { testCaseStarted: { id: `s${i}.${attempt}`, testCaseId: `c${i}` } },
  ...statuses.map((st) => {
    const [status, message] = Array.isArray(st) ? st : [st, undefined];
    return { testStepFinished: { testCaseStartedId: `s${i}.${attempt}`, testStepResult: { status, ...(message ? { message } : {}) } } };
  }),
  ...attachments.map(([mediaType, body]) => ({ attachment: { testCaseStartedId: `s${i}.${attempt}`, mediaType, body } })),
  { testCaseFinished: { testCaseStartedId: `s${i}.${attempt}`, willBeRetried } },
];
const pickle = (i: number, name: string, astNodeIds: string[], tags: string[] = []) =>
  ({ pickle: { id: `p${i}`, name, uri: 'features/p.feature', astNodeIds, tags: tags.map((t) => ({ name: t })), location: loc(99) } });

test('each scenario and example row gets the line it is written on and the long name JUnit gives it', () => {
  const results = readRunResults(write([
    { meta: { protocolVersion: '1' } },
    { source: { uri: 'features/p.feature', data: '' } },
    { gherkinDocument },
    { stepDefinition: { id: 'sd' } },
    { testRunStarted: {} },
    pickle(0, 'a plain one', ['plain']),
    pickle(1, 'under a rule', ['ruled']),
    pickle(2, 'copy 1 bytes', ['outline', 'r1']),
    pickle(3, 'copy <n> bytes', ['outline', 'r2']),
    pickle(4, 'copy 9 bytes', ['outline', 'r3']),
    pickle(5, 'unknown node', ['nowhere']),
    ...ran(0, ['PASSED']), ...ran(1, ['PASSED']), ...ran(2, ['PASSED']), ...ran(3, ['PASSED']), ...ran(4, ['PASSED']), ...ran(5, ['PASSED']),
    { attachment: { mediaType: 'text/plain', body: 'a run-level attachment, no test case' } },
    { testRunFinished: {} },
  ]));
  assert.deepEqual(results.map((r) => [r.location, r.feature, r.fullName]), [
    ['features/p.feature:4', 'Pipes', 'a plain one'],
    ['features/p.feature:10', 'Pipes', 'the rule - under a rule'],
    ['features/p.feature:18', 'Pipes', 'copy <n> bytes - small - #1.1: copy 1 bytes'],
    ['features/p.feature:19', 'Pipes', 'copy <n> bytes - small - #1.2'],
    ['features/p.feature:23', 'Pipes', 'copy <n> bytes - #2.1: copy 9 bytes'],
    ['features/p.feature:99', 'features/p.feature', 'unknown node'],
  ]);
  assert.deepEqual(results.map((r) => r.status), ['passed', 'passed', 'passed', 'passed', 'passed', 'passed']);
});

test('a document without a feature, and a pickle without a location, still give a place', () => {
  const results = readRunResults(write([
    { gherkinDocument: { uri: 'features/empty.feature' } },
    { pickle: { id: 'p0', name: 'x', uri: 'features/q.feature', astNodeIds: [], tags: [] } },
    { pickle: { id: 'p1', name: 'y', uri: 'features/q.feature', tags: [] } },
  ]));
  assert.deepEqual(results.map((r) => r.location), ['features/q.feature:1', 'features/q.feature:1']);
  assert.deepEqual(results.map((r) => r.status), ['not-run', 'not-run']);
});

test('every failing step kind fails the scenario; a skipped step after passed ones skips it; only a FAILED step\'s first line is the failure', () => {
  const results = readRunResults(write([
    ...['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN', 'SKIPPED', 'PASSED', 'FAILED', 'SKIPPED']
      .map((_, i) => pickle(i, `s${i}`, [])),
    ...ran(0, ['PASSED', ['FAILED', 'expected EAGAIN\n    at step'], ['SKIPPED', 'later']]),
    ...ran(1, ['AMBIGUOUS']), ...ran(2, ['UNDEFINED']), ...ran(3, [['PENDING', 'TODO']]), ...ran(4, ['UNKNOWN']),
    ...ran(5, ['PASSED', 'SKIPPED']),
    ...ran(6, [['PASSED', 'a note']]),
    ...ran(7, ['FAILED']),
    ...ran(8, ['SKIPPED', 'PASSED']),
  ]));
  assert.deepEqual(results.map((r) => r.status), ['failed', 'failed', 'failed', 'failed', 'failed', 'skipped', 'passed', 'failed', 'skipped']);
  assert.deepEqual(results.map((r) => r.failure), ['expected EAGAIN', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  assert.deepEqual(results.map((r) => r.skipReason), [undefined, undefined, undefined, undefined, undefined,
    'skipped without a reason (a step before it failed to set up, or cucumber skipped it)', undefined, undefined,
    'skipped without a reason (a step before it failed to set up, or cucumber skipped it)']);
});

test('a named skip keeps its reason whatever is attached after it; evidence is merged in order', () => {
  const [s] = readRunResults(write([
    pickle(0, 's', []),
    ...ran(0, ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: msgget → ENOSYS'], [EVIDENCE_MEDIA_TYPE, '{"a":1,"b":2}'], [EVIDENCE_MEDIA_TYPE, '{"b":3}'],
      ['text/plain', 'log line']]),
  ]));
  assert.equal(s.status, 'skipped');
  assert.equal(s.skipReason, 'not available here: msgget → ENOSYS');
  assert.deepEqual(s.evidence, { a: 1, b: 3 });
});

test('a retried attempt does not count: the last attempt decides', () => {
  const results = readRunResults(write([
    pickle(0, 'flaky', []), pickle(1, 'retried then cut short', []),
    ...ran(0, [['FAILED', 'first try']], [], 0, true), ...ran(0, ['PASSED'], [], 1),
    ...ran(1, [['FAILED', 'first try']], [], 0, true),
  ]));
  assert.deepEqual(results.map((r) => [r.status, r.failure, r.skipReason]), [['passed', undefined, undefined], ['not-run', undefined, NOT_REACHED]]);
});

test('a stray step or attachment of a test case that never started is ignored', () => {
  const [s] = readRunResults(write([
    pickle(0, 's', []),
    { testStepFinished: { testCaseStartedId: 'ghost', testStepResult: { status: 'FAILED', message: 'x' } } },
    { attachment: { testCaseStartedId: 'ghost', mediaType: SKIP_MEDIA_TYPE, body: 'ghost' } },
    ...ran(0, ['PASSED']),
  ]));
  assert.deepEqual([s.status, s.skipReason, s.failure], ['passed', undefined, undefined]);
});

test('a scenario another command runs is left to it when not selected, and counts like any other once this command selects it', () => {
  const results = readRunResults(write([
    pickle(0, 'ratio', [], ['@performance', '@claim:P-1']), pickle(1, 'self', [], ['@selftest']),
    pickle(2, 'ratio, selected, not reached', [], ['@performance']), pickle(3, 'ratio, selected, cut short', [], ['@performance']),
    { testCase: { id: 'c2', pickleId: 'p2' } },
    { testCase: { id: 'c3', pickleId: 'p3' } }, { testCaseStarted: { id: 's3', testCaseId: 'c3' } },
  ]));
  assert.deepEqual(results.map((r) => [r.status, r.skipReason, r.elsewhere]), [
    ['not-run', OTHER_COMMANDS['@performance'], OTHER_COMMANDS['@performance']],
    ['not-run', 'a self-test of the kit\'s reports, not a check of the claim', 'a self-test of the kit\'s reports, not a check of the claim'],
    ['not-run', NOT_REACHED, undefined],
    ['not-run', 'interrupted: the run stopped while this scenario ran', undefined],
  ]);
  assert.equal(OTHER_COMMANDS['@performance'], 'a performance scenario: `npm run bench` runs it and the claim quotes that run\'s reports/bench.json');
});

test('blank lines and a line cut short are skipped', () => {
  const text = `\n${messages([['a', [], ['PASSED'], []]])}\n   \n{"testCaseFinished":`;
  assert.deepEqual(readRun(write(text)).results.map((r) => r.status), ['passed']);
});

test('claimTags names exactly the ids of @claim: tags', () => {
  assert.deepEqual(claimTags(['@claim:PIPE-22', '@linux', '@claim-like', 'claim:X-1', '@claim:MSG-28']), ['PIPE-22', 'MSG-28']);
  assert.deepEqual(claimTags([]), []);
});
