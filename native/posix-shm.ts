/**
 * POSIX shared memory from this process: shm_open and shm_unlink, and a
 * linker check for the "-lrt" claim (does a program that calls shm_open link
 * with and without librt?).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import koffi from 'koffi';
import { lib, sys, SysResult } from './libc';
import { flagValue } from './mmap';
import { NotAvailable } from './not-available';
import { unlinkPosix } from './posix-names';

/** glibc 2.34 moved the POSIX IPC calls from librt into libc; older systems still have them in librt only. */
export function rtFunc(declaration: string) {
  try {
    return lib.func(declaration);
  } catch {
    return koffi.load('librt.so.1').func(declaration);
  }
}

const raw = {
  shmOpen: rtFunc('int shm_open(const char *name, int oflag, mode_t mode)'),
};

/** shm_open(name, 'O_RDWR|O_CREAT', mode). */
export function shmOpen(name: string, flags: string, mode = 0o600): SysResult {
  return sys(`shm_open(${name}, ${flags}, 0${mode.toString(8)})`, raw.shmOpen, name, flagValue(flags), mode);
}

export function shmUnlink(name: string): SysResult {
  return unlinkPosix('shm', name);
}

/** Where glibc keeps the object of a name: /dev/shm/<name without its slash>. */
export const shmPath = (name: string): string => join('/dev/shm', name.replace(/^\/+/, ''));

export interface Link { ok: boolean; command: string; diagnostics: string; binary: string }

function cCompiler(): string {
  for (const cc of [process.env.CC, 'cc', 'gcc', 'clang'].filter((c): c is string => !!c)) {
    if (spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0) return cc;
  }
  throw new NotAvailable('no C compiler (install gcc)');
}

/** Compiles and links a C source text in dir, with extra arguments after the source (e.g. -lrt). */
export function linkProgram(text: string, dir: string, name: string, extra: string[]): Link {
  const cc = cCompiler();
  const source = join(dir, `${name}.c`);
  writeFileSync(source, text);
  const binary = join(dir, name);
  const args = ['-Wall', '-Wextra', '-o', binary, source, ...extra];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  return { ok: r.status === 0, command: `${cc} ${args.join(' ')}`, diagnostics: `${r.stderr}${r.stdout}`.trim(), binary };
}
