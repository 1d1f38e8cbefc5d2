/**
 * The kit's assertions. Each failure message says what was called, what was
 * expected and what the OS did, with errno by name. A call that a sandbox
 * blocked (ENOSYS, or EPERM under seccomp) ends the scenario as a named skip.
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

/**
 * How many assertions the current step has made. The hooks reset it before a
 * step and require it to be non-zero after a passing Then step, so a Then step
 * whose checks were lost (an emptied body, a skipped branch) fails instead of
 * passing silently.
 */
let made = 0;
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
  if (!isDeepStrictEqual(actual, expected)) assert.fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function expectTrue(what: string, condition: boolean): void {
  made += 1;
  if (!condition) assert.fail(what);
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
