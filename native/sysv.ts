/**
 * What SysV message queues, semaphores and shared memory have in common:
 * fresh keys, struct ipc_perm, and removal (IPC_RMID) for the tracker.
 */
import { randomInt } from 'node:crypto';
import { isBlocked } from './blocked';
import { C, readField, sizeOf } from './constants';
import { lib, sys, SysResult } from './libc';

const rmid = {
  msg: lib.func('int msgctl(int msqid, int cmd, void *buf)'),
  shm: lib.func('int shmctl(int shmid, int cmd, void *buf)'),
  sem: lib.func('int semctl(int semid, int semnum, int cmd, ...)'),
};

export type SysvKind = keyof typeof rmid;

/**
 * Every SysV id this process's msgget, semget and shmget returned since the
 * last reset. After a scenario has released what it tracked, each of them must
 * be gone: one still there is a leak (an object the scenario did not track).
 */
const seen: Array<{ kind: SysvKind; id: number }> = [];

export function noteSysvId(kind: SysvKind, result: SysResult): SysResult {
  if (result.rc >= 0) seen.push({ kind, id: result.rc });
  return result;
}

/** The ids seen since the last call that still exist; the list starts afresh. */
export function takeLeftoverSysvIds(): Array<{ kind: SysvKind; id: number }> {
  const left = seen.filter(({ kind, id }) => {
    const buf = Buffer.alloc(sizeOf(`struct ${kind === 'msg' ? 'msqid' : kind === 'sem' ? 'semid' : 'shmid'}_ds`));
    const r = kind === 'sem' ? sys(`semctl(${id}, IPC_STAT)`, rmid.sem, id, 0, C.IPC_STAT, 'void *', buf)
      : sys(`${kind}ctl(${id}, IPC_STAT)`, rmid[kind], id, C.IPC_STAT, buf);
    return r.rc !== -1;
  });
  seen.length = 0;
  return left.filter((x, i) => left.findIndex((y) => y.kind === x.kind && y.id === x.id) === i);
}

/** IPC_RMID on one object. */
export function removeSysv(kind: SysvKind, id: number): SysResult {
  const call = `${kind}ctl(${id}, IPC_RMID)`;
  return kind === 'sem' ? sys(call, rmid.sem, id, 0, C.IPC_RMID) : sys(call, rmid[kind], id, C.IPC_RMID, null);
}

/**
 * For cleanup: removing what is already gone (EINVAL, EIDRM) is fine, and so is a call
 * the sandbox blocks (then the object could not have been made this way either).
 */
export function removeSysvQuietly(kind: SysvKind, id: number): void {
  const r = removeSysv(kind, id);
  if (r.rc === -1 && r.errnoName !== 'EINVAL' && r.errnoName !== 'EIDRM' && !isBlocked(r.errnoName)) {
    throw new Error(`${r.call} failed with ${r.errnoName}`);
  }
}

/**
 * A key no other object is likely to use: random, positive, never IPC_PRIVATE.
 * Create with IPC_CREAT|IPC_EXCL and draw again on EEXIST, so a run never
 * adopts an object it did not create.
 */
export function freshKey(): number {
  return randomInt(0x10000, 0x7fffffff);
}

export interface IpcPerm { key: number; uid: number; gid: number; cuid: number; cgid: number; mode: number }

/** Decodes the struct ipc_perm at the start of msqid_ds, semid_ds and shmid_ds, with the probe's offsets. */
export function decodeIpcPerm(buf: Buffer, offset = 0): IpcPerm {
  const get = (name: string) => readField(buf, 'struct ipc_perm', name, offset);
  return { key: get('__key') | 0, uid: get('uid'), gid: get('gid'), cuid: get('cuid'), cgid: get('cgid'), mode: get('mode') & 0o777 };
}
