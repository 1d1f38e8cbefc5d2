/**
 * The ledger's own checks, its rule comparisons and its sentence filling, each case on both sides
 * (issue 13, items 4 and 11): a broken ledger file is refused with every problem named, a rule flips
 * exactly at its bound, and a sentence's hedging words are found whole.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { decide, fill, hedges, holdsSentences, LedgerEntry, loadLedger, testHolds } from '../kit/ledger';

const base = mkdtempSync(join(tmpdir(), 'ipcc-unit-ledger-'));
after(() => rmSync(base, { recursive: true, force: true }));
let dirs = 0;
function ledgerDir(files: Record<string, string>): string {
  const dir = join(base, `l${dirs++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = (id: string, extra = '') =>
  `${id}:\n  note: "001"\n  section: s\n  quote: q\n  claim: c\n  verdict: holds\n  observed: seen {v}\n${extra}`;

test('a good ledger loads every entry of every .yaml file in name order, with its id, note as text and file', () => {
  const dir = ledgerDir({ 'b.yaml': GOOD('B-1'), 'a.yaml': `${GOOD('A-2')}${GOOD('A-1')}`, 'notes.txt': 'X-1: nonsense', 'empty.yaml': '' });
  const ledger = loadLedger(dir);
  assert.deepEqual([...ledger.keys()], ['A-2', 'A-1', 'B-1']);
  assert.deepEqual(ledger.get('A-1'), { note: '001', section: 's', quote: 'q', claim: 'c', verdict: 'holds', observed: 'seen {v}', id: 'A-1', file: 'a.yaml' });
  const numeric = loadLedger(ledgerDir({ 'n.yaml': GOOD('N-1').replace('"001"', '7') }));
  assert.equal(numeric.get('N-1')!.note, '7');
});

test('every problem of a ledger is named with its file and id, all in one error', () => {
  const dir = ledgerDir({
    'a.yaml': [
      'pipe-1:\n  note: "001"\n  section: s\n  quote: q\n  claim: c\n  verdict: holds\n  observed: o\n',
      'A-2:\n  note: "001"\n  section: " "\n  quote: q\n  verdict: maybe\n  observed: o\n  column: colour\n',
      'A-3:\n  note: "001"\n  section: s\n  quote: q\n  claim: c\n  verdict: not-testable\n  observed: o\n',
      'A-4:\n  note: "001"\n  section: s\n  quote: q\n  claim: c\n  verdict: depends\n  observed: o\n  when:\n' +
        '    - if: capacity is big\n      verdict: perhaps\n      observed: x\n    - if: "v == 1"\n      verdict: holds\n',
      'A-5:\n',
    ].join(''),
    'b.yaml': GOOD('A-3'),
  });
  assert.throws(() => loadLedger(dir), (e: Error) => {
    assert.equal(e.message, [
      'the claim ledger has problems:',
      'a.yaml: pipe-1: an id looks like PIPE-22',
      'a.yaml: A-2: "section" is missing',
      'a.yaml: A-2: "claim" is missing',
      'a.yaml: A-2: verdict "maybe" is not one of holds, corrected, depends, not-testable',
      'a.yaml: A-2: column "colour" is not one of connectionless, reliable, flow-control, priority, speed, capacity, kinship, sync-only',
      'a.yaml: A-3: a not-testable claim needs a reason',
      'a.yaml: A-4: verdict "perhaps" is not one of holds, corrected, depends, not-testable',
      'a.yaml: A-4: rule "capacity is big" is not of the form "<key> <op> <value>"',
      'a.yaml: A-4: a "when" rule needs its own observed sentence',
      'a.yaml: A-5: "note" is missing',
      'a.yaml: A-5: "section" is missing',
      'a.yaml: A-5: "quote" is missing',
      'a.yaml: A-5: "claim" is missing',
      'a.yaml: A-5: "observed" is missing',
      'a.yaml: A-5: verdict "undefined" is not one of holds, corrected, depends, not-testable',
      'b.yaml: A-3 is also in a.yaml',
    ].join('\n  '));
    return true;
  });
});

test('an id must be the whole of LETTERS-digits, a known column and a not-testable reason pass', () => {
  for (const id of ['XPIPE-1x', 'x-PIPE-1', 'PIPE-1 ']) {
    assert.throws(() => loadLedger(ledgerDir({ 'a.yaml': GOOD(`"${id}"`) })), /an id looks like PIPE-22/, id);
  }
  const ok = loadLedger(ledgerDir({ 'a.yaml': GOOD('A-1', '  column: kinship\n') + GOOD('A-2').replace('holds', 'not-testable') + '  reason: r\n' }));
  assert.equal(ok.get('A-1')!.column, 'kinship');
  assert.equal(ok.get('A-2')!.reason, 'r');
});

test('each operator flips exactly at its bound, numbers compared as numbers', () => {
  const v = { n: 10 };
  const cases: Array<[string, boolean, boolean, boolean]> = [
    // op, at 9, at 10, at 11 (the rule's value is 10; the measured value varies)
    ['<', false, false, true],
    ['<=', false, true, true],
    ['>', true, false, false],
    ['>=', true, true, false],
    ['==', false, true, false],
    ['!=', true, false, true],
  ];
  for (const [op, at9, at10, at11] of cases) {
    assert.deepEqual([9, 10, 11].map((bound) => testHolds(`n ${op} ${bound}`, v)), [at9, at10, at11], op);
  }
  assert.equal(testHolds('n < 9', { n: 10 }), false);
  assert.equal(testHolds('n <= 9', { n: 10 }), false);
  assert.equal(testHolds('n < 100', { n: 10 }), true, 'as numbers: 10 < 100 (as strings it is not)');
  assert.equal(testHolds('n > 9', { n: 10 }), true, 'as numbers: 10 > 9 (as strings it is not)');
  assert.equal(testHolds('n >= 9', { n: 10 }), true);
  assert.equal(testHolds('n <= 100', { n: 10 }), true);
  assert.equal(testHolds('s == 10', { s: '10' }), true, 'a measured string compares as a string');
  assert.equal(testHolds('s == 10.0', { s: '10' }), false, 'strings are not parsed as numbers');
  assert.equal(testHolds('n == 10.0', { n: 10 }), true, 'numbers are');
  assert.equal(testHolds('n == abc', { n: 10 }), false, 'a word is not a number');
  assert.equal(testHolds('n == 0x0a', { n: 10 }), true, 'Number() reads hex');
  assert.equal(testHolds('b == true', { b: true }), true);
  assert.equal(testHolds('b == false', { b: true }), false);
});

test('a rule is "<key> <op> <value>" with any spacing; quotes around the value are dropped only when they enclose it', () => {
  assert.equal(testHolds('  n>=10  ', { n: 10 }), true);
  assert.equal(testHolds('n   ==   10', { n: 10 }), true);
  assert.equal(testHolds('e == "EAGAIN"', { e: 'EAGAIN' }), true);
  assert.equal(testHolds("e == 'EAGAIN'", { e: 'EAGAIN' }), true);
  assert.equal(testHolds('e == "EAGAIN" or "EINTR"', { e: 'EAGAIN" or "EINTR' }), true);
  assert.equal(testHolds('e == x"EAGAIN"', { e: 'x"EAGAIN"' }), true, 'a quote inside the value is kept');
  assert.equal(testHolds('e == "EAGAIN"x', { e: '"EAGAIN"x' }), true);
  assert.equal(testHolds('a.b-c == 1', { 'a.b-c': 1 }), true);
  assert.throws(() => testHolds('x n == 1', { n: 1 }), /rule "x n == 1" is not of the form/);
  assert.throws(() => testHolds('n ==', { n: 1 }), /not of the form/);
  assert.throws(() => testHolds(undefined as unknown as string, {}), /rule "undefined" is not of the form/);
  assert.equal(testHolds('n == 1', { m: 1 }), undefined);
});

test('a rule decides only when its key was measured and it holds; else the next rule, else the entry', () => {
  const e: LedgerEntry = {
    id: 'X-1', note: '0', section: 's', quote: 'q', claim: 'c', verdict: 'corrected', file: 'f', observed: 'own {n}',
    when: [{ if: 'm == 1', verdict: 'depends', observed: 'm one' }, { if: 'n <= 5', verdict: 'holds', observed: 'small {n}' }],
  };
  assert.deepEqual(decide(e, { n: 5 }), { verdict: 'holds', observed: 'small 5', missing: [] });
  assert.deepEqual(decide(e, { n: 6 }), { verdict: 'corrected', observed: 'own 6', missing: [] });
  assert.deepEqual(decide(e, { n: 6, m: 1 }), { verdict: 'depends', observed: 'm one', missing: [] });
  assert.deepEqual(decide(e, {}), { verdict: 'corrected', observed: 'own {n: not measured}', missing: ['n'] });
});

test('a filled sentence has its white space folded and trimmed', () => {
  assert.deepEqual(fill('  a \n {x}\t\t b  ', { x: 1 }), { text: 'a 1 b', missing: [] });
  assert.deepEqual(fill('{a.b-c} {d}', { 'a.b-c': 'v' }), { text: 'v {d: not measured}', missing: ['d'] });
});

test('hedges are matched whole, in either form, across line breaks', () => {
  assert.deepEqual(hedges('It differ here.'), ['differ']);
  assert.deepEqual(hedges('It differs here.'), ['differs']);
  assert.deepEqual(hedges('It indifferent here.'), []);
  assert.deepEqual(hedges('No exception.'), ['exception']);
  assert.deepEqual(hedges('Except this.'), ['except']);
  assert.deepEqual(hedges('It depend on the host.'), ['depend']);
  assert.deepEqual(hedges('The order is not\n   fixed.'), ['not fixed']);
  assert.deepEqual(hedges('  It varies.'), ['varies']);
  assert.deepEqual(hedges('One read. Not two.'), ['not']);
  assert.deepEqual(hedges('One read; read as bytes.'), ['read as']);
  assert.deepEqual(hedges('Read as bytes.'), ['read as']);
  assert.deepEqual(hedges('Nothing   else. \n Not\tthis.'), ['not']);
  assert.deepEqual(hedges('a, read as b'), ['read as']);
});

test('holdsSentences lists the entry\'s holds sentence and each holds rule, with where each is', () => {
  const e: LedgerEntry = {
    id: 'X-1', note: '0', section: 's', quote: 'q', claim: 'c', verdict: 'holds', file: 'f', observed: 'own',
    when: [{ if: 'm == 1', verdict: 'corrected', observed: 'no' }, { if: 'n <= 5', verdict: 'holds', observed: 'yes' }],
  };
  assert.deepEqual(holdsSentences(e), [{ where: 'X-1', observed: 'own' }, { where: 'X-1 when n <= 5', observed: 'yes' }]);
  assert.deepEqual(holdsSentences({ ...e, verdict: 'depends', when: undefined }), []);
});
