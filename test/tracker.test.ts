/**
 * The resource tracker removes what a scenario made, and complains where its
 * picture of the world is wrong: a SysV id that vanished behind its back (its
 * number may already name someone else's object) or a value that is no id.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPipe } from '../native/pipe';
import { fcntl } from '../native/fd';
import { C } from '../native/constants';
import { createQueue, msgget, removeQueue, statRaw } from '../native/sysv-msg';
import { createdByCall, sysvipcRows, takeLeftoverSysvIds } from '../native/sysv';
import { ResourceTracker } from '../steps/support/tracker';

test('a tracked queue is removed after the scenario, and is listed in /proc/sysvipc/msg until then', () => {
  const t = new ResourceTracker();
  const { id, key } = createQueue(0o600);
  t.sysv('msg', id);
  t.sysv('msg', id); // tracking twice removes once
  assert.deepEqual(sysvipcRows('msg', { key }).map((r) => [r.key, r.id, r.perms]), [[key, id, 0o600]]);
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(statRaw(id).errnoName, 'EINVAL');
  assert.deepEqual(sysvipcRows('msg', { key }), []);
});

test('a queue the scenario removed itself is left alone; one removed behind the tracker\'s back is reported', () => {
  const t = new ResourceTracker();
  const told = createQueue(0o600);
  const untold = createQueue(0o600);
  t.sysv('msg', told.id);
  t.sysv('msg', untold.id);
  assert.equal(t.sysvRemoved('msg', told.id, removeQueue(told.id)).rc, 0);
  assert.equal(removeQueue(untold.id).rc, 0);
  const failures = t.releaseAll();
  assert.equal(failures.length, 1);
  assert.match(failures[0], new RegExp(`SysV msg ${untold.id}: msgctl\\(${untold.id}, IPC_RMID\\) failed with EINVAL \\(removed without telling the tracker\\?\\)`));
});

test('a failed call tracks nothing; a value that is no id or descriptor is a kit error', () => {
  const t = new ResourceTracker();
  const failed = { call: 'msgget()', rc: -1, errno: 2, errnoName: 'ENOENT' };
  assert.equal(t.sysvCreated('msg', failed), failed);
  assert.equal(t.opened(failed), undefined);
  assert.throws(() => t.sysv('shm', -1), /-1 is not a SysV shm id/);
  assert.throws(() => t.fd(-1), /-1 is not a file descriptor/);
  assert.deepEqual(t.releaseAll(), []);
});

test('a fixture\'s object is removed only if the fixture left it', () => {
  const t = new ResourceTracker();
  const gone = createQueue(0o600);
  const left = createQueue(0o600);
  t.fixtureSysv('msg', gone.id);
  t.fixtureSysv('msg', left.id);
  removeQueue(gone.id);
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(statRaw(left.id).errnoName, 'EINVAL');
});

test('tracked descriptors are closed after the scenario', () => {
  const t = new ResourceTracker();
  const p = openPipe();
  assert.equal(t.opened({ call: 'pipe()', rc: p.readEnd, errno: 0, errnoName: 'OK' }), p.readEnd);
  t.fd(p.writeEnd);
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(fcntl(p.readEnd, 'F_GETFD').errnoName, 'EBADF');
  assert.equal(fcntl(p.writeEnd, 'F_GETFD').errnoName, 'EBADF');
});

test('a lookup that finds someone else\'s object is never tracked, nor counted as a leftover to remove', () => {
  const foreign = createQueue(0o600); // stands for another user's queue under a colliding key
  takeLeftoverSysvIds(); // what the Before hook does: it was not made by this scenario
  const t = new ResourceTracker();
  for (const flags of [0, C.IPC_CREAT | 0o600]) {
    const found = msgget(foreign.key, flags);
    assert.equal(found.rc, foreign.id);
    assert.equal(createdByCall(found), false);
    t.sysvCreated('msg', found);
  }
  assert.deepEqual(takeLeftoverSysvIds(), []);
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(statRaw(foreign.id).rc, 0, 'the other user\'s queue is still there');
  assert.equal(removeQueue(foreign.id).rc, 0);
});

test('a creating call (IPC_CREAT|IPC_EXCL, IPC_PRIVATE) is tracked, and an untracked one is a leftover', () => {
  const t = new ResourceTracker();
  const made = t.sysvCreated('msg', msgget(C.IPC_PRIVATE, 0o600));
  assert.equal(createdByCall(made), true);
  const untracked = createQueue(0o600);
  assert.deepEqual(takeLeftoverSysvIds().map((x) => x.id).sort(), [made.rc, untracked.id].sort());
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(statRaw(made.rc).errnoName, 'EINVAL');
  assert.equal(removeQueue(untracked.id).rc, 0);
});

test('a pipe or socketpair result tracks both descriptors, a failed one none', () => {
  const t = new ResourceTracker();
  const p = openPipe();
  const r = { call: 'pipe2()', rc: 0, errno: 0, errnoName: 'OK', fds: [p.readEnd, p.writeEnd] as const };
  assert.equal(t.openedPair(r), r);
  const failed = { call: 'pipe2()', rc: -1, errno: 22, errnoName: 'EINVAL', fds: [-1, -1] as const };
  assert.equal(t.openedPair(failed), failed);
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(fcntl(p.readEnd, 'F_GETFD').errnoName, 'EBADF');
  assert.equal(fcntl(p.writeEnd, 'F_GETFD').errnoName, 'EBADF');
});
