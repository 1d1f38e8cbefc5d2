/**
 * After a run killed with SIGKILL, the next `npm test` removes what it left:
 *  - names in TMPDIR, /dev/shm and /dev/mqueue made by steps/support/names.ts,
 *    `ipcc-<run>-w<worker>-<pid>-<n>-<purpose>`, whose creating process <pid> is gone;
 *  - SysV objects listed in a journal (steps/support/run-journal.ts) of a process
 *    that is gone, and only while /proc/sysvipc still shows the same key, creator and ctime.
 * Nothing else is touched: an object whose name or journal does not prove that the
 * kit made it, or whose creator still runs, stays.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeSysv } from '../native/sysv';
import { JournalEntry, journalDir, sysvIdentity } from '../steps/support/run-journal';
import { processStart } from './run-lock';

/** The creating pid of a kit-made name, or undefined when the name is not one of the kit's. */
export function creatorPid(name: string): number | undefined {
  const m = /^ipcc-[0-9a-z]+-w\d+-(\d+)-\d+-/.exec(name);
  return m ? Number(m[1]) : undefined;
}

const gone = (pid: number): boolean => processStart(pid) === undefined;

export interface Sweep { removed: string[]; leftAlone: string[] }

function sweepNames(dir: string, sweep: Sweep): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pid = creatorPid(name);
    if (pid === undefined || !gone(pid)) continue;
    const path = join(dir, name);
    try {
      rmSync(path, { recursive: true, force: true });
      sweep.removed.push(path);
    } catch (e) {
      sweep.leftAlone.push(`${path} (${(e as NodeJS.ErrnoException).code})`);
    }
  }
}

const sameObject = (a: JournalEntry, b: JournalEntry | undefined): boolean =>
  !!b && a.key === b.key && a.cuid === b.cuid && a.ctime === b.ctime;

export const sysvLabel = (e: JournalEntry): string => `SysV ${e.kind} ${e.id} (key 0x${(e.key >>> 0).toString(16)})`;

/**
 * The journals in a reports folder (of dead creators only, with `deadOnly`), each with
 * the objects it lists that are still there as the same object.
 */
export function journalLeftovers(reports: string, deadOnly: boolean): Array<{ file: string; left: JournalEntry[] }> {
  const dir = journalDir(reports);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^\d+\.jsonl$/.test(f) && (!deadOnly || gone(Number(f.split('.')[0])))).map((f) => {
    const entries: JournalEntry[] = readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return []; // a line cut short by the kill
      }
    });
    return { file: join(dir, f), left: entries.filter((e) => sameObject(e, sysvIdentity(e.kind, e.id))) };
  });
}

function sweepJournals(reports: string, sweep: Sweep): void {
  for (const { file, left } of journalLeftovers(reports, true)) {
    for (const e of left) {
      const r = removeSysv(e.kind, e.id);
      if (r.rc === 0) sweep.removed.push(sysvLabel(e));
      else sweep.leftAlone.push(`${sysvLabel(e)} (${r.errnoName})`);
    }
    rmSync(file, { force: true });
  }
}

/** Removes what dead runs of the kit left; reports every path and id it removed or could not. */
export function sweepStaleObjects(reports: string, dirs = [tmpdir(), '/dev/shm', '/dev/mqueue']): Sweep {
  const sweep: Sweep = { removed: [], leftAlone: [] };
  for (const dir of dirs) sweepNames(dir, sweep);
  sweepJournals(reports, sweep);
  return sweep;
}
