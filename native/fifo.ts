/**
 * Named pipes from this process: mkfifo, open by path, umask, statfs. Opens
 * made here are non-blocking or O_RDWR, never a blocking rendezvous: a blocked
 * open would stop the whole cucumber worker. Blocking opens belong to fixtures.
 */
import { C, readField, sizeOf } from './constants';
import { lib, must, sys, SysResult } from './libc';

const fn = {
  mkfifo: lib.func('int mkfifo(const char *path, mode_t mode)'),
  open: lib.func('int open(const char *path, int flags, ...)'),
  umask: lib.func('mode_t umask(mode_t mask)'),
  statfs: lib.func('int statfs(const char *path, _Out_ uint8_t *buf)'),
  chmod: lib.func('int chmod(const char *path, mode_t mode)'),
};

export const mkfifo = (path: string, mode: number): SysResult =>
  sys(`mkfifo(${path}, 0${mode.toString(8)})`, fn.mkfifo, path, mode);

/** open(path, flags), flags given by name: open(p, 'O_RDONLY', 'O_NONBLOCK'). */
export function open(path: string, ...flags: string[]): SysResult {
  return sys(`open(${path}, ${flags.join('|')})`, fn.open, path, flags.reduce((m, f) => m | C[f], 0));
}

/** Sets the process's umask and returns the previous one. */
export const umask = (mask: number): number => Number(fn.umask(mask));

export const chmod = (path: string, mode: number): void => {
  must(sys(`chmod(${path}, 0${mode.toString(8)})`, fn.chmod, path, mode));
};

const FS_NAMES = ['EXT4_SUPER_MAGIC', 'TMPFS_MAGIC', 'OVERLAYFS_SUPER_MAGIC', 'BTRFS_SUPER_MAGIC', 'XFS_SUPER_MAGIC'];

/** The file-system type of path, by its statfs magic number ('ext4', 'tmpfs', ... or the hex number). */
export function fileSystemType(path: string): { name: string; magic: number; onDisk: boolean } {
  const buf = Buffer.alloc(sizeOf('struct statfs'));
  must(sys(`statfs(${path})`, fn.statfs, path, buf));
  const magic = readField(buf, 'struct statfs', 'f_type');
  const known = FS_NAMES.find((n) => C[n] === magic);
  const name = known ? known.replace(/_SUPER_MAGIC|_MAGIC/, '').toLowerCase() : `0x${magic.toString(16)}`;
  return { name, magic, onDisk: name !== 'tmpfs' };
}

/** mkfifo with umask 0 for the call, so the FIFO gets exactly `mode`; the umask is restored. */
export function mkfifoExactMode(path: string, mode: number): SysResult {
  const old = umask(0);
  try {
    return mkfifo(path, mode);
  } finally {
    umask(old);
  }
}

