/**
 * The errno cases of SysV IPC, POSIX queues and shared memory, mappings and
 * signals run in one batch fixture per area (fixtures/err-ipc-<area>.c): each
 * case in a child of its own, one {"event":"result","case":id,...} line each.
 * The batch runs once per worker, when the first of its scenarios needs it;
 * every scenario then asserts its own case's result. Objects the fixture
 * makes are removed by it (or live in its private IPC namespace); any it
 * reports as created are handed to the tracker all the same.
 */
import { errnoName } from '../../native/errno';
import { skipIfBlocked } from '../../native/blocked';
import { SysResult } from '../../native/libc';
import { NotAvailable } from '../../native/not-available';
import { FixtureRun } from '../support/fixtures';
import { uniqueName } from '../support/names';
import type { IpcWorld } from '../support/world';
import type { ErrnoCase } from './cases';

const runs = new Map<string, Promise<FixtureRun>>();

function batch(w: IpcWorld, fixture: string): Promise<FixtureRun> {
  let run = runs.get(fixture);
  if (!run) {
    // a batch that failed fails each of its scenarios with the same message; it is not run again
    run = w.fixture(fixture, [uniqueName('errno')], { timeoutMs: 30000, waitingFor: 'its errno cases' });
    runs.set(fixture, run);
  }
  return run;
}

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

/** A case of the area's batch fixture. */
export const batched = (fixture: string, id: string, more: Omit<ErrnoCase, 'run'> = {}): ErrnoCase =>
  ({ ...more, run: async (w) => caseResult(await batch(w, fixture), id) });

/** The cases of one call: condition → case id in the fixture. */
export function batchedCases(fixture: string, ids: Record<string, string | [string, Omit<ErrnoCase, 'run'>]>): Record<string, ErrnoCase> {
  return Object.fromEntries(Object.entries(ids).map(([condition, id]) =>
    [condition, typeof id === 'string' ? batched(fixture, id) : batched(fixture, id[0], id[1])]));
}
