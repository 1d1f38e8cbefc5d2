/**
 * The errno cases of SysV IPC, POSIX queues and shared memory, mappings and
 * signals come from one batch fixture per area (fixtures/err-ipc-<area>.c,
 * run through steps/support/fixture-batch.ts): each case in a child of its
 * own, one result line each, asserted by its own scenario.
 */
import { batchCase } from '../support/fixture-batch';
import type { ErrnoCase } from './cases';

type More = Omit<ErrnoCase, 'run'>;

/** The cases of one call: condition → case id in the fixture (with its privilege needs, where it has some). */
export function batchedCases(fixture: string, ids: Record<string, string | [string, More]>): Record<string, ErrnoCase> {
  return Object.fromEntries(Object.entries(ids).map(([condition, entry]) => {
    const [id, more] = typeof entry === 'string' ? [entry, {}] : entry;
    return [condition, { ...more, run: (w) => batchCase(w, fixture, id) }];
  }));
}
