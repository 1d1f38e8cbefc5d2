/** The ledger: it loads, its rules decide, and it agrees with the features (and with shared/claims.md where present). */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decide, fill, LedgerEntry, loadLedger, testHolds } from '../kit/ledger';
import { featuresDir, root } from '../kit/paths';

const ledger = loadLedger();
const featureTags = (): Map<string, string> => {
  const tags = new Map<string, string>();
  for (const file of readdirSync(featuresDir).filter((f) => f.endsWith('.feature'))) {
    for (const m of readFileSync(join(featuresDir, file), 'utf8').matchAll(/@claim:([A-Z]+-\d+)/g)) tags.set(m[1], file);
  }
  return tags;
};

test('every @claim tag in the features names a claim of the ledger', () => {
  const unknown = [...featureTags().keys()].filter((id) => !ledger.has(id));
  assert.deepEqual(unknown, []);
});

test('every claim of the ledger has a scenario, not-testable ones included (their proxy)', () => {
  const tags = featureTags();
  assert.deepEqual([...ledger.keys()].filter((id) => !tags.has(id)), []);
});

const sharedClaims = join(root, '..', 'shared', 'claims.md');

test('the ledger has exactly the ids of shared/claims.md, for every mechanism it covers', (t) => {
  if (!existsSync(sharedClaims)) {
    t.skip(`../shared/claims.md is absent (the kit was cloned alone), so there is nothing to compare with`);
    return;
  }
  const ids = [...readFileSync(sharedClaims, 'utf8').matchAll(/^([A-Z]+-\d+) \|/gm)].map((m) => m[1]);
  const prefixes = new Set([...ledger.keys()].map((id) => id.split('-')[0]));
  assert.deepEqual([...ledger.keys()].filter((id) => !ids.includes(id)), [], 'ledger ids that claims.md does not have');
  const missing = ids.filter((id) => prefixes.has(id.split('-')[0]) && !ledger.has(id));
  assert.deepEqual(missing, [], 'claims of a covered mechanism that the ledger lacks');
  const pending = [...new Set(ids.map((id) => id.split('-')[0]))].filter((p) => !prefixes.has(p));
  if (pending.length) t.diagnostic(`mechanisms with no ledger yet: ${pending.join(', ')}`);
});

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: 'X-1', note: '000', section: 's', quote: 'q', claim: 'c', verdict: 'corrected', file: 't.yaml',
  observed: 'capacity {pipe.capacity}', ...over,
});

test('rules compare numbers as numbers and strings as strings', () => {
  assert.equal(testHolds('pipe.capacity == 4096', { 'pipe.capacity': 4096 }), true);
  assert.equal(testHolds('pipe.capacity < 10000', { 'pipe.capacity': 65536 }), false);
  assert.equal(testHolds('pipe.capacity >= 65536', { 'pipe.capacity': 65536 }), true);
  assert.equal(testHolds('errno != EPERM', { errno: 'EPERM' }), false);
  assert.equal(testHolds('cap.CAP_SYS_RESOURCE == true', { 'cap.CAP_SYS_RESOURCE': true }), true);
  assert.equal(testHolds('errno == "EAGAIN"', { errno: 'EAGAIN' }), true);
  assert.equal(testHolds('pipe.capacity == 1', {}), undefined);
  assert.throws(() => testHolds('capacity is big', {}), /not of the form/);
});

test('the first rule that holds decides the verdict and the sentence', () => {
  const e = entry({ when: [{ if: 'pipe.capacity == 4096', verdict: 'holds', observed: 'exactly {pipe.capacity}' }] });
  assert.deepEqual(decide(e, { 'pipe.capacity': 4096 }), { verdict: 'holds', observed: 'exactly 4096', missing: [] });
  assert.deepEqual(decide(e, { 'pipe.capacity': 65536 }), { verdict: 'corrected', observed: 'capacity 65536', missing: [] });
});

test('a placeholder nobody measured is shown as such, never silently dropped', () => {
  assert.deepEqual(fill('a {x} b', {}), { text: 'a {x: not measured} b', missing: ['x'] });
});
