/**
 * What SysV message queues, semaphores and shared memory have in common:
 * fresh keys, struct ipc_perm, and removal (IPC_RMID) for the tracker.
 */
import { randomInt } from 'node:crypto';
import { requiredProcText } from './platform';
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
  if (r.rc === -1 && r.errnoName !== 'EINVAL' && r.errnoName !== 'EIDRM' && !isBlocked(r.call, r.errnoName)) {
    throw new Error(`${r.call} failed with ${r.errnoName}`);
  }
}

/**
 * For the tracker: the object must still be there. Gone (EINVAL, EIDRM) means it
 * was removed behind the tracker's back, which is a kit error; a call the sandbox
 * blocks is fine (then the object could not have been made this way either).
 */
export function removeSysvTracked(kind: SysvKind, id: number): void {
  const r = removeSysv(kind, id);
  if (r.rc === -1 && !isBlocked(r.call, r.errnoName)) {
    throw new Error(`${r.call} failed with ${r.errnoName}${r.errnoName === 'EINVAL' || r.errnoName === 'EIDRM' ? ' (removed without telling the tracker?)' : ''}`);
  }
}

/**
 * Creates an object under a fresh random key with IPC_CREAT|IPC_EXCL, drawing
 * again on EEXIST, so a run never adopts an object it did not create.
 */
export function createWithFreshKey(create: (key: number) => SysResult): { key: number; result: SysResult } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = freshKey();
    const result = create(key);
    if (result.rc !== -1 || result.errnoName !== 'EEXIST') return { key, result };
  }
  throw new Error('20 fresh keys in a row were taken: something is flooding the key space');
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

/**
 * The rows of /proc/sysvipc/<kind> (the objects this process may see), by
 * column name, numbers as numbers and perms read as octal; the id column
 * (msqid, semid, shmid) also as `id`. Only rows matching every field of
 * `where` (e.g. { key }) when given. A named skip where the file cannot be read;
 * a row that does not parse is a kit error.
 */
export function sysvipcRows(kind: SysvKind, where: Record<string, number> = {}): Array<Record<string, number>> {
  const [header, ...lines] = requiredProcText(`/proc/sysvipc/${kind}`).split('\n');
  const cols = header.trim().split(/\s+/);
  if (cols[0] !== 'key') throw new Error(`/proc/sysvipc/${kind} starts with "${cols[0]}", not "key"`);
  const rows = lines.map((line) => {
    const values = line.trim().split(/\s+/);
    const row: Record<string, number> = {};
    cols.forEach((c, i) => { row[c] = c === 'perms' ? parseInt(values[i], 8) : Number(values[i]); });
    row.id = row[`${kind === 'sem' ? 'sem' : kind === 'shm' ? 'shm' : 'msq'}id`];
    if (Object.values(row).some((v) => !Number.isInteger(v))) throw new Error(`/proc/sysvipc/${kind} has a row that does not parse: ${line}`);
    return row;
  });
  return rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
}

