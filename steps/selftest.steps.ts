/** Steps only features/selftest.feature uses: a recorded value, and a feature no host has. */
import { bytesReadable } from '../native/fd';
import { NotAvailable } from '../native/not-available';
import { PipeEnds } from '../native/pipe';
import { Then } from './support/dsl';
import type { IpcWorld } from './support/world';

Then('the self-test records what FIONREAD reports', function (this: IpcWorld) {
  this.evidence.record('selftest.fionread', bytesReadable(this.get<PipeEnds>('pipe').readEnd));
});

Then('the self-test needs a feature this host lacks', function (this: IpcWorld) {
  throw new NotAvailable('self-test → ENOSYS (a feature no host has)');
});
