/**
 * What native/sysv.ts promises the tracker and the steps: which calls count as
 * creations, which created objects are leftovers, what removal says when it
 * fails, how fresh keys are drawn, and /proc/sysvipc rows parsed exactly.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test, TestContext } from 'node:test';
import { C, sizeOf } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { callLog, lib, SysResult } from '../native/libc';
import {
  SysvKind, createWithFreshKey, createdByCall, freshKey, noteSysvId, removeSysv, removeSysvQuietly, removeSysvTracked,
  sysvipcRows, takeLeftoverSysvIds,
} from '../native/sysv';
import { msgget, statRaw } from '../native/sysv-msg';
import { semget } from '../native/sysv-sem';
import { shmget } from '../native/sysv-shm';

const isRoot = process.geteuid?.() === 0;
const NOBODY = 65534;

/** Removes, after the test, each object registered with the returned function (gone already is fine). */
function owned(t: TestContext): (kind: SysvKind, r: SysResult | number) => number {
  const made: Array<[SysvKind, number]> = [];
  t.after(() => { for (const [kind, id] of made) removeSysv(kind, id); });
  return (kind, r) => {
    const id = typeof r === 'number' ? r : r.rc;
    assert.ok(id >= 0, `creating a SysV ${kind} failed: ${typeof r === 'number' ? id : `${r.call} → ${r.errnoName}`}`);
    made.push([kind, id]);
    return id;
  };
}

/**
 * createWithFreshKey with each object an attempt made registered for removal
 * first, so that even a loop that kept drawing would leave nothing behind.
 */
function fresh(own: ReturnType<typeof owned>, kind: SysvKind, create: (key: number) => SysResult): { key: number; id: number; result: SysResult } {
  const { key, result } = createWithFreshKey((k) => {
    const r = create(k);
    if (r.rc >= 0) own(kind, r);
    return r;
  });
  return { key, id: result.rc, result };
}

const queue = (own: ReturnType<typeof owned>, mode: number) => fresh(own, 'msg', (k) => msgget(k, C.IPC_CREAT | C.IPC_EXCL | mode));

/** Runs fn with the effective uid of nobody (root only), restoring root's euid and capabilities after. */
function asNobody<T>(fn: () => T): T {
  process.seteuid!(NOBODY);
  try {
    return fn();
  } finally {
    process.seteuid!(0);
  }
}

/**
 * Sets the IPC namespace's next id for one kind (root only) before fn creates one
 * object; the creation uses it up (the kernel puts back -1, which cannot be written).
 */
function withNextId<T>(kind: SysvKind, id: number, fn: () => T): T {
  writeFileSync(`/proc/sys/kernel/${kind}_next_id`, String(id));
  return fn();
}

const alloc = Buffer.alloc;
/** The sizes of the buffers the last leftovers() call allocated (IPC_STAT's struct buffers). */
let allocated: number[] = [];

/**
 * takeLeftoverSysvIds, recording the size of each buffer it allocates. Each buffer
 * has room to spare behind it, so a buffer too small for its struct fails the
 * size assertion below instead of letting the kernel overrun the heap (which
 * would abort the process before the tests' cleanup ran).
 */
function leftovers(): Array<{ kind: SysvKind; id: number }> {
  allocated = [];
  Buffer.alloc = ((size: number, fill?: string | number | Uint8Array, encoding?: BufferEncoding) => {
    allocated.push(size);
    return alloc(size + 256, fill, encoding).subarray(0, size);
  }) as typeof Buffer.alloc;
  try {
    return takeLeftoverSysvIds();
  } finally {
    Buffer.alloc = alloc;
  }
}

/** Where it can, this process moves into an IPC namespace of its own: setting a next id there touches no one else's creations. */
const CLONE_NEWIPC = 0x08000000;
const ownNamespace = isRoot && Number(lib.func('int unshare(int)')(CLONE_NEWIPC)) === 0;

const noNextId = !ownNamespace ? 'setting kernel.*_next_id needs root and an IPC namespace of its own'
  : !existsSync('/proc/sys/kernel/sem_next_id') && 'kernel.sem_next_id is absent (no CONFIG_CHECKPOINT_RESTORE)';

// ---- which calls create ------------------------------------------------------

test('IPC_PRIVATE creates: the result counts as a creation even with no IPC_CREAT', (t) => {
  leftovers();
  const own = owned(t);
  const r = msgget(C.IPC_PRIVATE, 0o600);
  own('msg', r);
  assert.equal(createdByCall(r), true);
  assert.deepEqual(leftovers(), [{ kind: 'msg', id: r.rc }]);
});

test('IPC_CREAT|IPC_EXCL on a fresh key creates', (t) => {
  leftovers();
  const own = owned(t);
  const { key, result } = queue(own, 0o600);
  assert.notEqual(key, C.IPC_PRIVATE);
  assert.equal(createdByCall(result), true);
  assert.deepEqual(leftovers(), [{ kind: 'msg', id: result.rc }]);
});

test('a lookup with no flags, IPC_CREAT alone or IPC_EXCL alone finds the existing object and is no creation', (t) => {
  leftovers();
  const own = owned(t);
  const { id, key } = queue(own, 0o600);
  leftovers(); // the queue stands for another user's: not made by the calls below
  const found = [0, C.IPC_CREAT, C.IPC_CREAT | 0o600, C.IPC_EXCL, C.IPC_EXCL | 0o600].map((flags) => msgget(key, flags));
  assert.deepEqual(found.map((r) => [r.rc, createdByCall(r)]), found.map(() => [id, false]));
  assert.deepEqual(leftovers(), []);
});

test('a failed IPC_CREAT|IPC_EXCL (EEXIST) is no creation and is not listed', (t) => {
  leftovers();
  const own = owned(t);
  const { key } = queue(own, 0o600);
  leftovers();
  const r = msgget(key, C.IPC_CREAT | C.IPC_EXCL | 0o600);
  assert.deepEqual([r.rc, r.errnoName, createdByCall(r)], [-1, 'EEXIST', false]);
  assert.deepEqual(leftovers(), []);
});

test('id 0 is an id: a creating call that returned 0 counts as a creation', () => {
  leftovers();
  const r: SysResult = { call: 'semget(IPC_PRIVATE, 1, 0600)', rc: 0, errno: 0, errnoName: 'OK' };
  assert.equal(noteSysvId('sem', C.IPC_PRIVATE, 0o600, r), r);
  assert.equal(createdByCall(r), true);
  leftovers(); // forget the made-up id 0; nothing is removed
});

test('a creating call that really returned id 0 counts as a creation', { skip: noNextId }, (t) => {
  leftovers();
  const own = owned(t);
  const r = withNextId('shm', 0, () => shmget(C.IPC_PRIVATE, 4096, 0o600));
  own('shm', r);
  if (r.rc !== 0) return t.skip(`shm id 0 is taken here (got ${r.rc})`);
  assert.equal(createdByCall(r), true);
  assert.deepEqual(leftovers(), [{ kind: 'shm', id: 0 }]);
});

// ---- leftovers --------------------------------------------------------------

test('leftovers are the created objects still there, each once, of every kind, in creation order; then the list starts afresh', (t) => {
  leftovers();
  const own = owned(t);
  const a = msgget(C.IPC_PRIVATE, 0o600);
  const b = msgget(C.IPC_PRIVATE, 0o600);
  const gone = msgget(C.IPC_PRIVATE, 0o600);
  const s = semget(C.IPC_PRIVATE, 1, 0o600);
  const h = shmget(C.IPC_PRIVATE, 4096, 0o600);
  [a, b, gone].forEach((r) => own('msg', r));
  own('sem', s);
  own('shm', h);
  noteSysvId('msg', C.IPC_PRIVATE, 0o600, a); // noted twice, listed once
  assert.equal(removeSysv('msg', gone.rc).rc, 0);
  assert.deepEqual(leftovers(), [
    { kind: 'msg', id: a.rc }, { kind: 'msg', id: b.rc }, { kind: 'sem', id: s.rc }, { kind: 'shm', id: h.rc },
  ]);
  assert.deepEqual(leftovers(), []);
});

test('the leftover check asks IPC_STAT of each kind\'s own ctl, and says so in the call log', (t) => {
  leftovers();
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o600));
  const s = own('sem', semget(C.IPC_PRIVATE, 1, 0o600));
  const h = own('shm', shmget(C.IPC_PRIVATE, 4096, 0o600));
  callLog.splice(0);
  leftovers();
  assert.deepEqual(callLog, [`msgctl(${m}, IPC_STAT) = 0`, `semctl(${s}, IPC_STAT) = 0`, `shmctl(${h}, IPC_STAT) = 0`]);
});

test('the leftover check gives IPC_STAT a buffer the size of each kind\'s own struct (a smaller one would be overrun)', (t) => {
  leftovers();
  const own = owned(t);
  own('msg', msgget(C.IPC_PRIVATE, 0o600));
  own('sem', semget(C.IPC_PRIVATE, 1, 0o600));
  own('shm', shmget(C.IPC_PRIVATE, 4096, 0o600));
  leftovers();
  assert.deepEqual(allocated, [sizeOf('struct msqid_ds'), sizeOf('struct semid_ds'), sizeOf('struct shmid_ds')]);
});

test('an object this process may not read (IPC_STAT → EACCES) still exists, so it is a leftover', (t) => {
  leftovers();
  const own = owned(t);
  const id = own('msg', msgget(C.IPC_PRIVATE, 0o000));
  const check = () => { const stat = statRaw(id); return [leftovers(), stat.errnoName]; };
  // root's CAP_IPC_OWNER would read it anyway: look as nobody
  assert.deepEqual(isRoot ? asNobody(check) : check(), [[{ kind: 'msg', id }], 'EACCES']);
});

test('a queue and a semaphore set that share an id are two leftovers', { skip: noNextId }, (t) => {
  leftovers();
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o600));
  const s = withNextId('sem', m, () => semget(C.IPC_PRIVATE, 1, 0o600));
  own('sem', s);
  if (s.rc !== m) return t.skip(`semaphore id ${m} is taken here (got ${s.rc})`);
  assert.deepEqual(leftovers(), [{ kind: 'msg', id: m }, { kind: 'sem', id: m }]);
});

// ---- removal ----------------------------------------------------------------

test('removeSysv removes with IPC_RMID and names the call by kind', (t) => {
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o600));
  const s = own('sem', semget(C.IPC_PRIVATE, 1, 0o600));
  const h = own('shm', shmget(C.IPC_PRIVATE, 4096, 0o600));
  const removed = [removeSysv('msg', m), removeSysv('sem', s), removeSysv('shm', h)];
  assert.deepEqual(removed, [
    { call: `msgctl(${m}, IPC_RMID)`, rc: 0, errno: 0, errnoName: 'OK' },
    { call: `semctl(${s}, IPC_RMID)`, rc: 0, errno: 0, errnoName: 'OK' },
    { call: `shmctl(${h}, IPC_RMID)`, rc: 0, errno: 0, errnoName: 'OK' },
  ]);
  assert.equal(statRaw(m).errnoName, 'EINVAL');
  leftovers();
});

test('removeSysvQuietly removes a live object, and an object already gone is no error', (t) => {
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o600));
  removeSysvQuietly('msg', m);
  assert.equal(statRaw(m).errnoName, 'EINVAL');
  assert.doesNotThrow(() => removeSysvQuietly('msg', m));
  leftovers();
});

test('removeSysvQuietly throws when removal is refused (EPERM from another user\'s object)', { skip: !isRoot && 'needs an object of another user: run as root' }, (t) => {
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o666));
  assert.throws(() => asNobody(() => removeSysvQuietly('msg', m)), { message: `msgctl(${m}, IPC_RMID) failed with EPERM` });
  assert.equal(statRaw(m).rc, 0, 'still there');
  leftovers();
});

test('removeSysvTracked removes a live object; one already gone was removed behind the tracker\'s back', (t) => {
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o600));
  removeSysvTracked('msg', m);
  assert.equal(statRaw(m).errnoName, 'EINVAL');
  assert.throws(() => removeSysvTracked('msg', m), { message: `msgctl(${m}, IPC_RMID) failed with EINVAL (removed without telling the tracker?)` });
  leftovers();
});

test('removeSysvTracked names any other refusal without the tracker hint', { skip: !isRoot && 'needs an object of another user: run as root' }, (t) => {
  const own = owned(t);
  const m = own('msg', msgget(C.IPC_PRIVATE, 0o666));
  assert.throws(() => asNobody(() => removeSysvTracked('msg', m)), { message: `msgctl(${m}, IPC_RMID) failed with EPERM` });
  leftovers();
});

// ---- fresh keys ---------------------------------------------------------------

const fake = (rc: number, errnoName: string): SysResult => ({ call: 'msgget(key 0x1, IPC_CREAT|IPC_EXCL|0600)', rc, errno: rc === -1 ? errnoNumber(errnoName) : 0, errnoName });

test('createWithFreshKey draws again on EEXIST and keeps the first key that worked', () => {
  const keys: number[] = [];
  const ok = fake(7, 'OK');
  const got = createWithFreshKey((k) => { keys.push(k); return keys.length < 3 ? fake(-1, 'EEXIST') : ok; });
  assert.equal(keys.length, 3);
  assert.deepEqual(got, { key: keys[2], result: ok });
  assert.equal(new Set(keys).size, 3);
});

test('createWithFreshKey returns any other failure at once, without drawing again', () => {
  const keys: number[] = [];
  const refused = fake(-1, 'EACCES');
  const got = createWithFreshKey((k) => { keys.push(k); return refused; });
  assert.deepEqual(got, { key: keys[0], result: refused });
  assert.equal(keys.length, 1);
});

test('createWithFreshKey gives up after exactly 20 taken keys', () => {
  let calls = 0;
  assert.throws(() => createWithFreshKey(() => {
    if (++calls > 25) throw new Error('drew more than 25 keys');
    return fake(-1, 'EEXIST');
  }), { message: '20 fresh keys in a row were taken: something is flooding the key space' });
  assert.equal(calls, 20);
});

test('fresh keys are positive, above 0xffff and never IPC_PRIVATE', () => {
  for (let i = 0; i < 50; i++) {
    const k = freshKey();
    assert.ok(Number.isInteger(k) && k >= 0x10000 && k < 0x7fffffff && k !== C.IPC_PRIVATE, `key ${k}`);
  }
});

// ---- /proc/sysvipc ------------------------------------------------------------

test('a queue\'s row in /proc/sysvipc/msg has its key, id, octal perms and counters', (t) => {
  const own = owned(t);
  const { id, key } = queue(own, 0o640);
  const rows = sysvipcRows('msg', { key });
  const uid = process.geteuid!();
  assert.deepEqual(rows.map((r) => [r.key, r.msqid, r.id, r.perms, r.cbytes, r.qnum, r.uid, r.cuid]), [[key, id, id, 0o640, 0, 0, uid, uid]]);
  leftovers();
});

test('a semaphore set\'s row in /proc/sysvipc/sem has its id as semid and as id', (t) => {
  const own = owned(t);
  const { key, id } = fresh(own, 'sem', (k) => semget(k, 3, C.IPC_CREAT | C.IPC_EXCL | 0o600));
  assert.deepEqual(sysvipcRows('sem', { key }).map((r) => [r.key, r.semid, r.id, r.perms, r.nsems]), [[key, id, id, 0o600, 3]]);
  leftovers();
});

test('a segment\'s row in /proc/sysvipc/shm has its id as shmid and as id', (t) => {
  const own = owned(t);
  const { key, id } = fresh(own, 'shm', (k) => shmget(k, 8192, C.IPC_CREAT | C.IPC_EXCL | 0o604));
  assert.deepEqual(sysvipcRows('shm', { key }).map((r) => [r.key, r.shmid, r.id, r.perms, r.size, r.nattch]), [[key, id, id, 0o604, 8192, 0]]);
  leftovers();
});

test('every row of /proc/sysvipc/msg is listed, and a row must match every field of `where`', (t) => {
  const own = owned(t);
  const { id, key } = queue(own, 0o600);
  const lines = readFileSync('/proc/sysvipc/msg', 'utf8').trim().split('\n').length - 1;
  assert.equal(sysvipcRows('msg').length, lines);
  assert.deepEqual(sysvipcRows('msg', { key, perms: 0o644 }), []);
  assert.deepEqual(sysvipcRows('msg', { key, perms: 0o600 }).map((r) => r.id), [id]);
  leftovers();
});
