/**
 * reports/claims.md, word for word, and the claim records it is built from: the statuses, reasons,
 * results and sentences each kind of scenario outcome gives. The report is what readers of the notes
 * read, so its exact text is the contract (issue 13, items 1 and 11).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClaimRecord, buildClaimRecords, observedByScenario, renderMarkdown, statusOf } from '../kit/claims-report';
import { STATUS_LABEL, VERDICT_LEGEND } from '../kit/claim-record';
import { LedgerEntry } from '../kit/ledger';
import { ScenarioResult } from '../kit/run-results';

const scenario = (name: string, tags: string[], status: ScenarioResult['status'], more: Partial<ScenarioResult> = {}): ScenarioResult => ({
  name, uri: 'features/x.feature', location: `features/x.feature:${name.length}`, feature: 'X', fullName: name,
  tags, status, evidence: {}, ...more,
});

const entry = (id: string, more: Partial<LedgerEntry> = {}): LedgerEntry =>
  ({ id, note: '001', section: '2.1', quote: `quote of ${id}`, claim: `claim of ${id}`, verdict: 'holds', observed: `seen {v}`, file: 't.yaml', ...more });

test('statusOf: no scenario, only scenarios another command runs, a failure, a partial skip, a full skip', () => {
  assert.deepEqual(statusOf([]), { status: 'no-scenario' });
  const bench = scenario('ratio', [], 'not-run', { elsewhere: 'run by bench', skipReason: 'run by bench' });
  const bench2 = scenario('ratio 2', [], 'not-run', { elsewhere: 'run by bench', skipReason: 'run by bench' });
  const self = scenario('self', [], 'not-run', { elsewhere: 'a self-test', skipReason: 'a self-test' });
  assert.deepEqual(statusOf([bench, bench2, self]), { status: 'skipped', reason: 'run by bench; a self-test' });
  assert.deepEqual(statusOf([bench, scenario('p', [], 'passed')]), { status: 'passed' }, 'a scenario another command runs does not count when it did not run');
  assert.deepEqual(statusOf([scenario('f', [], 'failed')]), { status: 'failed', reason: 'a step failed' });
  assert.deepEqual(statusOf([scenario('f', [], 'failed', { failure: 'expected EAGAIN' })]), { status: 'failed', reason: 'expected EAGAIN' });
  assert.deepEqual(statusOf([scenario('s', [], 'skipped'), scenario('p', [], 'passed')]),
    { status: 'skipped', reason: '1 of 2 scenarios not checked: skipped' });
  assert.deepEqual(statusOf([scenario('s', [], 'skipped', { skipReason: 'no lsof' }), scenario('t', [], 'not-run', { skipReason: 'no lsof' }),
    scenario('u', [], 'skipped', { skipReason: 'no mqueue' })]), { status: 'skipped', reason: 'no lsof; no mqueue' });
  assert.deepEqual(statusOf([scenario('n', [], 'not-run', { skipReason: 'filtered' })]), { status: 'skipped', reason: 'filtered' },
    'a scenario of this command that did not run is counted');
});

test('observedByScenario names each scenario by how it ended, and leaves out those another command runs unless nothing else is left', () => {
  const bench = scenario('ratio', [], 'not-run', { elsewhere: 'run by bench', skipReason: 'run by bench' });
  assert.equal(observedByScenario([scenario('a', [], 'passed'), scenario('b', [], 'failed'), scenario('c', [], 'skipped'), bench,
    scenario('d', [], 'failed', { failure: 'got 0' }), scenario('e', [], 'not-run', { skipReason: 'not selected' })]),
  'Passed in this run: "a"; Failed in this run: "b" — a step failed; Not checked in this run: "c" — skipped; ' +
    'Failed in this run: "d" — got 0; Not checked in this run: "e" — not selected.');
  assert.equal(observedByScenario([bench]), 'Not checked in this run: "ratio" — run by bench.');
});

test('a claim record carries every scenario\'s outcome, deduplicated names and places, and a waiver only for a failure', () => {
  const ledger = new Map([
    ['A-1', entry('A-1')], ['A-2', entry('A-2')], ['A-3', entry('A-3', { reason: 'the ledger\'s reason' })],
    ['A-4', entry('A-4', { observed: 'seen {v} and {w}' })], ['A-5', entry('A-5')],
  ]);
  const results = [
    scenario('one', ['@claim:A-1', '@other'], 'passed', { evidence: { v: 1 } }),
    scenario('one', ['@claim:A-1'], 'skipped', { skipReason: 'no lsof', evidence: { v: 2 } }),
    scenario('two', ['@claim:A-2'], 'failed', { failure: 'got 3', skipReason: 'left over' }),
    scenario('three', ['@claim:A-3'], 'passed'),
    scenario('four', ['@claim:A-4'], 'passed', { evidence: { v: 4 } }),
    scenario('five', ['@claim:A-5'], 'passed', { skipReason: 'left over' }),
  ];
  const waivers = [{ claim: 'A-2', reason: 'kernel bug 123', expires: '2999-01-01' }, { claim: 'A-1', reason: 'never used', expires: '2999-01-01' }];
  const [a1, a2, a3, a4, a5] = buildClaimRecords(ledger, results, { v: 0, w: 'platform' }, waivers);
  assert.deepEqual(a1, {
    id: 'A-1', notes: ['001'], section: '2.1', quote: 'quote of A-1', claim: 'claim of A-1',
    verdict: 'unchecked', expectedVerdict: 'holds',
    observed: 'Passed in this run: "one"; Not checked in this run: "one" — no lsof.',
    expected: 'seen 2', evidence: { v: 2 },
    scenarios: ['one'], locations: ['features/x.feature:3'],
    results: [
      { name: 'one', location: 'features/x.feature:3', status: 'passed' },
      { name: 'one', location: 'features/x.feature:3', status: 'skipped', skipReason: 'no lsof' },
    ],
    status: 'skipped', reason: '1 of 2 scenarios not checked: no lsof',
  }, 'a waiver covers failures only');
  assert.equal(a2.status, 'waived');
  assert.equal(a2.reason, 'waived until 2999-01-01: kernel bug 123 (it failed: got 3)');
  assert.deepEqual(a2.results, [{ name: 'two', location: 'features/x.feature:3', status: 'failed', failure: 'got 3' }]);
  assert.equal(a3.reason, 'the ledger\'s reason', 'a passed claim keeps the ledger\'s reason');
  assert.equal(a3.observed, 'seen 0', 'a passed claim without evidence of its own reads the platform facts');
  assert.equal(a3.unmeasured, undefined);
  assert.deepEqual(a4.unmeasured, undefined);
  assert.equal(a4.observed, 'seen 4 and platform');
  assert.deepEqual(a5.results, [{ name: 'five', location: 'features/x.feature:4', status: 'passed' }], 'a passed scenario has no skip reason');
  assert.equal(a5.reason, undefined);
  assert.ok(!('reason' in a5));
  const [noScenario] = buildClaimRecords(new Map([['A-9', entry('A-9')]]), results, {}, []);
  assert.equal(noScenario.observed, 'No scenario checks this claim yet.');
  const [unmeasured] = buildClaimRecords(new Map([['A-4', entry('A-4', { observed: 'seen {v} and {w}' })]]), results, { v: 0 }, []);
  assert.deepEqual(unmeasured.unmeasured, ['w']);
  const [failedUnmeasured] = buildClaimRecords(new Map([['A-2', entry('A-2', { observed: '{z}' })]]), results, {}, []);
  assert.equal(failedUnmeasured.unmeasured, undefined, 'only a passed claim lists unmeasured placeholders');
});

const PLATFORM = { 'kernel.release': '6.1.0', 'kernel.arch': 'x86_64', 'libc.glibc_version': '2.36', page_size: 4096, uid: 0, container: 'none' };

const record = (id: string, note: string, more: Partial<ClaimRecord>): ClaimRecord => ({
  id, notes: [note], section: '1', quote: `q ${id}`, claim: `c ${id}`, verdict: 'holds', observed: `o ${id}`,
  evidence: {}, scenarios: [], locations: [], results: [], status: 'passed', ...more,
});

test('claims.md, word for word: header, legend, benchmark, unknown tags, claims without a scenario, notes in order', () => {
  const records = [
    record('B-1', '002', { verdict: 'corrected', reason: 'why it differs', evidence: { 'pipe.size': 65536, ok: true },
      scenarios: ['s1', 's2'], locations: ['features/p.feature:3', 'features/p.feature:9'] }),
    record('A-1', '001', { verdict: 'unchecked', expectedVerdict: 'holds', expected: 'e A-1', status: 'failed', reason: 'boom' }),
    record('A-2', '001', { verdict: 'unchecked', expectedVerdict: 'depends', expected: 'e A-2', status: 'skipped', reason: 'no lsof' }),
    record('A-3', '001', { verdict: 'unchecked', expectedVerdict: 'holds', expected: 'e A-3', status: 'waived', reason: 'waived' }),
    record('A-4', '001', { verdict: 'unchecked', expectedVerdict: 'not-testable', expected: 'e A-4', status: 'no-scenario' }),
    record('B-2', '002', { verdict: 'unchecked', expectedVerdict: 'holds', expected: 'e B-2', status: 'no-scenario' }),
  ];
  assert.equal(renderMarkdown(records, PLATFORM, ['Z-1', 'Z-2'], { bench: 'reports/bench.json of this run' }), [
    '# Claims of the notes, as observed on this host', '',
    'Kernel 6.1.0 (x86_64), glibc 2.36, page size 4096, uid 0, container: none.', '',
    '**6 claims**: 1 corrected, 5 unchecked.  ',
    'Scenarios: 1 passed, 1 failed, 1 skipped, 1 waived, 2 no-scenario.', '',
    'Verdicts: *holds* (the note is right here), *corrected* (the note is wrong; the sentence says what is true), ' +
      '*depends* (true only under the stated condition), *not-testable* (not a statement about behaviour; the reason says why), ' +
      '*unchecked* (this run did not earn a verdict: a scenario of the claim failed, was skipped or did not run; ' +
      'the ledger\'s verdict is shown as expected, not observed).', '',
    'Benchmark: reports/bench.json of this run', '',
    '**Tags naming claims the ledger does not have:** Z-1, Z-2', '',
    '**Claims without a scenario yet:** A-4, B-2', '',
    '## Note 001', '',
    '### A-1: unchecked (expected: holds), **FAILED**', '',
    '> q A-1 (§1)', '',
    '- **Claim:** c A-1',
    '- **On this host:** o A-1',
    '- **Expected (ledger, not observed in this run):** holds — e A-1',
    '- **Why:** boom',
    '',
    '### A-2: unchecked (expected: depends), skipped', '',
    '> q A-2 (§1)', '',
    '- **Claim:** c A-2',
    '- **On this host:** o A-2',
    '- **Expected (ledger, not observed in this run):** depends — e A-2',
    '- **Why:** no lsof',
    '',
    '### A-3: unchecked (expected: holds), failed, waived', '',
    '> q A-3 (§1)', '',
    '- **Claim:** c A-3',
    '- **On this host:** o A-3',
    '- **Expected (ledger, not observed in this run):** holds — e A-3',
    '- **Why:** waived',
    '',
    '### A-4: unchecked (expected: not-testable), no scenario', '',
    '> q A-4 (§1)', '',
    '- **Claim:** c A-4',
    '- **On this host:** o A-4',
    '- **Expected (ledger, not observed in this run):** not-testable — e A-4',
    '',
    '## Note 002', '',
    '### B-1: corrected, passed', '',
    '> q B-1 (§1)', '',
    '- **Claim:** c B-1',
    '- **On this host:** o B-1',
    '- **Reason:** why it differs',
    '- **Evidence:** `pipe.size` = 65536, `ok` = true',
    '- **Scenarios:** "s1"; "s2" (features/p.feature:3, features/p.feature:9)',
    '',
    '### B-2: unchecked (expected: holds), no scenario', '',
    '> q B-2 (§1)', '',
    '- **Claim:** c B-2',
    '- **On this host:** o B-2',
    '- **Expected (ledger, not observed in this run):** holds — e B-2',
    '',
  ].join('\n'));
});

test('claims.md without benchmark, unknown tags or claims lacking a scenario has none of those lines', () => {
  assert.equal(renderMarkdown([record('A-1', '001', {})], PLATFORM, []), [
    '# Claims of the notes, as observed on this host', '',
    'Kernel 6.1.0 (x86_64), glibc 2.36, page size 4096, uid 0, container: none.', '',
    '**1 claims**: 1 holds.  ',
    'Scenarios: 1 passed.', '',
    `Verdicts: ${Object.entries(VERDICT_LEGEND).map(([v, t]) => `*${v}* (${t})`).join(', ')}.`, '',
    '## Note 001', '',
    '### A-1: holds, passed', '',
    '> q A-1 (§1)', '',
    '- **Claim:** c A-1',
    '- **On this host:** o A-1',
    '',
  ].join('\n'));
});

test('the legend words every verdict and status once', () => {
  assert.deepEqual(STATUS_LABEL, { passed: 'passed', failed: 'failed', waived: 'failed, waived', skipped: 'skipped', 'no-scenario': 'no scenario' });
  assert.deepEqual(Object.keys(VERDICT_LEGEND), ['holds', 'corrected', 'depends', 'not-testable', 'unchecked']);
});
