/**
 * POSIX shared memory from this process: shm_open and shm_unlink, and where
 * glibc keeps the objects.
 */
import { join } from 'node:path';
import { rtFunc, sys, SysResult } from './libc';
import { flagValue } from './mmap';
import { notePosixName, unlinkPosix } from './posix-names';

const raw = {
  shmOpen: rtFunc('int shm_open(const char *name, int oflag, mode_t mode)'),
};

/** shm_open(name, 'O_RDWR|O_CREAT', mode). */
export function shmOpen(name: string, flags: string, mode = 0o600): SysResult {
  return notePosixName('shm', name, flags, sys(`shm_open(${name}, ${flags}, 0${mode.toString(8)})`, raw.shmOpen, name, flagValue(flags), mode));
}

export function shmUnlink(name: string): SysResult {
  return unlinkPosix('shm', name);
}

/** Where glibc keeps the object of a name: /dev/shm/<name without its slash>. */
export const shmPath = (name: string): string => join('/dev/shm', name.replace(/^\/+/, ''));
