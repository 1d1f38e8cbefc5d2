/** Removal of POSIX named objects (/dev/shm names, message queues), for the tracker. */
import { isBlocked } from './blocked';
import { rtFunc, sys, SysResult } from './libc';

const unlink = {
  shm: rtFunc('int shm_unlink(const char *name)'),
  mq: rtFunc('int mq_unlink(const char *name)'),
};

export type PosixKind = keyof typeof unlink;

export function unlinkPosix(kind: PosixKind, name: string): SysResult {
  return sys(`${kind}_unlink(${name})`, unlink[kind], name);
}

/** Unlinks for cleanup: a name already gone (ENOENT), or a call the sandbox blocks, is not an error. */
export function unlinkPosixQuietly(kind: PosixKind, name: string): void {
  const r = unlinkPosix(kind, name);
  if (r.rc === -1 && r.errnoName !== 'ENOENT' && !isBlocked(r.call, r.errnoName)) throw new Error(`${r.call} failed with ${r.errnoName}`);
}

/**
 * Every name this process's shm_open or mq_open created (O_CREAT) since the
 * last reset. After a scenario has released what it tracked, none may exist.
 */
const created: Array<{ kind: PosixKind; name: string }> = [];

export function notePosixName(kind: PosixKind, name: string, flags: string, result: SysResult): SysResult {
  if (result.rc >= 0 && flags.includes('O_CREAT')) created.push({ kind, name });
  return result;
}

/** Unlinks every name noted since the last call that still exists, and returns those; the list starts afresh. */
export function takeLeftoverPosixNames(): Array<{ kind: PosixKind; name: string }> {
  const left = created.filter(({ kind, name }) => unlinkPosix(kind, name).rc === 0);
  created.length = 0;
  return left;
}
