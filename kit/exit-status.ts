/**
 * The exit status of `npm test`. The reports (kit/run-report.ts) give the
 * status of what ran: cucumber's, unless every failure is waived, and 1 for
 * ledger or waiver problems. On top of that, a run that did not finish —
 * cucumber stopped by --fail-fast, killed by a signal, or this process
 * interrupted — never exits 0, even when every failure it saw so far is waived.
 */
import { signalExitCode } from './run-child';

export interface RunOutcome {
  /** cucumber's exit code (128 + signal number when a signal killed it) */
  code: number;
  signal?: NodeJS.Signals;
  interruptedBy?: NodeJS.Signals;
  /** cucumber wrote its testRunFinished message */
  runFinished: boolean;
  /** test cases cucumber planned but did not finish */
  notRun: number;
  /** --fail-fast was given and a scenario failed: cucumber skipped the rest without running them */
  failFastStopped?: boolean;
}

/** Why the run is unfinished, in words, or undefined when it ran every scenario to the end. */
export function unfinishedReason(o: RunOutcome): string | undefined {
  if (o.interruptedBy) return `the run was interrupted by ${o.interruptedBy}`;
  if (o.signal) return `cucumber was killed by ${o.signal}`;
  if (!o.runFinished) return 'cucumber ended before finishing the run';
  if (o.failFastStopped) return '--fail-fast stopped it after a failure, and skipped the scenarios after it';
  if (o.notRun > 0) return `${o.notRun} scenario(s) did not run (an early stop)`;
  return undefined;
}

/** The status to exit with, from the reports' status and how the run ended. */
export function finalStatus(reported: number, o: RunOutcome): number {
  if (!unfinishedReason(o)) return reported;
  if (o.interruptedBy) return signalExitCode(o.interruptedBy);
  if (reported !== 0) return reported;
  return o.code !== 0 ? o.code : 1;
}

/** How far cucumber got, from its messages: test cases it planned, how many finished, whether it wrote testRunFinished and its verdict. */
export function runProgress(ndjson: string): { planned: number; finished: number; runFinished: boolean; success?: boolean } {
  const planned = new Set<string>();
  const started = new Map<string, string>();
  const finished = new Set<string>();
  let runFinished = false;
  let success: boolean | undefined;
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    let m;
    try {
      m = JSON.parse(line);
    } catch {
      continue; // a line cut short by a kill
    }
    if (m.testCase) planned.add(m.testCase.id);
    else if (m.testCaseStarted) started.set(m.testCaseStarted.id, m.testCaseStarted.testCaseId);
    else if (m.testCaseFinished && !m.testCaseFinished.willBeRetried) finished.add(started.get(m.testCaseFinished.testCaseStartedId)!);
    else if (m.testRunFinished) {
      runFinished = true;
      success = m.testRunFinished.success;
    }
  }
  return { planned: planned.size, finished: [...planned].filter((id) => finished.has(id)).length, runFinished, success };
}
