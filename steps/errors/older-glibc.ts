/**
 * Where a C library older than some glibc answers an errno condition itself, without asking the
 * kernel (steps/errors/cases.ts, `olderGlibc`): the row is out of reach through that library.
 */
import { libcAtLeast } from '../../native/platform';
import type { SysResult } from '../../native/libc';

export interface OlderGlibc { below: [number, number]; errno: string; why: string }

/** The named-skip reason when this glibc (version) is older than `below` and answered `errno` itself; else undefined. */
export function olderGlibcAnswer(r: SysResult, older: OlderGlibc | undefined, version: string): string | undefined {
  if (!older || r.rc !== -1 || r.errnoName !== older.errno || libcAtLeast(...older.below, version)) return undefined;
  return `glibc ${version} answers ${older.errno} itself (${older.why}); glibc ${older.below.join('.')} and later give this row's errno`;
}
