/**
 * native/sysv-msg.ts: the call each wrapper describes (msgflg bits by name),
 * IPC_SET of mode and msg_qbytes, and shmctl on a queue's id.
 */
import assert from 'node:assert/strict';
import { test, TestContext } from 'node:test';
import { C, sizeOf } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { SysResult } from '../native/libc';
import { SysvKind, createWithFreshKey, removeSysv } from '../native/sysv';
import {
  message, msgctl, msgget, msgrcv, msgsnd, msgsndRaw, removeQueue, setAttributes, shmStat, stat, statRaw,
} from '../native/sysv-msg';
import { shmget } from '../native/sysv-shm';

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

/** A queue under a fresh key, removed after the test. */
function queue(t: TestContext, mode = 0o600): { id: number; key: number } {
  const { key, result } = fresh(t, 'msg', (k) => msgget(k, C.IPC_CREAT | C.IPC_EXCL | mode));
  return { id: result.rc, key };
}

test('msgget names the key in hex and IPC_CREAT|IPC_EXCL with the mode', (t) => {
  const { key, result } = fresh(t, 'msg', (k) => msgget(k, C.IPC_CREAT | C.IPC_EXCL | 0o640));
  assert.equal(result.call, `msgget(key 0x${key.toString(16)}, IPC_CREAT|IPC_EXCL|0640)`);
  const bare = msgget(key, C.IPC_CREAT);
  assert.deepEqual([bare.call, bare.rc], [`msgget(key 0x${key.toString(16)}, IPC_CREAT)`, result.rc]);
  const none = msgget(key, 0);
  assert.deepEqual([none.call, none.rc], [`msgget(key 0x${key.toString(16)}, 00)`, result.rc]);
  const modeOnly = msgget(key, 0o600);
  assert.deepEqual([modeOnly.call, modeOnly.rc], [`msgget(key 0x${key.toString(16)}, 0600)`, result.rc]);
});

test('msgsnd names the type, the text size and the flags; raw calls name NULL or an unknown type', (t) => {
  const { id } = queue(t);
  const plain = msgsnd(id, 1, Buffer.from('abc'));
  assert.deepEqual([plain.call, plain.rc], [`msgsnd(${id}, type 1, 3 bytes, 0)`, 0]);
  const nowait = msgsnd(id, 2, Buffer.from('de'), C.IPC_NOWAIT);
  assert.deepEqual([nowait.call, nowait.rc], [`msgsnd(${id}, type 2, 2 bytes, IPC_NOWAIT)`, 0]);
  const untyped = msgsndRaw(id, message(3, Buffer.from('fg')), 2);
  assert.deepEqual([untyped.call, untyped.rc], [`msgsnd(${id}, type ?, 2 bytes, 0)`, 0]);
  const nul = msgsndRaw(id, null, 8, C.IPC_NOWAIT);
  assert.deepEqual([nul.call, nul.rc, nul.errnoName], [`msgsnd(${id}, NULL, 8 bytes, IPC_NOWAIT)`, -1, 'EFAULT']);
  assert.equal(stat(id).qnum, 3);
});

test('msgrcv names its size, msgtyp and flags, and returns the type and the text', (t) => {
  const { id } = queue(t);
  for (const [type, text] of [[1, 'one'], [2, 'two'], [3, 'three']] as const) assert.equal(msgsnd(id, type, Buffer.from(text)).rc, 0);
  const first = msgrcv(id, 16, 0);
  assert.deepEqual([first.call, first.rc, first.type, first.text.toString()], [`msgrcv(${id}, 16 bytes, msgtyp 0, 0)`, 3, 1, 'one']);
  const except = msgrcv(id, 16, 2, C.IPC_NOWAIT | C.MSG_EXCEPT);
  assert.deepEqual([except.call, except.type, except.text.toString()], [`msgrcv(${id}, 16 bytes, msgtyp 2, IPC_NOWAIT|MSG_EXCEPT)`, 3, 'three']);
  const cut = msgrcv(id, 1, 0, C.IPC_NOWAIT | C.MSG_NOERROR);
  assert.deepEqual([cut.call, cut.rc, cut.type, cut.text.toString()], [`msgrcv(${id}, 1 bytes, msgtyp 0, IPC_NOWAIT|MSG_NOERROR)`, 1, 2, 't']);
  const empty = msgrcv(id, 16, 0, C.IPC_NOWAIT);
  assert.deepEqual([empty.rc, empty.errnoName, empty.type, empty.text.length], [-1, 'ENOMSG', 0, 0]);
});

test('statRaw and msgctl name the command; an unknown command is named by its number', (t) => {
  const { id } = queue(t);
  const r = statRaw(id);
  assert.deepEqual([r.call, r.rc, r.buf.length], [`msgctl(${id}, IPC_STAT)`, 0, sizeOf('struct msqid_ds')]);
  const named = msgctl(id, C.IPC_STAT, 'IPC_STAT');
  assert.deepEqual([named.call, named.rc], [`msgctl(${id}, IPC_STAT)`, 0]);
  const unknown = msgctl(id, 4711);
  assert.deepEqual([unknown.call, unknown.rc, unknown.errnoName], [`msgctl(${id}, 4711)`, -1, 'EINVAL']);
});

test('setAttributes names what it sets: the mode, msg_qbytes, or both', (t) => {
  const { id } = queue(t);
  const qbytes = stat(id).qbytes;
  const mode = setAttributes(id, { mode: 0o640 });
  assert.deepEqual([mode.call, mode.rc], [`msgctl(${id}, IPC_SET, mode 0640)`, 0]);
  assert.deepEqual([stat(id).perm.mode, stat(id).qbytes], [0o640, qbytes]);
  const bytes = setAttributes(id, { qbytes: 1000 });
  assert.deepEqual([bytes.call, bytes.rc], [`msgctl(${id}, IPC_SET, msg_qbytes 1000)`, 0]);
  assert.deepEqual([stat(id).perm.mode, stat(id).qbytes], [0o640, 1000]);
  const both = setAttributes(id, { mode: 0o600, qbytes: 900 });
  assert.deepEqual([both.call, both.rc], [`msgctl(${id}, IPC_SET, mode 0600, msg_qbytes 900)`, 0]);
  assert.deepEqual([stat(id).perm.mode, stat(id).qbytes], [0o600, 900]);
});

test('removeQueue names IPC_RMID and the queue is gone', (t) => {
  const { id } = queue(t);
  assert.deepEqual(removeQueue(id), { call: `msgctl(${id}, IPC_RMID)`, rc: 0, errno: 0, errnoName: 'OK' });
  assert.equal(statRaw(id).errnoName, 'EINVAL');
});

test('shmctl on a queue\'s id fails with key 0; on a segment\'s id it reads the segment\'s key', (t) => {
  const { id } = queue(t);
  assert.deepEqual(shmStat(id), { call: `shmctl(${id}, IPC_STAT)`, rc: -1, errno: errnoNumber('EINVAL'), errnoName: 'EINVAL', key: 0 });
  const { key, result } = fresh(t, 'shm', (k) => shmget(k, 4096, C.IPC_CREAT | C.IPC_EXCL | 0o600));
  assert.deepEqual(shmStat(result.rc), { call: `shmctl(${result.rc}, IPC_STAT)`, rc: 0, errno: 0, errnoName: 'OK', key });
});
