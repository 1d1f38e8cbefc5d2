/**
 * Runs cucumber (or any command of the run) in a process group of its own and
 * forwards SIGINT, SIGTERM and SIGHUP that reach this process to that whole
 * group: cucumber, its workers and their fixtures. So a signal sent to `npm test`
 * (npm passes it to us; the scripts `exec`, so no shell is in between) or to this
 * process stops the run, and Ctrl-C in a terminal reaches it once, not twice.
 */
import { spawn, SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';

export interface ChildEnd {
  /** exit code, or 128 + the signal's number when the child died by a signal */
  code: number;
  /** the signal that killed the child, if one did */
  signal?: NodeJS.Signals;
  /** the first signal this process received while the child ran */
  interruptedBy?: NodeJS.Signals;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

export function runInOwnGroup(command: string, args: string[], options: SpawnOptions): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options, detached: true });
    let interruptedBy: NodeJS.Signals | undefined;
    const forward = (signal: NodeJS.Signals) => {
      interruptedBy ??= signal;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is already gone
      }
    };
    for (const s of FORWARDED) process.on(s, forward);
    const done = () => FORWARDED.forEach((s) => process.off(s, forward));
    child.on('error', (e) => {
      done();
      reject(e);
    });
    child.on('exit', (code, signal) => {
      done();
      resolve({ code: code ?? signalExitCode(signal!), signal: signal ?? undefined, interruptedBy });
    });
  });
}
