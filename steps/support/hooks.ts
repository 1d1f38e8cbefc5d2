/**
 * Per-scenario life cycle: release everything the scenario made; attach its
 * evidence and, on failure, what its fixtures said and the calls it made; and
 * the rule that every passing Then step made an assertion.
 */
import { After, AfterStep, Before, BeforeStep, Status } from '@cucumber/cucumber';
import { callLog } from '../../native/libc';
import { takeLeftoverPosixNames } from '../../native/posix-names';
import { removeSysvQuietly, takeLeftoverSysvIds } from '../../native/sysv';
import { EVIDENCE_MEDIA_TYPE } from './evidence';
import { assertionsMade, resetAssertions } from './expect';
import { requireMeasuredPlaceholders } from './unmeasured';
import type { IpcWorld } from './world';

Before(function () {
  callLog.length = 0;
  takeLeftoverSysvIds(); // forget what earlier scenarios of this process saw
  takeLeftoverPosixNames();
});

BeforeStep(function (this: IpcWorld, { pickleStep }) {
  resetAssertions();
  this.evidence.step = pickleStep.text; // named when a later step would overwrite what this one recorded
});

/** A Then step (and its And/But) that passes must have checked something (steps/support/expect.ts). */
AfterStep(function ({ pickleStep, result }) {
  if (String(pickleStep.type) !== 'Outcome' || result.status !== Status.PASSED) return;
  if (assertionsMade() === 0) throw new Error(`the Then step "${pickleStep.text}" passed without checking anything`);
});

After(function (this: IpcWorld, { pickle, result }) {
  const leaks = this.tracker.releaseAll();
  if (!this.evidence.empty) this.attach(JSON.stringify(this.evidence.values), EVIDENCE_MEDIA_TYPE);
  if (result?.status === Status.FAILED) {
    if (this.transcript.length) this.attach(`fixtures:\n\n${this.transcript.map(String).join('\n\n')}`, 'text/plain');
    if (callLog.length) this.attach(`system calls made in this process:\n${callLog.join('\n')}`, 'text/plain');
  }
  if (leaks.length) throw new Error(`could not release: ${leaks.join('; ')}`);
  // An object this process created that survived the release was never tracked: remove it, and fail.
  const sysv = takeLeftoverSysvIds();
  for (const { kind, id } of sysv) removeSysvQuietly(kind, id);
  const untracked = [...sysv.map(({ kind, id }) => `SysV ${kind} ${id}`), ...takeLeftoverPosixNames().map(({ kind, name }) => `POSIX ${kind} ${name}`)];
  if (untracked.length) throw new Error(`leaked (created but not tracked): ${untracked.join(', ')}`);
  if (result?.status === Status.PASSED) requireMeasuredPlaceholders(pickle.tags, this.evidence.values);
});
