/**
 * Telling "the OS says no" apart from "this sandbox took the call away".
 * ENOSYS means the kernel or a seccomp filter has no such call here; EPERM
 * while a seccomp filter is active is what filters such as Docker's return for
 * calls they deny. Either way the claim cannot be checked on this host: a named
 * skip, not a failure.
 */
import { readFileSync } from 'node:fs';
import { NotAvailable } from './not-available';

let seccompFilter: boolean | undefined;

/** Whether this process runs under a seccomp filter (Seccomp: 2 in /proc/self/status). */
export function underSeccompFilter(): boolean {
  if (seccompFilter === undefined) {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('Seccomp:'));
    seccompFilter = line?.split(':')[1].trim() === '2';
  }
  return seccompFilter;
}

/** Whether a failure with this errno means the call itself is blocked here. */
export function isBlocked(errnoName: string): boolean {
  return errnoName === 'ENOSYS' || (errnoName === 'EPERM' && underSeccompFilter());
}

/** Throws NotAvailable("msgget → ENOSYS") when the errno means the call is blocked, unless it is the errno expected. */
export function skipIfBlocked(call: string, errnoName: string, expected?: string): void {
  if (errnoName !== expected && isBlocked(errnoName)) {
    const name = call.replace(/\(.*$/, '');
    throw new NotAvailable(`${name} → ${errnoName}${errnoName === 'EPERM' ? ' (seccomp filter)' : ''}`);
  }
}
