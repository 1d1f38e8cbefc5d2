/**
 * native/sysv-sem.ts: the call each wrapper describes (failure messages and
 * skip reasons are built from it), semop's refusal to block the worker, and
 * the values semctl reads back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test, TestContext } from 'node:test';
import { C } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { callLog, SysResult } from '../native/libc';
import { SysvKind, createWithFreshKey, removeSysv } from '../native/sysv';
import { getall, getval, semCount, semget, semInfo, semop, semRemove, semStat, semSysctl, setall, setval } from '../native/sysv-sem';

/**
 * createWithFreshKey with each object an attempt made removed after the test,
 * so that even a loop that kept drawing would leave nothing behind.
 */
function fresh(t: TestContext, kind: SysvKind, create: (key: number) => SysResult): { key: number; result: SysResult } {
  return createWithFreshKey((k) => {
    const r = create(k);
    if (r.rc >= 0) t.after(() => removeSysv(kind, r.rc));
    return r;
  });
}

/** A private set of `nsems` semaphores, removed after the test. */
function privateSet(t: TestContext, nsems: number, mode = 0o600): number {
  const r = semget(C.IPC_PRIVATE, nsems, mode);
  assert.ok(r.rc >= 0, `${r.call} → ${r.errnoName}`);
  t.after(() => removeSysv('sem', r.rc));
  return r.rc;
}

test('semget names IPC_PRIVATE, the number of semaphores and the mode', (t) => {
  const r = semget(C.IPC_PRIVATE, 2, 0o600);
  t.after(() => removeSysv('sem', r.rc));
  assert.equal(r.call, 'semget(IPC_PRIVATE, 2, 0600)');
  assert.ok(r.rc >= 0);
});

test('semget names a key in hex, and IPC_CREAT, IPC_EXCL and the mode joined by |', (t) => {
  const { key, result } = fresh(t, 'sem', (k) => semget(k, 1, C.IPC_CREAT | C.IPC_EXCL | 0o640));
  assert.equal(result.call, `semget(0x${key.toString(16)}, 1, IPC_CREAT|IPC_EXCL|0640)`);
  const lookup = semget(key, 0, 0);
  assert.deepEqual([lookup.call, lookup.rc], [`semget(0x${key.toString(16)}, 0, 0)`, result.rc]);
  const creatLookup = semget(key, 0, C.IPC_CREAT);
  assert.deepEqual([creatLookup.call, creatLookup.rc], [`semget(0x${key.toString(16)}, 0, IPC_CREAT)`, result.rc]);
});

test('semop describes each op as {num, signed op, flags}', (t) => {
  const id = privateSet(t, 2);
  assert.equal(setval(id, 0, 5).rc, 0);
  const up = semop(id, [{ num: 0, op: 2 }]);
  assert.deepEqual([up.call, up.rc], [`semop(${id}, [{0, +2, 0}])`, 0]);
  const down = semop(id, [{ num: 0, op: -1, flags: C.IPC_NOWAIT }]);
  assert.deepEqual([down.call, down.rc], [`semop(${id}, [{0, -1, IPC_NOWAIT}])`, 0]);
  const zero = semop(id, [{ num: 0, op: 0, flags: C.IPC_NOWAIT }]);
  assert.deepEqual([zero.call, zero.rc, zero.errnoName], [`semop(${id}, [{0, 0, IPC_NOWAIT}])`, -1, 'EAGAIN']);
  const two = semop(id, [{ num: 0, op: 1, flags: C.SEM_UNDO }, { num: 1, op: 3 }]);
  assert.deepEqual([two.call, two.rc], [`semop(${id}, [{0, +1, SEM_UNDO}, {1, +3, 0}])`, 0]);
  assert.deepEqual(getall(id, 2).values, [7, 3]);
});

test('semop lists up to four ops, and summarises five or more by the first', (t) => {
  const id = privateSet(t, 1);
  const four = semop(id, [1, 2, 3, 4].map(() => ({ num: 0, op: 1 })));
  assert.deepEqual([four.call, four.rc], [`semop(${id}, [{0, +1, 0}, {0, +1, 0}, {0, +1, 0}, {0, +1, 0}])`, 0]);
  const five = semop(id, [{ num: 0, op: 2 }, ...[1, 2, 3, 4].map(() => ({ num: 0, op: 1 }))]);
  assert.deepEqual([five.call, five.rc], [`semop(${id}, [5 ops like {0, +2, 0}])`, 0]);
  assert.equal(getval(id, 0).rc, 10);
});

test('semop refuses an op that could block the worker: a decrement or a wait for zero without IPC_NOWAIT', (t) => {
  const id = privateSet(t, 2);
  assert.equal(setval(id, 0, 5).rc, 0); // were the check gone, these would not block
  assert.throws(() => semop(id, [{ num: 0, op: -1 }]), { message: `semop(${id}, {0, -1, 0}) could block the worker: add IPC_NOWAIT or use a fixture` });
  assert.throws(() => semop(id, [{ num: 0, op: 1 }, { num: 0, op: -1, flags: C.SEM_UNDO }]),
    { message: `semop(${id}, {0, +1, 0}, {0, -1, SEM_UNDO}) could block the worker: add IPC_NOWAIT or use a fixture` });
  assert.throws(() => semop(id, [{ num: 1, op: 0 }]), { message: `semop(${id}, {1, 0, 0}) could block the worker: add IPC_NOWAIT or use a fixture` });
  assert.deepEqual(getall(id, 2).values, [5, 0], 'nothing was applied');
});

test('sem_num is encoded unsigned: a number past 32767 reaches the kernel, which answers EFBIG', (t) => {
  const id = privateSet(t, 1);
  const r = semop(id, [{ num: 40000, op: 1 }]);
  assert.deepEqual([r.call, r.rc, r.errnoName], [`semop(${id}, [{40000, +1, 0}])`, -1, 'EFBIG']);
});

test('setval, getval, setall, getall and the counts name their semctl command', (t) => {
  const id = privateSet(t, 2);
  const set = setval(id, 1, 4);
  assert.deepEqual([set.call, set.rc], [`semctl(${id}, 1, SETVAL, 4)`, 0]);
  const got = getval(id, 1);
  assert.deepEqual([got.call, got.rc], [`semctl(${id}, 1, GETVAL)`, 4]);
  assert.equal(getval(id).call, `semctl(${id}, 0, GETVAL)`);
  const all = setall(id, [3, 9]);
  assert.deepEqual([all.call, all.rc], [`semctl(${id}, 0, SETALL, [3, 9])`, 0]);
  const read = getall(id, 2);
  assert.deepEqual([read.call, read.rc, read.values], [`semctl(${id}, 0, GETALL)`, 0, [3, 9]]);
  const n = semCount(id, 1, 'GETNCNT');
  assert.deepEqual([n.call, n.rc], [`semctl(${id}, 1, GETNCNT)`, 0]);
  const pid = semCount(id, 0, 'GETPID');
  assert.deepEqual([pid.call, pid.rc], [`semctl(${id}, 0, GETPID)`, process.pid]);
});

test('semStat decodes semid_ds, and on failure returns the result alone, with no stat', (t) => {
  const id = privateSet(t, 3, 0o640);
  const r = semStat(id);
  assert.deepEqual([r.call, r.rc, r.stat?.nsems, r.stat?.perm.mode, r.stat?.perm.uid], [`semctl(${id}, 0, IPC_STAT)`, 0, 3, 0o640, process.geteuid!()]);
  const removed = semRemove(id);
  assert.deepEqual(removed, { call: `semctl(${id}, 0, IPC_RMID)`, rc: 0, errno: 0, errnoName: 'OK' });
  assert.deepEqual(semStat(id), { call: `semctl(${id}, 0, IPC_STAT)`, rc: -1, errno: errnoNumber('EINVAL'), errnoName: 'EINVAL' });
});

test('semInfo asks semctl(IPC_INFO) and reads the limits kernel.sem shows', () => {
  callLog.splice(0);
  const info = semInfo();
  assert.match(callLog.join('\n'), /^semctl\(0, 0, IPC_INFO\) = \d+$/);
  const sysctl = semSysctl(readFileSync('/proc/sys/kernel/sem', 'utf8'))!;
  assert.deepEqual([info.semmsl, info.semmns, info.semopm, info.semmni], [sysctl.semmsl, sysctl.semmns, sysctl.semopm, sysctl.semmni]);
});

test('semSysctl reads the four numbers of kernel.sem whatever the blanks between them', () => {
  assert.deepEqual(semSysctl('250  32000   32  128\n'), { semmsl: 250, semmns: 32000, semopm: 32, semmni: 128 });
  assert.deepEqual(semSysctl('32000\t1024000000\t500\t32000'), { semmsl: 32000, semmns: 1024000000, semopm: 500, semmni: 32000 });
  assert.equal(semSysctl(undefined), undefined);
});
