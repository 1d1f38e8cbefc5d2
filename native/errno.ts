/**
 * errno names and numbers, from Node's own table (os.constants.errno): never a
 * hand-written list. The few Linux names Node lacks (ETOOMANYREFS, ENOPKG, ...)
 * come from the build's probe of <errno.h> (native/probes/errors.c, "errno.NAME").
 */
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { probeJsonPath } from '../kit/paths';

function probedErrnos(): Record<string, number> {
  try {
    const table = JSON.parse(readFileSync(probeJsonPath, 'utf8')) as Record<string, number>;
    return Object.fromEntries(Object.entries(table).filter(([k]) => k.startsWith('errno.')).map(([k, v]) => [k.slice('errno.'.length), v]));
  } catch {
    return {}; // not built yet: Node's names only (the build's own steps need no more)
  }
}

const byName: Record<string, number> = { ...probedErrnos(), ...(constants.errno as unknown as Record<string, number>) };
const byNumber = new Map<number, string>();
for (const [name, value] of Object.entries(byName)) {
  // Aliases share a number (EAGAIN/EWOULDBLOCK, EDEADLK/EDEADLOCK): the first, canonical name wins.
  if (!byNumber.has(value)) byNumber.set(value, name);
}

export type ErrnoName = string;

/** Every errno name this host knows: Node's and the probe's. */
export const errnoNames = (): string[] => Object.keys(byName);

export function isErrnoName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(byName, name);
}

export function errnoNumber(name: ErrnoName): number {
  if (!isErrnoName(name)) throw new Error(`unknown errno name ${name}`);
  return byName[name];
}

/** The name of an errno value; EWOULDBLOCK reads as EAGAIN, as on Linux they are one number. */
export function errnoName(n: number): string {
  if (n === 0) return 'OK';
  return byNumber.get(n) ?? `errno ${n}`;
}
