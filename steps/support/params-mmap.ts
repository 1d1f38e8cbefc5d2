/**
 * Parameter types of the mmap and POSIX shared-memory features.
 * {mmapOutcome}: "a mapping" (mmap succeeded) or an errno name Node knows, so a
 * misspelt errno in an Examples table fails when the step is matched.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { constants } from 'node:os';
import { SysResult } from '../../native/libc';
import { NotAvailable } from '../../native/not-available';
import { pageSize, sysctl } from '../../native/platform';

const errnos = Object.keys(constants.errno).sort((a, b) => b.length - a.length);

defineParameterType({
  name: 'mmapOutcome',
  regexp: new RegExp(['a mapping', ...errnos].join('|')),
  transformer: (text: string) => text,
});

/** "page", "page - 1", "page + 8" or a number: an offset in bytes of this host's page size. */
export function offsetOf(expr: string): number {
  const m = /^(?:(page)|(\d+))(?:\s*([+-])\s*(\d+))?$/.exec(expr.trim());
  if (!m) throw new Error(`offset "${expr}" is not "page", "page - N" or a number`);
  const base = m[1] ? pageSize() : Number(m[2]);
  return m[3] ? base + (m[3] === '+' ? 1 : -1) * Number(m[4]) : base;
}

/**
 * Under vm.overcommit_memory 2 (strict accounting) a mapping of up to 4 GiB may
 * be refused with ENOMEM for want of commit charge: a named skip, not a verdict.
 */
export function skipWithoutCommitCharge(r: SysResult, length: number): void {
  if (r.rc === -1 && r.errnoName === 'ENOMEM' && length <= 2 ** 32 && sysctl('vm/overcommit_memory') === 2) {
    throw new NotAvailable(`vm.overcommit_memory is 2 (strict accounting), so ${r.call} is refused for want of commit charge`);
  }
}
