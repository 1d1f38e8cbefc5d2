/**
 * Steps every mechanism shares: the outcome of the last call the scenario
 * made in this process (this.last), whatever the mechanism.
 */
import { Then } from './support/dsl';
import { expectFailure, expectSuccess } from './support/expect';
import type { IpcWorld } from './support/world';

Then('the call returns {int}', function (this: IpcWorld, rc: number) {
  expectSuccess(this.lastCall(), rc);
});

Then('the call fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.lastCall(), errno);
  this.evidence.record('errno', errno);
});
