/**
 * The batch fixtures' results (steps/support/fixture-batch.ts): a case's line
 * becomes its SysResult, a skip a named skip, a failed set-up or a missing or
 * doubled line a kit error that names the case.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotAvailable } from '../native/not-available';
import { errnoNumber } from '../native/errno';
import { FixtureRun } from '../steps/support/fixtures';
import { caseResult } from '../steps/support/fixture-batch';

const run = (...events: Array<Record<string, unknown>>) =>
  new FixtureRun('err-ipc-x', ['p'], events.map((e) => ({ event: 'result', ...e })), 0, undefined, '');

test('a case line is the SysResult of its call', () => {
  const r = caseResult(run({ case: 'a', call: 'semop', rc: -1, errno: errnoNumber('EIDRM') }, { case: 'b', call: 'x', rc: 0, errno: 0 }), 'a');
  assert.deepEqual([r.rc, r.errno, r.errnoName, r.call], [-1, errnoNumber('EIDRM'), 'EIDRM', 'semop (case a of err-ipc-x)']);
  const ok = caseResult(run({ case: 'b', call: 'shmat', rc: 4096, errno: 0 }), 'b');
  assert.deepEqual([ok.rc, ok.errno, ok.errnoName], [4096, 0, '']);
});

test('a skip is a named skip', () => {
  assert.throws(() => caseResult(run({ case: 'a', unavailable: 'needs root' }), 'a'), (e: unknown) => e instanceof NotAvailable && /needs root/.test((e as Error).message));
});

test('a failed set-up is a kit error, or a named skip when the sandbox took the call away', () => {
  assert.throws(() => caseResult(run({ case: 'a', setup: 'msgget', errno: errnoNumber('EINVAL') }), 'a'),
    (e: unknown) => !(e instanceof NotAvailable) && /case a of err-ipc-x: its set-up call msgget failed with EINVAL/.test((e as Error).message));
  // a used-up IPC limit is the host's state, not the kit's error (native/blocked.ts)
  assert.throws(() => caseResult(run({ case: 'a', setup: 'msgget', errno: errnoNumber('ENOSPC') }), 'a'), (e: unknown) => e instanceof NotAvailable && /kernel IPC limit/.test((e as Error).message));
  // ENOSYS from a call the probe does not cover: no such call here (a call it found allowed would be a real failure)
  assert.throws(() => caseResult(run({ case: 'a', setup: 'pidfd_open', errno: errnoNumber('ENOSYS') }), 'a'), (e: unknown) => e instanceof NotAvailable);
});

test('a case with no line, or two, is a kit error that says so', () => {
  const died = new FixtureRun('err-ipc-x', [], [{ event: 'case-died', case: 'a', signal: 14 }], 0, undefined, '');
  assert.throws(() => caseResult(died, 'a'), /case a of err-ipc-x reported 0 results \(it died: .*"signal":14/);
  assert.throws(() => caseResult(run({ case: 'a', call: 'x', rc: -1, errno: 1 }, { case: 'a', call: 'x', rc: -1, errno: 1 }), 'a'), /reported 2 results/);
});
