/**
 * SysV message queues from this process: msgget, msgsnd, msgrcv, msgctl, and
 * struct msqid_ds decoded with the probe's offsets (native/probes/msg.c).
 * A message is `long mtype` followed by mtext; msgsz counts mtext only.
 */
import { endianness } from 'node:os';
import { C, field, readField, sizeOf } from './constants';
import { lib, sys, must, SysResult } from './libc';
import { IpcPerm, createWithFreshKey, decodeIpcPerm, noteSysvId } from './sysv';

const fn = {
  msgget: lib.func('int msgget(int key, int msgflg)'),
  msgsnd: lib.func('int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg)'),
  msgrcv: lib.func('intptr_t msgrcv(int msqid, _Out_ void *msgp, size_t msgsz, long msgtyp, int msgflg)'),
  msgctl: lib.func('int msgctl(int msqid, int cmd, void *buf)'),
  shmctl: lib.func('int shmctl(int shmid, int cmd, void *buf)'),
  time: lib.func('int64_t time(void *t)'),
};

const LE = endianness() === 'LE';
const MTYPE = sizeOf('long');

/** Names msgflg bits for messages: "IPC_NOWAIT|MSG_NOERROR". */
function flagNames(flags: number): string {
  const names = ['IPC_CREAT', 'IPC_EXCL', 'IPC_NOWAIT', 'MSG_NOERROR', 'MSG_EXCEPT'].filter((n) => flags & C[n]);
  const rest = flags & 0o777;
  return [...names, ...(rest || !names.length ? [`0${rest.toString(8)}`] : [])].join('|');
}

/** time(NULL): the clock the kernel stamps msg_stime, msg_rtime and msg_ctime with (whole seconds). */
export const now = (): number => Number(fn.time(null));

export function msgget(key: number, flags: number): SysResult {
  return noteSysvId('msg', key, flags, sys(`msgget(key 0x${key.toString(16)}, ${flagNames(flags)})`, fn.msgget, key, flags));
}

/** Creates a queue under a fresh key (IPC_CREAT|IPC_EXCL, drawing again on EEXIST). */
export function createQueue(mode: number): { id: number; key: number } {
  const { key, result } = createWithFreshKey((k) => msgget(k, C.IPC_CREAT | C.IPC_EXCL | mode));
  return { id: must(result), key };
}

/** The bytes msgsnd reads: mtype as a long, then the text. */
export function message(type: number, text: Buffer): Buffer {
  const b = Buffer.alloc(MTYPE + text.length);
  if (LE) b.writeBigInt64LE(BigInt(type)); else b.writeBigInt64BE(BigInt(type));
  text.copy(b, MTYPE);
  return b;
}

export function msgsnd(id: number, type: number, text: Buffer, flags = 0): SysResult {
  return msgsndRaw(id, message(type, text), text.length, flags, type);
}

/** msgsnd with the caller's own buffer (or null) and msgsz, for claims about the arguments themselves. */
export function msgsndRaw(id: number, msgp: Buffer | null, msgsz: number, flags = 0, type?: number): SysResult {
  const what = msgp === null ? 'NULL' : `type ${type ?? '?'}`;
  return sys(`msgsnd(${id}, ${what}, ${msgsz} bytes, ${flags ? flagNames(flags) : '0'})`, fn.msgsnd, id, msgp, msgsz, flags);
}

export interface Received extends SysResult { type: number; text: Buffer }

/** msgrcv into a buffer with room for maxsz bytes of text. */
export function msgrcv(id: number, maxsz: number, msgtyp: number, flags = 0): Received {
  const buf = Buffer.alloc(MTYPE + maxsz);
  const r = sys(`msgrcv(${id}, ${maxsz} bytes, msgtyp ${msgtyp}, ${flags ? flagNames(flags) : '0'})`, fn.msgrcv, id, buf, maxsz, msgtyp, flags);
  const type = r.rc === -1 ? 0 : Number(LE ? buf.readBigInt64LE(0) : buf.readBigInt64BE(0));
  return { ...r, type, text: buf.subarray(MTYPE, MTYPE + Math.max(r.rc, 0)) };
}

export interface MsqidDs {
  perm: IpcPerm;
  stime: number; rtime: number; ctime: number;
  cbytes: number; qnum: number; qbytes: number;
  lspid: number; lrpid: number;
}

const DS = 'struct msqid_ds';

export function decodeMsqidDs(buf: Buffer): MsqidDs {
  const get = (name: string) => readField(buf, DS, name);
  return {
    perm: decodeIpcPerm(buf, field(DS, 'msg_perm').offset),
    stime: get('msg_stime'), rtime: get('msg_rtime'), ctime: get('msg_ctime'),
    cbytes: get('__msg_cbytes'), qnum: get('msg_qnum'), qbytes: get('msg_qbytes'),
    lspid: get('msg_lspid'), lrpid: get('msg_lrpid'),
  };
}

export function statRaw(id: number): SysResult & { buf: Buffer } {
  const buf = Buffer.alloc(sizeOf(DS));
  return { ...sys(`msgctl(${id}, IPC_STAT)`, fn.msgctl, id, C.IPC_STAT, buf), buf };
}

/** IPC_STAT that must succeed, decoded. */
export function stat(id: number): MsqidDs {
  const r = statRaw(id);
  must(r);
  return decodeMsqidDs(r.buf);
}

function writeUnsigned(buf: Buffer, struct: string, name: string, value: number, base = 0): void {
  const { offset, size } = field(struct, name);
  const at = base + offset;
  if (size === 8) { if (LE) buf.writeBigUInt64LE(BigInt(value), at); else buf.writeBigUInt64BE(BigInt(value), at); }
  else if (size === 4) { if (LE) buf.writeUInt32LE(value, at); else buf.writeUInt32BE(value, at); }
  else if (size === 2) { if (LE) buf.writeUInt16LE(value, at); else buf.writeUInt16BE(value, at); }
  else throw new Error(`field ${struct}.${name} has size ${size}`);
}

/** IPC_SET of mode and/or msg_qbytes, starting from the queue's current msqid_ds (uid and gid unchanged). */
export function setAttributes(id: number, change: { mode?: number; qbytes?: number }): SysResult {
  const current = statRaw(id);
  must(current);
  const buf = current.buf;
  const permAt = field(DS, 'msg_perm').offset;
  const parts: string[] = [];
  if (change.mode !== undefined) {
    writeUnsigned(buf, 'struct ipc_perm', 'mode', change.mode, permAt);
    parts.push(`mode 0${change.mode.toString(8)}`);
  }
  if (change.qbytes !== undefined) {
    writeUnsigned(buf, DS, 'msg_qbytes', change.qbytes);
    parts.push(`msg_qbytes ${change.qbytes}`);
  }
  return sys(`msgctl(${id}, IPC_SET, ${parts.join(', ')})`, fn.msgctl, id, C.IPC_SET, buf);
}

/** msgctl with any command number and a msqid_ds-sized buffer. */
export function msgctl(id: number, cmd: number, name = String(cmd)): SysResult {
  return sys(`msgctl(${id}, ${name})`, fn.msgctl, id, cmd, Buffer.alloc(sizeOf(DS)));
}

export function removeQueue(id: number): SysResult {
  return sys(`msgctl(${id}, IPC_RMID)`, fn.msgctl, id, C.IPC_RMID, null);
}

/** shmctl(IPC_STAT) on a number, to show a queue's identifier is not a shared-memory one. */
export function shmStat(id: number): SysResult & { key: number } {
  const buf = Buffer.alloc(sizeOf('struct shmid_ds'));
  const r = sys(`shmctl(${id}, IPC_STAT)`, fn.shmctl, id, C.IPC_STAT, buf);
  return { ...r, key: r.rc === -1 ? 0 : decodeIpcPerm(buf).key };
}

