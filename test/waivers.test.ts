/** Waivers: parsed strictly, applied only while valid, and an expired one is a problem. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { activeWaiver, isCalendarDate, loadWaivers, readWaivers, waiverProblems } from '../kit/waivers';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-waivers-'));
  const path = join(dir, 'waivers.yaml');
  writeFileSync(path, text);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return path;
}

test('the shipped waivers.yaml waives nothing', () => {
  assert.deepEqual(loadWaivers(), []);
});

test('a waiver applies until its expiry date, then it is a problem', () => {
  const waivers = loadWaivers(file('- claim: PIPE-59\n  reason: lsof differs\n  expires: 2027-06-30\n'));
  assert.deepEqual(waivers, [{ claim: 'PIPE-59', reason: 'lsof differs', expires: '2027-06-30' }]);
  assert.ok(activeWaiver(waivers, 'PIPE-59', '2027-06-30'));
  assert.equal(activeWaiver(waivers, 'PIPE-59', '2027-07-01'), undefined);
  assert.equal(activeWaiver(waivers, 'PIPE-22', '2027-01-01'), undefined);
  assert.deepEqual(waiverProblems(waivers, new Set(['PIPE-59']), '2027-01-01'), []);
  assert.match(waiverProblems(waivers, new Set(['PIPE-59']), '2027-07-01')[0], /expired on 2027-06-30/);
  assert.match(waiverProblems(waivers, new Set(), '2027-01-01')[0], /ledger does not have/);
});

test('a waiver without a reason or an expiry date is refused', () => {
  assert.throws(() => loadWaivers(file('- claim: PIPE-59\n  expires: 2027-06-30\n')), /gives no reason/);
  assert.throws(() => loadWaivers(file('- claim: PIPE-59\n  reason: x\n')), /needs an expiry date/);
  assert.throws(() => loadWaivers(file('claim: PIPE-59\n')), /a list of waivers/);
});

test('every problem of a waivers file is reported, each with the file\'s name', () => {
  const path = file('- claim: PIPE-59\n  reason: x\n  expires: 2027-02-30\n- reason: y\n  expires: 2027-01-01\n- claim: PIPE-22\n  expires: 2027-13-01\n');
  const { waivers, problems } = readWaivers(path);
  assert.deepEqual(waivers, []);
  assert.deepEqual(problems, [
    `${path}: waiver 1 (PIPE-59) expires on 2027-02-30, which is not a date`,
    `${path}: waiver 2 names no claim`,
    `${path}: waiver 3 (PIPE-22) gives no reason`,
    `${path}: waiver 3 (PIPE-22) expires on 2027-13-01, which is not a date`,
  ]);
});

test('a missing, empty or unparsable waivers file is a problem, not "no waivers"', () => {
  const missing = join(tmpdir(), 'ipcc-unit-no-such-waivers.yaml');
  assert.match(readWaivers(missing).problems[0], new RegExp(`^${missing}: the waivers file does not exist`));
  const empty = file('# only a comment\n');
  assert.match(readWaivers(empty).problems[0], new RegExp(`^${empty}: the waivers file is empty`));
  const broken = file('- claim: [PIPE-59\n');
  assert.match(readWaivers(broken).problems[0], new RegExp(`^${broken}: not valid YAML`));
  assert.deepEqual(readWaivers(file('[]\n')), { waivers: [], problems: [] });
});

test('dates: only real calendar days', () => {
  assert.ok(isCalendarDate('2028-02-29'));
  assert.ok(!isCalendarDate('2027-02-29'));
  assert.ok(!isCalendarDate('2027-02-30'));
  assert.ok(!isCalendarDate('2027-2-3'));
});

test('each malformed waiver is refused with the file, its number and its claim', () => {
  const path = file('- claim: PIPE-59\n  reason: ok\n  expires: 2027-06-30\n- claim: 7\n  reason: x\n  expires: 2027-06-30\n');
  assert.throws(() => loadWaivers(path), { message: `${path}: waiver 2 names no claim` });
  assert.throws(() => loadWaivers(file('- \n')), /: waiver 1 names no claim$/);
  assert.throws(() => loadWaivers(file('- claim: PIPE-59\n  reason: "   "\n  expires: 2027-06-30\n')), /: waiver 1 \(PIPE-59\) gives no reason$/);
  assert.throws(() => loadWaivers(file('- claim: PIPE-59\n  reason: 3\n  expires: 2027-06-30\n')), /: waiver 1 \(PIPE-59\) gives no reason$/);
  for (const expires of ['2027-6-30', '"2027-06-30 "', 'x2027-06-30', '20270-06-30']) {
    assert.throws(() => loadWaivers(file(`- claim: PIPE-59\n  reason: x\n  expires: ${expires}\n`)), /: waiver 1 \(PIPE-59\) needs an expiry date YYYY-MM-DD$/, expires);
  }
});

test('a waiver both expired and of an unknown claim gives both problems; without a date, today decides', () => {
  const waivers = [{ claim: 'X-1', reason: 'r', expires: '2000-01-01' }, { claim: 'PIPE-59', reason: 'r', expires: '2999-12-31' }];
  assert.deepEqual(waiverProblems(waivers, new Set(['PIPE-59']), '2026-01-01', 'w.yaml'), [
    'w.yaml: the waiver of X-1 expired on 2000-01-01 (r)', 'w.yaml: the waiver names X-1, which the ledger does not have',
  ]);
  assert.deepEqual(waiverProblems(waivers, new Set(['PIPE-59', 'X-1'])).length, 1);
  assert.equal(activeWaiver(waivers, 'X-1'), undefined);
  assert.equal(activeWaiver(waivers, 'PIPE-59')?.claim, 'PIPE-59');
  assert.equal(activeWaiver(waivers, 'X-1', '2000-01-01')?.claim, 'X-1', 'a waiver holds on its expiry day');
});

test('on its expiry day a waiver is no problem yet; the day after it is', () => {
  const waivers = [{ claim: 'PIPE-59', reason: 'r', expires: '2027-06-30' }];
  assert.deepEqual(waiverProblems(waivers, new Set(['PIPE-59']), '2027-06-30'), []);
  assert.equal(waiverProblems(waivers, new Set(['PIPE-59']), '2027-07-01').length, 1);
});

test('a file that gives no list of waivers yields no waiver and exactly one problem, worded for it', () => {
  const missing = join(tmpdir(), 'ipcc-unit-no-such-waivers.yaml');
  assert.deepEqual(readWaivers(missing), { waivers: [], problems: [`${missing}: the waivers file does not exist (write [] in it for no waivers)`] });
  const empty = file('');
  assert.deepEqual(readWaivers(empty), { waivers: [], problems: [`${empty}: the waivers file is empty (write [] in it for no waivers)`] });
  const broken = file('- claim: [PIPE-59\n');
  const parsed = readWaivers(broken);
  assert.deepEqual(parsed.waivers, []);
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0], new RegExp(`^${broken}: not valid YAML: [^\\n]+$`), 'the first line of the parser\'s message only');
  const map = file('claim: PIPE-59\n');
  assert.deepEqual(readWaivers(map), { waivers: [], problems: [`${map}: a list of waivers (- claim: …, reason: …, expires: YYYY-MM-DD) is expected`] });
  const zero = file('0\n');
  assert.deepEqual(readWaivers(zero).problems, [`${zero}: a list of waivers (- claim: …, reason: …, expires: YYYY-MM-DD) is expected`], 'a falsy document is no list either');
});

test('a blank claim names no claim; a second waiver of one claim is refused, the first kept', () => {
  const path = file('- claim: "  "\n  reason: x\n  expires: 2027-06-30\n- claim: PIPE-59\n  reason: a\n  expires: 2027-06-30\n' +
    '- claim: PIPE-59\n  reason: b\n  expires: 2027-07-30\n- claim: PIPE-22\n  reason: c\n  expires: 2027-06-30\n');
  assert.deepEqual(readWaivers(path), {
    waivers: [{ claim: 'PIPE-59', reason: 'a', expires: '2027-06-30' }, { claim: 'PIPE-22', reason: 'c', expires: '2027-06-30' }],
    problems: [`${path}: waiver 1 names no claim`, `${path}: waiver 3 (PIPE-59) waives a claim an earlier waiver already waives`],
  });
  assert.deepEqual(readWaivers(file('- claim: PIPE-59\n  reason: a\n  expires: 2027-06-30\n- claim: PIPE-22\n  reason: a\n  expires: 2027-06-30\n')).problems, []);
});

test('dates are whole YYYY-MM-DD strings', () => {
  for (const d of ['12027-06-30', '2027-06-301', ' 2027-06-30', '2027-06-30\n']) assert.ok(!isCalendarDate(d), JSON.stringify(d));
  assert.ok(isCalendarDate('2027-06-30'));
});

test('without a date given, a waiver expiring today is still valid (today is a calendar day, not a time)', () => {
  const before = new Date().toISOString().slice(0, 10);
  const waivers = [{ claim: 'PIPE-59', reason: 'r', expires: before }];
  const problems = waiverProblems(waivers, new Set(['PIPE-59']));
  const active = activeWaiver(waivers, 'PIPE-59');
  if (new Date().toISOString().slice(0, 10) !== before) return; // midnight (UTC) passed during the test: no conclusion
  assert.deepEqual(problems, []);
  assert.equal(active?.claim, 'PIPE-59');
});
