/** errno names and numbers, from Node's own table (os.constants.errno): never a hand-written list. */
import { constants } from 'node:os';

const byName: Record<string, number> = constants.errno as unknown as Record<string, number>;
const byNumber = new Map<number, string>();
for (const [name, value] of Object.entries(byName)) {
  // Aliases share a number (EAGAIN/EWOULDBLOCK, EDEADLK/EDEADLOCK): the first, canonical name wins.
  if (!byNumber.has(value)) byNumber.set(value, name);
}

export type ErrnoName = string;

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
