/**
 * Paths in the states the errno cases need, each inside a tracked temp dir:
 * a directory without search permission, a symbolic link loop, a dangling
 * link, a file used as a directory, names longer than the limits.
 */
import { chmodSync, closeSync, mkdirSync, openSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { mkfifo } from '../../native/fifo';
import { must } from '../../native/libc';
import type { IpcWorld } from '../support/world';

export const scratch = (w: IpcWorld): string => w.tracker.tempDir('errno');

/** A path where nothing exists yet, in a folder of its own. */
export const freshPath = (w: IpcWorld): string => join(scratch(w), 'new');

/** A path inside a directory whose mode (0600 by default: no search) refuses the caller. */
export function behindDirectory(w: IpcWorld, mode = 0o600, name = 'x'): string {
  const locked = freshPath(w);
  mkdirSync(locked);
  chmodSync(locked, mode);
  // released before the temp dir (reverse order): its contents must be removable, also by uid 65534
  w.tracker.adopt(`access to ${locked}`, () => chmodSync(locked, 0o700));
  return join(locked, name);
}
/** A path through a symbolic link that points to itself. */
export function throughLoop(w: IpcWorld): string {
  const d = scratch(w);
  symlinkSync(join(d, 'loop'), join(d, 'loop'));
  return join(d, 'loop', 'x');
}
/** A dangling symbolic link itself. */
export function danglingLink(w: IpcWorld): string {
  const d = scratch(w);
  symlinkSync(join(d, 'nowhere'), join(d, 'dangling'));
  return join(d, 'dangling');
}
export const throughDanglingLink = (w: IpcWorld): string => join(danglingLink(w), 'x');
export const throughMissingDirectory = (w: IpcWorld): string => join(scratch(w), 'missing', 'x');
/** A path through a regular file, as if it were a directory. */
export function throughFile(w: IpcWorld): string {
  const file = freshPath(w);
  closeSync(openSync(file, 'w'));
  return join(file, 'x');
}
export const regularFile = (w: IpcWorld): string => {
  const file = freshPath(w);
  closeSync(openSync(file, 'w'));
  return file;
};
/** Longer than PATH_MAX (4096 on Linux; the kernel reads at most that much). */
export const tooLongPath = (w: IpcWorld): string => join(scratch(w), 'd/'.repeat(2100));
/** A component longer than NAME_MAX (255). */
export const tooLongComponent = (w: IpcWorld): string => join(scratch(w), 'x'.repeat(300));
/** A FIFO made for the case, mode 0600 unless given. */
export function fifoAt(w: IpcWorld, mode = 0o600, dir = scratch(w)): string {
  const path = join(dir, 'fifo');
  must(mkfifo(path, mode));
  chmodSync(path, mode);
  return path;
}
