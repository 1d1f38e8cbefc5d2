/**
 * The error inventory (features/errors/inventory/*.yaml) and the errno
 * scenarios (features/errors/*.feature) agree: every reachable row has a
 * scenario, every unreachable one a reason, every scenario a row; and the
 * errno report counts what it should.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errnoScenarios, InventoryRow, loadInventory, rowKey } from '../kit/errno-inventory';
import { buildErrnoRecords, coverage, renderErrnoMarkdown } from '../kit/errno-report';
import { ScenarioResult } from '../kit/run-results';

const rows = loadInventory();
const scenarios = errnoScenarios();

test('every inventory row has a scenario, or is unreachable with a reason', () => {
  const names = new Set(scenarios.map((s) => s.name));
  const missing = rows.filter((r) => !names.has(rowKey(r)) && !(r.reachable === 'no' && r.reason)).map(rowKey);
  assert.deepEqual(missing, []);
});

test('every errno scenario names an inventory row', () => {
  const keys = new Set(rows.map(rowKey));
  assert.deepEqual(scenarios.filter((s) => !keys.has(s.name)).map((s) => `${s.location} ${s.name}`), []);
});

test('every errno scenario is tagged with its call and carries no claim tag', () => {
  const wrong = scenarios.filter((s) => !s.tags.includes(`@call:${s.call}`) || s.tags.some((t) => t.startsWith('@claim:')));
  assert.deepEqual(wrong.map((s) => `${s.location} ${s.name} ${s.tags.join(' ')}`), []);
});

test('no two scenarios check the same row', () => {
  const seen = new Map<string, string>();
  const twice = scenarios.filter((s) => seen.has(s.name) || !seen.set(s.name, s.location)).map((s) => `${s.name} (${seen.get(s.name)}, ${s.location})`);
  assert.deepEqual(twice, []);
});

const row = (over: Partial<InventoryRow>): InventoryRow =>
  ({ call: 'bind', man: 'bind(2)', area: 't', errno: 'EINVAL', condition: 'c', reachable: 'unprivileged-and-root', ...over });
const result = (name: string, status: ScenarioResult['status'], skipReason?: string): ScenarioResult =>
  ({ name, feature: 'f', fullName: name, uri: 'features/errors/x.feature', location: 'features/errors/x.feature:9', tags: ['@errno'], status, evidence: {}, ...(skipReason ? { skipReason } : {}) });

test('the errno report gives each row the status of its scenario, or unreachable, or not-run', () => {
  const inv = [
    row({ condition: 'a' }), row({ condition: 'b', errno: 'EDESTADDRREQ', linuxErrno: 'ENOTCONN', linux: 'Linux says ENOTCONN' }),
    row({ condition: 'c', reachable: 'no', reason: 'global' }), row({ condition: 'd' }), row({ condition: 'e', reachable: 'root' }),
  ];
  const records = buildErrnoRecords(inv, [
    result('bind: a fails with EINVAL', 'passed'), result('bind: b fails with ENOTCONN', 'failed'),
    result('bind: e fails with EINVAL', 'skipped', 'this run lacks CAP_X'), result('bind: z fails with EINVAL', 'passed'),
  ]);
  assert.deepEqual(records.map((r) => [r.condition, r.errno, r.status, r.scenario ?? null, r.skipReason ?? null]), [
    ['a', 'EINVAL', 'passed', 'features/errors/x.feature:9', null],
    ['b', 'EDESTADDRREQ', 'failed', 'features/errors/x.feature:9', null],
    ['c', 'EINVAL', 'unreachable', null, null],
    ['d', 'EINVAL', 'not-run', null, null],
    ['e', 'EINVAL', 'skipped', 'features/errors/x.feature:9', 'this run lacks CAP_X'],
  ]);
  const md = renderErrnoMarkdown(records);
  assert.match(md, /## Where Linux and the man page disagree\n\n- \*\*bind\*\* EDESTADDRREQ → ENOTCONN, b: Linux says ENOTCONN/);
  assert.match(md, /5 entries, 4 reachable, 1 passed in this run \(25 % of the reachable\), 1 failed, 1 unreachable/);
});

test('coverage over two runs counts a row passed in either, and a failure in any', () => {
  const inv = [row({ condition: 'a' }), row({ condition: 'b', reachable: 'unprivileged' }), row({ condition: 'c', reachable: 'root' }), row({ condition: 'n', reachable: 'no', reason: 'r' })];
  const rootRun = buildErrnoRecords(inv, [result('bind: a fails with EINVAL', 'passed'), result('bind: b fails with EINVAL', 'skipped', 'x'), result('bind: c fails with EINVAL', 'passed')]);
  const userRun = buildErrnoRecords(inv, [result('bind: a fails with EINVAL', 'failed'), result('bind: b fails with EINVAL', 'passed'), result('bind: c fails with EINVAL', 'skipped', 'y')]);
  assert.deepEqual(coverage([rootRun, userRun]).coverage, { entries: 4, reachable: 3, covered: 3, unreachable: 1, failed: 1, percent: 100 });
  assert.deepEqual(coverage([userRun]).coverage, { entries: 4, reachable: 3, covered: 1, unreachable: 1, failed: 1, percent: 33.3 });
});
