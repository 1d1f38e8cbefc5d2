/**
 * The steps of every errno scenario (features/errors/*.feature):
 *   When bind is called where the socket is already bound to an address
 *   Then the call fails with EINVAL          (steps/common.steps.ts)
 * The condition is the inventory's wording; its case (steps/errors/*.cases.ts)
 * brings it about and makes the call.
 */
import { When } from '../support/dsl';
import type { IpcWorld } from '../support/world';
import { runCase } from './cases';
import './pipes-fifos.cases';
import './sockets.cases';

When(/^([a-z_0-9]+) is called where (.+)$/, async function (this: IpcWorld, call: string, condition: string) {
  this.last = await runCase(this, call, condition);
});
