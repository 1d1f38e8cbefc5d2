/**
 * native/sysv-shm.ts: the call each wrapper describes, shmat's failure value,
 * an Attachment that refuses to touch memory once detached, and the mappings
 * /proc/self/maps shows for a segment.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test, TestContext } from 'node:test';
import { C } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { callLog, SysResult } from '../native/libc';
import { SysvKind, createWithFreshKey, removeSysv } from '../native/sysv';
import { Attachment, shmat, shmdt, shmget, shmInfo, shmRemove, shmSetMode, shmStat, statOf, sysvMappingsOf } from '../native/sysv-shm';

const FAILED = 0xffffffffffffffffn;

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

/** A private segment, removed after the test. */
function privateSegment(t: TestContext, size = 4096, mode = 0o600): number {
  const r = shmget(C.IPC_PRIVATE, size, mode);
  assert.ok(r.rc >= 0, `${r.call} → ${r.errnoName}`);
  t.after(() => removeSysv('shm', r.rc));
  return r.rc;
}

/** Attaches a segment read-write, detached after the test unless the test did. */
function attach(t: TestContext, id: number): Attachment {
  const r = shmat(id, null, 0);
  assert.equal(r.rc, 0, `${r.call} → ${r.errnoName}`);
  const a = new Attachment(id, r.addr, 4096);
  t.after(() => { if (a.mapped) a.detach(); });
  return a;
}

test('shmget names IPC_PRIVATE, the size and the mode', (t) => {
  const r = shmget(C.IPC_PRIVATE, 4096, 0o600);
  t.after(() => removeSysv('shm', r.rc));
  assert.equal(r.call, 'shmget(IPC_PRIVATE, 4096, 0600)');
  assert.ok(r.rc >= 0);
});

test('shmget names a key in hex and IPC_CREAT|IPC_EXCL with the mode; a lookup with no flags is 0', (t) => {
  const { key, result } = fresh(t, 'shm', (k) => shmget(k, 4096, C.IPC_CREAT | C.IPC_EXCL | 0o640));
  assert.equal(result.call, `shmget(0x${key.toString(16)}, 4096, IPC_CREAT|IPC_EXCL|0640)`);
  const lookup = shmget(key, 0, 0);
  assert.deepEqual([lookup.call, lookup.rc], [`shmget(0x${key.toString(16)}, 0, 0)`, result.rc]);
  const creatLookup = shmget(key, 0, C.IPC_CREAT);
  assert.deepEqual([creatLookup.call, creatLookup.rc], [`shmget(0x${key.toString(16)}, 0, IPC_CREAT)`, result.rc]);
});

test('shmat names the id, NULL or the address, and the flags; shmdt names the address', (t) => {
  const id = privateSegment(t);
  const rw = shmat(id, null, 0);
  assert.deepEqual([rw.call, rw.rc, rw.errnoName], [`shmat(${id}, NULL, 0)`, 0, 'OK']);
  const ro = shmat(id, null, C.SHM_RDONLY);
  assert.deepEqual([ro.call, ro.rc], [`shmat(${id}, NULL, SHM_RDONLY)`, 0]);
  assert.notEqual(ro.addr, rw.addr);
  for (const a of [rw, ro]) {
    const d = shmdt(a.addr);
    assert.deepEqual([d.call, d.rc], [`shmdt(0x${a.addr.toString(16)})`, 0]);
  }
});

test('a failed shmat is rc -1 with errno, and the address (void *) -1', () => {
  const r = shmat(-1, 0x1000n, C.SHM_RND | C.SHM_RDONLY);
  assert.deepEqual(r, { call: 'shmat(-1, 0x1000, SHM_RDONLY|SHM_RND)', rc: -1, errno: errnoNumber('EINVAL'), errnoName: 'EINVAL', addr: FAILED });
});

test('an attachment reads what it stored, and after a successful detach it is no longer mapped', (t) => {
  const id = privateSegment(t);
  const a = attach(t, id);
  a.store(8, 'hi');
  assert.deepEqual([...a.read(8, 3)], [0x68, 0x69, 0]);
  const r = a.detach();
  assert.deepEqual([r.call, r.rc, a.mapped], [`shmdt(0x${a.addr.toString(16)})`, 0, false]);
});

test('a failed detach leaves the attachment mapped', () => {
  const a = new Attachment(0, 0x1000n, 4096);
  const r = a.unmap();
  assert.deepEqual([r.call, r.rc, r.errnoName, a.mapped], ['shmdt(0x1000)', -1, 'EINVAL', true]);
});

test('an attachment marked detached refuses reads and writes instead of touching the memory', (t) => {
  const id = privateSegment(t);
  const a = attach(t, id);
  a.mapped = false; // still attached in truth, so a read that slipped through would not fault
  try {
    const at = `0x${a.addr.toString(16)}`;
    assert.throws(() => a.read(0, 1), { message: `the attachment at ${at} was detached; reading it would fault` });
    assert.throws(() => a.store(0, 'x'), { message: `the attachment at ${at} was detached; writing it would fault` });
  } finally {
    a.mapped = true;
  }
  assert.equal(a.read(0, 1)[0], 0, 'nothing was written');
});

test('shmStat decodes shmid_ds, and on failure returns the result alone, with no stat', (t) => {
  const id = privateSegment(t, 8192, 0o640);
  const r = shmStat(id);
  assert.deepEqual([r.call, r.rc, r.stat?.segsz, r.stat?.perm.mode, r.stat?.cpid, r.stat?.nattch], [`shmctl(${id}, IPC_STAT)`, 0, 8192, 0o640, process.pid, 0]);
  const removed = shmRemove(id);
  assert.deepEqual(removed, { call: `shmctl(${id}, IPC_RMID)`, rc: 0, errno: 0, errnoName: 'OK' });
  assert.deepEqual(shmStat(id), { call: `shmctl(${id}, IPC_STAT)`, rc: -1, errno: errnoNumber('EINVAL'), errnoName: 'EINVAL' });
});

test('shmSetMode reads the segment with IPC_STAT, then sets the mode with IPC_SET', (t) => {
  const id = privateSegment(t);
  callLog.splice(0);
  const r = shmSetMode(id, 0o640);
  assert.deepEqual([r.call, r.rc], [`shmctl(${id}, IPC_SET, mode 0640)`, 0]);
  assert.deepEqual(callLog, [`shmctl(${id}, IPC_STAT) = 0`, `shmctl(${id}, IPC_SET, mode 0640) = 0`]);
  assert.equal(statOf(id).perm.mode, 0o640);
});

test('shmInfo asks shmctl(IPC_INFO) and reads the limits /proc/sys/kernel shows', () => {
  callLog.splice(0);
  const info = shmInfo();
  assert.match(callLog.join('\n'), /^shmctl\(0, IPC_INFO\) = \d+$/);
  const sysctl = (n: string) => BigInt(readFileSync(`/proc/sys/kernel/${n}`, 'utf8').trim());
  assert.deepEqual([info.shmmax, info.shmmni, info.shmall, info.shmmin], [sysctl('shmmax'), sysctl('shmmni'), sysctl('shmall'), 1n]);
});

test('a segment\'s mappings are the /SYSV areas whose inode is its id, and only those', (t) => {
  const one = privateSegment(t);
  const other = privateSegment(t);
  const a = attach(t, one);
  const b = attach(t, other);
  const mine = sysvMappingsOf(one);
  assert.deepEqual(mine.map((e) => [e.start, e.inode, e.path]), [[a.addr, one, '/SYSV00000000 (deleted)']]);
  assert.deepEqual(sysvMappingsOf(other).map((e) => [e.start, e.inode]), [[b.addr, other]]);
});

test('anonymous mappings (inode 0) are never taken for segment 0', () => {
  assert.deepEqual(sysvMappingsOf(0).filter((e) => !e.path.startsWith('/SYSV')), []);
});
