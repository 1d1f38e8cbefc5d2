/**
 * `npm test [-- cucumber options]`: runs the scenarios with cucumber-js, then
 * writes reports/claims.md and reports/claims.json from what they measured,
 * and ends with cucumber's exit status and a plain "N passed, N failed" line.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli';
import { finalStatus, runProgress, unfinishedReason } from './exit-status';
import { reportsDir, root } from './paths';
import { checkFixtures, checkOpenFiles, checkTimeScale, checkTmp, checkWaivers, claimReportsDir } from './preflight';
import { runInOwnGroup } from './run-child';
import { acquireRunLock, releaseRunLock } from './run-lock';
import { sweepStaleObjects } from './stale-objects';

/** Problems that would make the run fail or lie, each in one line, before cucumber starts; exit 2 if any. */
function refuseOn(problems: Array<string | undefined>): void {
  const found = problems.filter((p): p is string => !!p);
  if (!found.length) return;
  for (const p of found) process.stderr.write(`ipc-conformance: ${p}\n`);
  process.exit(2);
}

/** The host first (a full TMPDIR or few descriptors break loading the rest), then the fixtures, reports folder and waivers. */
function preflight(): void {
  refuseOn([checkOpenFiles(), checkTmp(), checkTimeScale()]);
  refuseOn([checkFixtures(), claimReportsDir(reportsDir), ...checkWaivers()]);
}

/** This checkout's reports folder for this run alone (a lock), after removing what killed runs left. */
function takeOver(clearPreviousRun: (dir: string) => void): void {
  const refused = acquireRunLock(reportsDir, (line) => process.stderr.write(`${line}\n`));
  if (refused) fail(refused);
  process.on('exit', () => releaseRunLock(reportsDir));
  const { removed, leftAlone } = sweepStaleObjects(reportsDir);
  if (removed.length) process.stderr.write(`ipc-conformance: removed ${removed.length} object(s) left by killed runs: ${removed.join(', ')}\n`);
  if (leftAlone.length) process.stderr.write(`ipc-conformance: could not remove what killed runs left: ${leftAlone.join(', ')}\n`);
  rmSync(join(reportsDir, 'allure-results'), { recursive: true, force: true }); // results of an earlier run would mix in
  clearPreviousRun(reportsDir);
}

/** A run id for names (steps/support/names.ts): the caller's IPC_RUN_ID (npm run matrix sets one), else a fresh one. */
function runId(): string {
  const given = process.env.IPC_RUN_ID;
  if (given && /^[0-9a-z]{1,24}$/.test(given)) return given;
  return `${Date.now().toString(36)}${process.pid.toString(36)}`;
}

async function main(): Promise<void> {
  preflight();
  const { clearPreviousRun, reportRun } = await import('./run-report');
  takeOver(clearPreviousRun);
  const { platformFacts } = await import('../native/platform');
  const platform = platformFacts();
  writeFileSync(join(reportsDir, 'platform.json'), `${JSON.stringify(platform, null, 2)}\n`);

  const started = Date.now();
  const bin = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const end = await runInOwnGroup(process.execPath, [bin, ...process.argv.slice(2)], { env: { ...process.env, IPC_RUN_ID: runId() }, cwd: root });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const reported = reportRun({ reportsDir, code: end.code, seconds, platform });
  const ndjson = join(reportsDir, 'cucumber.ndjson');
  const progress = runProgress(existsSync(ndjson) ? readFileSync(ndjson, 'utf8') : '');
  const outcome = {
    ...end, runFinished: progress.runFinished, notRun: progress.planned - progress.finished,
    failFastStopped: process.argv.some((a) => a.startsWith('--fail-fast')) && progress.success === false,
  };
  const unfinished = unfinishedReason(outcome);
  if (unfinished) process.stdout.write(`The run is unfinished: ${unfinished}; it does not pass.\n`);
  process.exit(finalStatus(reported, outcome));
}

main().catch((e) => fail(String(e?.stack ?? e)));
