/**
 * The kit's assertions. Each failure message says what was called, what was
 * expected and what the OS did, with errno by name. A call that a sandbox
 * blocked (the per-call probe of native/syscall-probe.ts says so) ends the scenario as a named skip.
 *
 * Failures are AssertionErrors without a diff: the message itself states
 * expected and actual, so every report (terminal, JUnit, Allure) shows it whole.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { skipIfBlocked } from '../../native/blocked';
import { errnoNumber } from '../../native/errno';
import type { Compilation } from '../../native/compiler';
import { SysResult } from '../../native/libc';
import type { FixtureEvent } from './fixtures';

/**
 * How many assertions the current step has made. The hooks reset it before a
 * step and require it to be non-zero after a passing Then step, so a Then step
 * whose checks were lost (an emptied body, a skipped branch) fails instead of
 * passing silently.
 */
let made = 0;

/** JSON for messages, with bigints (addresses, sizes) as 123n instead of a TypeError. */
const show = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
export const assertionsMade = (): number => made;
export function resetAssertions(): void {
  made = 0;
}

/** The call failed (-1) with exactly this errno. */
export function expectFailure(result: SysResult, errno: string): void {
  made += 1;
  if (result.rc === -1) skipIfBlocked(result.call, result.errnoName, errno);
  if (result.rc !== -1) assert.fail(`${result.call} was expected to fail with ${errno}, but it returned ${result.rc}`);
  // by number: some names are aliases of one value (EOPNOTSUPP and ENOTSUP, EAGAIN and EWOULDBLOCK)
  if (result.errno !== errnoNumber(errno)) assert.fail(`${result.call} failed with ${result.errnoName}, not ${errno}`);
}

/** The call succeeded, returning exactly `rc` when given. */
export function expectSuccess(result: SysResult, rc?: number): void {
  made += 1;
  if (result.rc === -1) skipIfBlocked(result.call, result.errnoName);
  if (result.rc === -1) assert.fail(`${result.call} failed with ${result.errnoName}`);
  if (rc !== undefined && result.rc !== rc) assert.fail(`${result.call} returned ${result.rc}, not ${rc}`);
}

/** An exact value, named for the message: expectValue('pipe capacity', 65536, measured). */
export function expectValue<T>(what: string, expected: T, actual: T): void {
  made += 1;
  if (!isDeepStrictEqual(actual, expected)) assert.fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function expectTrue(what: string, condition: boolean): void {
  made += 1;
  if (!condition) assert.fail(what);
}

// Comparisons a step needs often, each in one place and unit-tested
// (test/expect.test.ts), so a step states the bound and not the operator.

/** from <= actual <= to: expectWithin('msg_stime', stime, before, after). */
export function expectWithin(what: string, actual: number, from: number, to: number): void {
  made += 1;
  if (!(actual >= from && actual <= to)) assert.fail(`${what}: expected ${from}..${to}, got ${actual}`);
}

/** actual >= min. */
export function expectAtLeast(what: string, min: number, actual: number): void {
  made += 1;
  if (!(actual >= min)) assert.fail(`${what}: expected at least ${min}, got ${actual}`);
}

/** actual > bound. */
export function expectAbove(what: string, bound: number, actual: number): void {
  made += 1;
  if (!(actual > bound)) assert.fail(`${what}: expected more than ${bound}, got ${actual}`);
}

/** actual < bound. */
export function expectBelow(what: string, bound: number, actual: number): void {
  made += 1;
  if (!(actual < bound)) assert.fail(`${what}: expected less than ${bound}, got ${actual}`);
}

/** No two of the values are equal: two ids, two descriptors, two addresses. */
export function expectDistinct(what: string, values: unknown[]): void {
  made += 1;
  if (values.length < 2) throw new Error(`${what}: expectDistinct needs two values or more, got ${values.length}`);
  if (new Set(values).size !== values.length) assert.fail(`${what}: expected distinct values, got ${show(values)}`);
}

/** One of the allowed values (where the standard permits several, e.g. EAGAIN or EACCES). */
export function expectOneOf<T>(what: string, allowed: T[], actual: T): void {
  made += 1;
  if (!allowed.some((a) => isDeepStrictEqual(a, actual))) assert.fail(`${what}: expected one of ${show(allowed)}, got ${show(actual)}`);
}

/** The text matches the pattern. */
export function expectMatch(what: string, pattern: RegExp, text: string): void {
  made += 1;
  if (!pattern.test(text)) assert.fail(`${what}: expected a match for ${pattern}, got ${show(text)}`);
}

export interface ProcessIds { pid: number; ppid: number }

/** Two different processes, neither the parent of the other: what "unrelated" means in the notes. */
export function expectUnrelated(what: string, a: ProcessIds | FixtureEvent, b: ProcessIds | FixtureEvent): void {
  made += 1;
  const [ap, aq, bp, bq] = [a.pid, a.ppid, b.pid, b.ppid].map(Number);
  if (ap === bp) assert.fail(`${what}: both are process ${ap}`);
  if (aq === bp) assert.fail(`${what}: process ${ap} is a child of ${bp}`);
  if (bq === ap) assert.fail(`${what}: process ${bp} is a child of ${ap}`);
}

/**
 * The compilation failed with an error line matching `error` (gcc quotes names
 * with ‘’ or '' depending on the locale, so patterns use . for quotes).
 * Returns the error's text, with plain quotes, for the evidence.
 */
export function expectCompileError(c: Compilation, error: RegExp): string {
  made += 1;
  if (c.ok) assert.fail(`${c.command} was expected to fail, but compiled`);
  const line = c.diagnostics.split('\n').find((l) => /error:/.test(l) && error.test(l));
  if (line === undefined) assert.fail(`no error matching ${error} from ${c.command}:\n${c.diagnostics}`);
  return line.replace(/^.*error:\s*/, '').replace(/[‘’]/g, "'");
}
