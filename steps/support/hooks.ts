/** Per-scenario life cycle: release everything the scenario made; attach its evidence and, on failure, its fixtures' output. */
import { After, Status } from '@cucumber/cucumber';
import { EVIDENCE_MEDIA_TYPE } from './evidence';
import type { IpcWorld } from './world';

After(function (this: IpcWorld, { result }) {
  const leaks = this.tracker.releaseAll();
  if (!this.evidence.empty) this.attach(JSON.stringify(this.evidence.values), EVIDENCE_MEDIA_TYPE);
  if (result?.status === Status.FAILED && this.transcript.length) {
    this.attach(this.transcript.map(String).join('\n\n'), 'text/plain');
  }
  if (leaks.length) throw new Error(`could not release: ${leaks.join('; ')}`);
});
