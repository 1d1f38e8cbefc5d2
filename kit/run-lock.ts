/**
 * One run at a time per reports folder: `npm test` takes `<reports>/.run.lock`
 * (created exclusively, holding the owner's pid and start time) before cucumber
 * starts, so a second run in the same checkout refuses instead of interleaving
 * its messages with the first run's. A lock whose owner is gone (SIGKILL, power
 * cut) is stale and taken over, saying so.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner { pid: number; started: string }

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), so a reused pid is not taken for the owner. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `owner` still runs. */
export const ownerAlive = (owner: LockOwner): boolean => processStart(owner.pid) === owner.started;

export const lockPath = (dir: string): string => join(dir, '.run.lock');

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8'));
    return Number.isInteger(owner?.pid) && typeof owner.started === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of `dir` for this process. Returns a message for the user when
 * another live run holds it (the caller refuses to run); notes a stale lock it took over.
 */
export function acquireRunLock(dir: string, note: (line: string) => void = () => undefined): string | undefined {
  const path = lockPath(dir);
  const me: LockOwner = { pid: process.pid, started: processStart(process.pid) ?? '' };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = readOwner(path);
    if (owner && ownerAlive(owner)) {
      return `another run (pid ${owner.pid}) is using ${dir}; wait for it to end, or give this run its own folder with IPC_REPORTS_DIR`;
    }
    note(`ipc-conformance: took over the lock ${path} of a run that is gone (${owner ? `pid ${owner.pid}` : 'unreadable lock file'})`);
    rmSync(path, { force: true });
  }
  return `could not take the lock ${path}`;
}

/** Gives the lock up, if this process holds it. */
export function releaseRunLock(dir: string): void {
  const owner = readOwner(lockPath(dir));
  if (owner?.pid === process.pid) rmSync(lockPath(dir), { force: true });
}
