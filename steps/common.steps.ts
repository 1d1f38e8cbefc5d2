/**
 * Steps every mechanism shares: the outcome of the last call the scenario
 * made in this process (this.last), whatever the mechanism.
 *
 * Also the kit's rule that a Then step checks something: every passing Then
 * step (and its And/But) must make at least one assertion of ./support/expect,
 * so a step whose checks were lost (an emptied body, a skipped branch) fails
 * instead of passing silently. `npm run mutation` relies on it.
 */
import { AfterStep, BeforeStep, Status } from '@cucumber/cucumber';
import { Then } from './support/dsl';
import { expectFailure, expectSuccess } from './support/expect';
import type { IpcWorld } from './support/world';

// Count the assertions a step makes. The step files call the helpers through the
// module's exports object (CommonJS), so wrapping the exports counts every call.
// (Wanted in steps/support/expect.ts itself: an exported counter.)
let assertionsInStep = 0;
const assertions = require('./support/expect') as Record<string, (...args: unknown[]) => unknown>;
for (const name of ['expectFailure', 'expectSuccess', 'expectValue', 'expectTrue']) {
  const check = assertions[name];
  assertions[name] = function (this: unknown, ...args: unknown[]) {
    assertionsInStep += 1;
    return check.apply(this, args);
  };
}

BeforeStep(function () {
  assertionsInStep = 0;
});

AfterStep(function ({ pickleStep, result }) {
  if (String(pickleStep.type) !== 'Outcome' || result.status !== Status.PASSED) return;
  if (assertionsInStep <= 0) throw new Error(`the Then step "${pickleStep.text}" passed without checking anything`);
});

Then('the call returns {int}', function (this: IpcWorld, rc: number) {
  expectSuccess(this.lastCall(), rc);
});

Then('the call fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.lastCall(), errno);
  this.evidence.record('errno', errno);
});
