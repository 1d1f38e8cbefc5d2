/**
 * What the SysV shared-memory and semaphore steps share (steps/sysv-shm.steps.ts,
 * steps/sysv-sem.steps.ts): tracking a new id, reading fixture events, errno names from fixture
 * numbers, fresh keys that never adopt a stranger's object, and waiting on a
 * kernel counter (GETNCNT) without sleeping for a fixed time.
 */
import { errnoName } from '../../native/errno';
import { SysResult } from '../../native/libc';
import { scaled } from '../../native/time-scale';
import { freshKey, SysvKind } from '../../native/sysv';

export { createWithFreshKey } from '../../native/sysv';
import { expectSuccess } from './expect';
import { FixtureEvent } from './fixtures';
import type { IpcWorld } from './world';

/** The id a successful *get returned, handed to the scenario's tracker (IPC_RMID after it, even on failure). */
export function trackedId(world: IpcWorld, kind: SysvKind, r: SysResult): number {
  expectSuccess(r);
  return world.tracker.sysv(kind, r.rc);
}

/** The one event of that name in the last fixture run (optionally one matching `where`). */
export const reported = (world: IpcWorld, event: string, where?: (e: FixtureEvent) => boolean): FixtureEvent =>
  world.lastRun().only(event, where);

/** errno of a fixture event, by name ("OK" for 0). */
export const errnoOf = (e: FixtureEvent, key = 'errno'): string => errnoName(Number(e[key] ?? 0));

/** A key that names no object now (checked), for "nobody created it" claims. */
export function unusedKey(exists: (key: number) => boolean): number {
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = freshKey();
    if (!exists(key)) return key;
  }
  throw new Error('20 fresh keys in a row were taken');
}

/**
 * Resolves once `condition` holds, looking every millisecond: for kernel
 * counters (GETNCNT, shm_nattch) that prove a peer's state. The step timeout
 * bounds it; the message says what never happened.
 */
export async function until(what: string, condition: () => boolean, timeoutMs = scaled(4000)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((wake) => setTimeout(wake, 1));
  }
}

/** "IPC_CREAT|IPC_EXCL" or "no flags" as a number, from the probe's constants. */
export function flagsFromText(text: string, C: Readonly<Record<string, number>>): number {
  if (text === 'no flags') return 0;
  return text.split('|').reduce((acc, name) => acc | C[name.trim()], 0);
}
