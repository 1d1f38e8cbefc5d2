/**
 * Given/When/Then for the kit's steps. They are cucumber's, wrapped once so
 * that a step throwing NotAvailable ends its scenario as skipped with the
 * reason attached (LTP's TCONF), instead of failing or passing. Under the
 * strict profile (or IPC_STRICT=1) such a skip is a failure instead, unless
 * the mutation profile lists it as one this host always makes (expected-skips.ts).
 */
import * as cucumber from '@cucumber/cucumber';
import { SKIP_MEDIA_TYPE } from './evidence';
import { expectedSkip } from './expected-skips';
import { NotAvailable } from '../../native/not-available';
import type { IpcWorld } from './world';

type StepFn = (this: IpcWorld, ...args: any[]) => unknown;

/**
 * A failing step carries the scenario's evidence in its message, so every
 * report that shows the message (JUnit, Allure, the terminal) shows the values too.
 */
function withEvidence(error: unknown, world: IpcWorld): unknown {
  if (error instanceof Error && !world.evidence.empty) {
    error.message += `\nevidence: ${JSON.stringify(world.evidence.values)}`;
  }
  return error;
}

function skippable(fn: StepFn): StepFn {
  const wrapped = async function (this: IpcWorld, ...args: unknown[]) {
    try {
      return await fn.apply(this, args);
    } catch (e) {
      if (!(e instanceof NotAvailable)) throw withEvidence(e, this);
      if ((this.parameters?.strict || process.env.IPC_STRICT === '1') && !expectedSkip(this, e.message)) {
        throw new Error(`required, but ${e.message} (strict: a skip is a failure)`);
      }
      this.attach(e.message, SKIP_MEDIA_TYPE);
      return 'skipped';
    }
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length }); // cucumber checks a step's arity
  return wrapped;
}

/**
 * Cucumber records where a step is defined from the call stack; this module's
 * frames are hidden while it looks, so reports point at the step file's line.
 */
function defineFromCaller(define: () => void): void {
  const original = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    const kept = frames.filter((f) => f.getFileName() !== __filename);
    return original ? original(error, kept) : [String(error), ...kept.map((f) => `    at ${f}`)].join('\n');
  };
  try {
    define();
  } finally {
    Error.prepareStackTrace = original;
  }
}

const wrap = (define: typeof cucumber.Given) =>
  (pattern: string | RegExp, fn: StepFn): void => defineFromCaller(() => define(pattern, skippable(fn)));

/**
 * A When is the action its Thens check, so it starts with no last call: a Then
 * can only read a call its own When made ("no call has been made …" otherwise),
 * never a leftover of an earlier step that happens to look the same.
 */
function acting(fn: StepFn): StepFn {
  const act = function (this: IpcWorld, ...args: unknown[]) {
    this.last = undefined;
    return fn.apply(this, args);
  };
  Object.defineProperty(act, 'length', { value: fn.length });
  return act;
}

export const Given = wrap(cucumber.Given);
export const When = (pattern: string | RegExp, fn: StepFn): void => wrap(cucumber.When)(pattern, acting(fn));
export const Then = wrap(cucumber.Then);
