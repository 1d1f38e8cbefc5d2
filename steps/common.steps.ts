/**
 * Steps every mechanism shares: the outcome of the last call the scenario
 * made in this process (this.last), whatever the mechanism.
 */
import { Then } from './support/dsl';
import { errnoKey } from './support/evidence';
import { expectFailure, expectSuccess } from './support/expect';
import type { IpcWorld } from './support/world';

Then('the call returns {int}', function (this: IpcWorld, rc: number) {
  expectSuccess(this.lastCall(), rc);
});

/** The errno goes to the evidence as "errno.<function>" ("errno.lseek"), so two failures of one scenario keep their own keys. */
Then('the call fails with {errno}', function (this: IpcWorld, errno: string) {
  const call = this.lastCall();
  expectFailure(call, errno);
  this.evidence.record(errnoKey(this.evidence, call.call, errno), errno);
});
