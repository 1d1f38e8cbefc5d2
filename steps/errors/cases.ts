/**
 * The errno cases: for each (call, condition) of the inventory, how to bring
 * the condition about and make the call. A case returns the call's SysResult;
 * the scenario's Then asserts the errno. Cases are registered by the
 * steps/errors/*.cases.ts modules, one per inventory area.
 *
 * Privilege is read, never assumed: a case that only an unprivileged caller
 * can reach names the capability that lets root through (`bypassedBy`), and
 * one that needs privilege names the capability it needs (`needs`); the
 * scenario skips with that reason where the run holds (or lacks) it. The other
 * run (root, or uid 65534) checks the row.
 */
import { hasCapability, libcVersion } from '../../native/platform';
import { errnoName } from '../../native/errno';
import { SysResult } from '../../native/libc';
import { NotAvailable } from '../../native/not-available';
import { probedCall } from '../../native/syscall-probe';
import type { IpcWorld } from '../support/world';
import { OlderGlibc, olderGlibcAnswer } from './older-glibc';

export type CaseFn = (w: IpcWorld) => SysResult | Promise<SysResult>;

export interface ErrnoCase {
  run: CaseFn;
  /** a capability that lets the caller past the check this case needs to fail (root's CAP_DAC_OVERRIDE) */
  bypassedBy?: string[];
  /** a capability the case needs to reach the condition at all */
  needs?: string;
  /**
   * A C library before this glibc answers the condition itself with `errno`, without asking the
   * kernel (`why`): measured there, the row is out of reach through it, a named skip that says so.
   */
  olderGlibc?: OlderGlibc;
}

const registry = new Map<string, ErrnoCase>();
const key = (call: string, condition: string) => `${call}: ${condition}`;

/** Registers the cases of one call, keyed by the inventory's condition text. */
export function errnoCases(call: string, cases: Record<string, CaseFn | ErrnoCase>): void {
  for (const [condition, c] of Object.entries(cases)) {
    if (registry.has(key(call, condition))) throw new Error(`errno case "${key(call, condition)}" is defined twice`);
    registry.set(key(call, condition), typeof c === 'function' ? { run: c } : c);
  }
}

/** Runs the case of (call, condition), or skips where this run's privileges keep the condition out of reach. */
export async function runCase(w: IpcWorld, call: string, condition: string): Promise<SysResult> {
  const c = registry.get(key(call, condition));
  if (!c) throw new Error(`no errno case is defined for "${key(call, condition)}" (steps/errors/*.cases.ts)`);
  const probed = probedCall(call);
  // a call this sandbox blocks answers EPERM or ENOSYS whatever the condition: its error contract cannot be checked here
  if (probed?.blocked) throw new NotAvailable(`${call} → ${probed.got} (blocked, probed): its errors cannot be checked here`);
  const held = (c.bypassedBy ?? []).filter((cap) => hasCapability(cap));
  if (held.length) throw new NotAvailable(`this run holds ${held.join(' and ')}, which bypasses the check; the unprivileged run checks it`);
  if (c.needs && !hasCapability(c.needs)) throw new NotAvailable(`this run lacks ${c.needs}; the root run checks it`);
  const r = await c.run(w);
  const answered = olderGlibcAnswer(r, c.olderGlibc, libcVersion());
  if (answered) throw new NotAvailable(answered);
  return r;
}

/**
 * A case made in a fixture (EINTR, EMFILE, blocking calls): the fixture prints
 * {"event":"result","call":"read","rc":-1,"errno":4} for the call under test.
 */
export async function fixtureCall(w: IpcWorld, fixture: string, args: Array<string | number>, waitingFor?: string): Promise<SysResult> {
  const run = await w.fixture(fixture, args, { waitingFor });
  const r = run.only('result');
  const errno = Number(r.errno ?? 0);
  return { call: `${r.call} (in ${fixture} ${args.join(' ')})`, rc: Number(r.rc), errno, errnoName: errnoName(errno) };
}
