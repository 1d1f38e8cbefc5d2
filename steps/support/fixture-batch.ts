/**
 * Batch fixtures: one run answers many scenarios. The fixture prints one
 * {"event":"result","case":id,...} line a case (fixtures/err-ipc.h):
 *   "call","rc","errno"   the call under test and what it returned
 *   "unavailable"         why this run cannot reach the case (a named skip)
 *   "setup","errno"       a set-up call of the case failed (a kit error)
 * The batch runs once per worker, when the first scenario that needs it asks;
 * a batch that failed fails each of its scenarios with the same message and
 * is not run again. Objects the fixture reports as created go to the tracker
 * of that first scenario; the fixture removes them itself when each case ends.
 */
import { errnoName } from '../../native/errno';
import { skipIfBlocked } from '../../native/blocked';
import { SysResult } from '../../native/libc';
import { NotAvailable } from '../../native/not-available';
import { FixtureRun } from './fixtures';
import { uniqueName } from './names';
import type { IpcWorld } from './world';

const runs = new Map<string, Promise<FixtureRun>>();

/** The result of case `id` of the batch: the call's SysResult, a named skip, or a kit error with the transcript. */
export function caseResult(run: FixtureRun, id: string): SysResult {
  const found = run.all('result').filter((e) => e.case === id);
  if (found.length !== 1) {
    const died = run.all('case-died').find((e) => e.case === id);
    throw new Error(`case ${id} of ${run.name} reported ${found.length} results${died ? ` (it died: ${JSON.stringify(died)})` : ''}\n${run}`);
  }
  const r = found[0];
  if (r.unavailable !== undefined) throw new NotAvailable(String(r.unavailable));
  if (r.setup !== undefined) {
    skipIfBlocked(String(r.setup), errnoName(Number(r.errno)));
    throw new Error(`case ${id} of ${run.name}: its set-up call ${r.setup} failed with ${errnoName(Number(r.errno))}\n${run}`);
  }
  const errno = Number(r.errno);
  return { call: `${r.call} (case ${id} of ${run.name})`, rc: Number(r.rc), errno, errnoName: errno ? errnoName(errno) : '' };
}

/** Case `id` of the batch fixture, run (once per worker) with a name prefix unique to the run as its argument. */
export async function batchCase(w: IpcWorld, fixture: string, id: string): Promise<SysResult> {
  let run = runs.get(fixture);
  if (!run) {
    run = w.fixture(fixture, [uniqueName('errno')], { timeoutMs: 30000, waitingFor: 'its cases' });
    runs.set(fixture, run);
  }
  return caseResult(await run, id);
}
