/**
 * The SysV journal: SysV objects carry no name, so each cucumber process writes
 * the objects it tracks (kind, id, key, creator uid and ctime, from
 * /proc/sysvipc) to `<reports>/.journal/<pid>.jsonl`. A process that released
 * everything deletes its journal when it exits; one killed with SIGKILL leaves
 * it, and the next run's sweep (kit/stale-objects.ts) removes each object that
 * is still there with the same key, creator and ctime, and nothing else.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { reportsDir } from '../../kit/paths';
import { SysvKind, sysvipcRows } from '../../native/sysv';

export interface JournalEntry { kind: SysvKind; id: number; key: number; cuid: number; ctime: number }

export const journalDir = (reports = reportsDir): string => join(reports, '.journal');

const file = join(journalDir(), `${process.pid}.jsonl`);
const live = new Set<string>();

/** What /proc/sysvipc says of the object with this id now, as a journal entry; undefined when it is not there (or not readable). */
export function sysvIdentity(kind: SysvKind, id: number): JournalEntry | undefined {
  try {
    const row = sysvipcRows(kind, { id })[0];
    return row && { kind, id, key: row.key, cuid: row.cuid, ctime: row.ctime };
  } catch {
    return undefined;
  }
}

/** Writes a tracked object down; returns its identity, so its removal can check it is still the same object. */
export function journalSysv(kind: SysvKind, id: number): JournalEntry | undefined {
  const entry = sysvIdentity(kind, id);
  if (!entry) return undefined;
  try {
    mkdirSync(journalDir(), { recursive: true });
    appendFileSync(file, `${JSON.stringify(entry)}\n`);
    live.add(`${kind} ${id}`);
  } catch {
    // a read-only reports folder: the object is still tracked and removed, only a SIGKILL would leave it
  }
  return entry;
}

/** The object is gone (released or removed by the scenario). */
export function journalReleased(kind: SysvKind, id: number): void {
  live.delete(`${kind} ${id}`);
}

process.on('exit', () => {
  if (live.size === 0) rmSync(file, { force: true });
});
