/**
 * native/posix-mq.ts, posix-names.ts and posix-shm.ts: the call each wrapper
 * describes, struct mq_attr written as the kernel reads it, the named skip for
 * RLIMIT_MSGQUEUE, and which names count as this process's leftovers.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { test, TestContext } from 'node:test';
import { C } from '../native/constants';
import { NotAvailable } from '../native/not-available';
import { SysResult } from '../native/libc';
import { mqClose, mqGetattr, mqOpen, mqReceive, mqSend, skipOverMsgqueueRlimit } from '../native/posix-mq';
import { PosixKind, takeLeftoverPosixNames, unlinkPosix, unlinkPosixQuietly } from '../native/posix-names';
import { shmOpen, shmPath, shmUnlink } from '../native/posix-shm';

let serial = 0;

/** A name of this process, unlinked (and its descriptors closed) after the test. */
function name(t: TestContext, kind: PosixKind, fds: number[] = []): string {
  const n = `/ipcc-unit-${process.pid}-${++serial}`;
  t.after(() => {
    for (const fd of fds) (kind === 'mq' ? mqClose(fd) : closeSync(fd));
    unlinkPosix(kind, n);
  });
  return n;
}

// ---- message queues ------------------------------------------------------------

test('mq_open names the queue, the flags and the attributes it asks for', (t) => {
  const fds: number[] = [];
  const q = name(t, 'mq', fds);
  const r = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK', { maxmsg: 4, msgsize: 16 });
  assert.deepEqual([r.call, r.errnoName], [`mq_open(${q}, O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK, maxmsg 4, msgsize 16)`, 'OK']);
  fds.push(r.rc);
  const again = mqOpen(q, 'O_RDONLY');
  assert.deepEqual([again.call, again.errnoName], [`mq_open(${q}, O_RDONLY)`, 'OK']);
  fds.push(again.rc);
});

test('the attributes given to mq_open are the queue\'s; mq_getattr reads them back', (t) => {
  const fds: number[] = [];
  const q = name(t, 'mq', fds);
  const r = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK', { maxmsg: 3, msgsize: 24 });
  assert.ok(r.rc >= 0, `${r.call} → ${r.errnoName}`);
  fds.push(r.rc);
  assert.deepEqual(mqGetattr(r.rc), { flags: C.O_NONBLOCK, maxmsg: 3, msgsize: 24, curmsgs: 0 });
});

test('mq_attr fields are longs: a maxmsg past 2^31 reaches the kernel, which answers EINVAL', (t) => {
  const q = name(t, 'mq');
  const r = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK', { maxmsg: 2 ** 31, msgsize: 16 });
  assert.deepEqual([r.rc, r.errnoName], [-1, 'EINVAL']);
});

test('mq_send and mq_receive name the queue, the text, the priority and the size', (t) => {
  const fds: number[] = [];
  const q = name(t, 'mq', fds);
  const r = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK', { maxmsg: 2, msgsize: 16 });
  assert.ok(r.rc >= 0, `${r.call} → ${r.errnoName}`);
  fds.push(r.rc);
  const sent = mqSend(r.rc, 'hi', 3);
  assert.deepEqual([sent.call, sent.rc], [`mq_send(${r.rc}, "hi", prio 3)`, 0]);
  const got = mqReceive(r.rc, 16);
  assert.deepEqual([got.call, got.rc, got.text, got.priority], [`mq_receive(${r.rc}, 16 bytes)`, 2, 'hi', 3]);
  const none = mqReceive(r.rc, 16);
  assert.deepEqual([none.rc, none.errnoName, none.text], [-1, 'EAGAIN', '']);
});

test('mq_getattr on a descriptor that is no queue throws, naming the call and errno', () => {
  assert.throws(() => mqGetattr(-1), { message: 'mq_getattr(-1) failed with EBADF' });
});

test('mq_close names the descriptor, and a closed one is EBADF', (t) => {
  const q = name(t, 'mq');
  const r = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK');
  assert.ok(r.rc >= 0, `${r.call} → ${r.errnoName}`);
  const closed = mqClose(r.rc);
  assert.deepEqual([closed.call, closed.rc], [`mq_close(${r.rc})`, 0]);
  assert.equal(mqClose(r.rc).errnoName, 'EBADF');
});

const result = (rc: number, errnoName: string): SysResult => ({ call: 'mq_open(/q, O_RDWR|O_CREAT, maxmsg 10, msgsize 8192)', rc, errno: rc === -1 ? 24 : 0, errnoName });

test('EMFILE from mq_open is a named skip: RLIMIT_MSGQUEUE is too small for the queue', () => {
  assert.throws(() => skipOverMsgqueueRlimit(result(-1, 'EMFILE'), { maxmsg: 10, msgsize: 8192 }), (e: Error) => e instanceof NotAvailable
    && e.message === 'not available here: RLIMIT_MSGQUEUE is too small for 10 messages of 8192 bytes (mq_open(/q, O_RDWR|O_CREAT, maxmsg 10, msgsize 8192) → EMFILE)');
});

test('a queue that opened, or a failure other than EMFILE, is no skip', () => {
  assert.doesNotThrow(() => skipOverMsgqueueRlimit(result(5, 'OK'), { maxmsg: 10, msgsize: 8192 }));
  assert.doesNotThrow(() => skipOverMsgqueueRlimit(result(-1, 'EINVAL'), { maxmsg: 10, msgsize: 8192 }));
});

// ---- names ---------------------------------------------------------------------

test('unlinkPosix names shm_unlink or mq_unlink and the name', (t) => {
  const s = name(t, 'shm');
  const q = name(t, 'mq');
  const fd = shmOpen(s, 'O_RDWR|O_CREAT|O_EXCL');
  const mq = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK');
  assert.ok(fd.rc >= 0 && mq.rc >= 0);
  closeSync(fd.rc);
  mqClose(mq.rc);
  assert.deepEqual(unlinkPosix('shm', s), { call: `shm_unlink(${s})`, rc: 0, errno: 0, errnoName: 'OK' });
  assert.deepEqual(unlinkPosix('mq', q), { call: `mq_unlink(${q})`, rc: 0, errno: 0, errnoName: 'OK' });
  assert.equal(existsSync(shmPath(s)), false);
  assert.equal(unlinkPosix('mq', q).errnoName, 'ENOENT');
  takeLeftoverPosixNames();
});

test('unlinkPosixQuietly unlinks, and a name already gone is no error', (t) => {
  const s = name(t, 'shm');
  const fd = shmOpen(s, 'O_RDWR|O_CREAT|O_EXCL');
  assert.ok(fd.rc >= 0);
  closeSync(fd.rc);
  unlinkPosixQuietly('shm', s);
  assert.equal(existsSync(shmPath(s)), false);
  assert.doesNotThrow(() => unlinkPosixQuietly('shm', s));
  takeLeftoverPosixNames();
});

test('unlinkPosixQuietly throws on any other failure, naming the call and errno', () => {
  assert.throws(() => unlinkPosixQuietly('mq', `ipcc-unit-${process.pid}-no-slash`), { message: `mq_unlink(ipcc-unit-${process.pid}-no-slash) failed with EINVAL` });
});

test('leftovers are the names this process created with O_CREAT that still exist; they are unlinked and the list starts afresh', (t) => {
  takeLeftoverPosixNames();
  const fds: number[] = [];
  const mqFds: number[] = [];
  const s = name(t, 'shm', fds);
  const q = name(t, 'mq', mqFds);
  const gone = name(t, 'shm');
  const made = [shmOpen(s, 'O_RDWR|O_CREAT|O_EXCL'), shmOpen(gone, 'O_RDWR|O_CREAT')];
  const mq = mqOpen(q, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK');
  assert.ok(made.every((r) => r.rc >= 0) && mq.rc >= 0);
  fds.push(made[0].rc);
  closeSync(made[1].rc);
  mqFds.push(mq.rc);
  assert.equal(shmUnlink(gone).rc, 0);
  assert.deepEqual(takeLeftoverPosixNames(), [{ kind: 'shm', name: s }, { kind: 'mq', name: q }]);
  assert.equal(existsSync(shmPath(s)), false);
  assert.equal(mqOpen(q, 'O_RDONLY').errnoName, 'ENOENT');
  assert.deepEqual(takeLeftoverPosixNames(), []);
});

test('a name opened without O_CREAT, or whose O_CREAT|O_EXCL failed, is not this process\'s to remove', (t) => {
  takeLeftoverPosixNames();
  const foreign = name(t, 'shm');
  const path = shmPath(foreign);
  writeFileSync(path, '', { flag: 'wx', mode: 0o600 }); // stands for another program's object
  t.after(() => rmSync(path, { force: true }));
  const opened = shmOpen(foreign, 'O_RDONLY');
  assert.ok(opened.rc >= 0, `${opened.call} → ${opened.errnoName}`);
  closeSync(opened.rc);
  const taken = shmOpen(foreign, 'O_RDWR|O_CREAT|O_EXCL');
  assert.deepEqual([taken.rc, taken.errnoName], [-1, 'EEXIST']);
  assert.deepEqual(takeLeftoverPosixNames(), []);
  assert.equal(existsSync(path), true);
});

// ---- POSIX shared memory ----------------------------------------------------------

test('shm_open names the object, the flags and the mode in octal', (t) => {
  const fds: number[] = [];
  const s = name(t, 'shm', fds);
  const r = shmOpen(s, 'O_RDWR|O_CREAT|O_EXCL', 0o640);
  assert.deepEqual([r.call, r.errnoName], [`shm_open(${s}, O_RDWR|O_CREAT|O_EXCL, 0640)`, 'OK']);
  fds.push(r.rc);
  const ro = shmOpen(s, 'O_RDONLY');
  assert.deepEqual([ro.call, ro.errnoName], [`shm_open(${s}, O_RDONLY, 0600)`, 'OK']);
  fds.push(ro.rc);
  takeLeftoverPosixNames();
});

test('shmPath puts the name under /dev/shm without its leading slashes, and keeps the rest whole', () => {
  assert.equal(shmPath('/ipcc-x'), '/dev/shm/ipcc-x');
  assert.equal(shmPath('//ipcc-x'), '/dev/shm/ipcc-x');
  assert.equal(shmPath('ipcc-x/y'), '/dev/shm/ipcc-x/y');
});
