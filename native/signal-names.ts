/**
 * Signal names and numbers, from Node's table of this platform (os.constants.signals),
 * with SIGRTMIN from the C probe (glibc reserves the first real-time signals).
 */
import { constants } from 'node:os';
import { C } from './constants';

const table = constants.signals as Record<string, number>;

/** The number of a signal name; an unknown name is a kit error. */
export function signalNumber(name: string): number {
  const n = name === 'SIGRTMIN' ? C.SIGRTMIN : table[name];
  if (n === undefined) throw new Error(`${name} is not a signal name here`);
  return n;
}

/** The name of a signal number ("signal 40" where the table has none). */
export function signalName(n: number): string {
  return Object.entries(table).find(([, v]) => v === n)?.[0] ?? `signal ${n}`;
}
