/**
 * `npm test [-- cucumber options]`: runs the scenarios with cucumber-js, then
 * writes reports/claims.md and reports/claims.json from what they measured,
 * and ends with cucumber's exit status and a plain "N passed, N failed" line.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli';
import { labelAllureResults } from './allure-labels';
import { addSkipReasons } from './junit-skips';
import { buildClaimRecords, writeClaimReports } from './claims-report';
import { exitStatus, runProgress, unfinishedReason } from './exit-status';
import { loadLedger } from './ledger';
import { reportsDir, root } from './paths';
import { checkFixtures, checkOpenFiles, checkTmp, checkWaivers, claimReportsDir } from './preflight';
import { runInOwnGroup, signalExitCode } from './run-child';
import { acquireRunLock, releaseRunLock } from './run-lock';
import { claimTags, readRunResults, ScenarioResult } from './run-results';
import { sweepStaleObjects } from './stale-objects';
import { activeWaiver, loadWaivers, waiverProblems, Waiver } from './waivers';

/** Everything that would make the run fail or lie, each in one line, before cucumber starts; exit 2 if any. */
function preflight(): void {
  const problems = [checkOpenFiles(), checkFixtures(), claimReportsDir(reportsDir), checkTmp(), ...checkWaivers()]
    .filter((p): p is string => !!p);
  if (!problems.length) return;
  for (const p of problems) process.stderr.write(`ipc-conformance: ${p}\n`);
  process.exit(2);
}

/** This checkout's reports folder for this run alone (a lock), after removing what killed runs left. */
function takeOver(): void {
  const refused = acquireRunLock(reportsDir, (line) => process.stderr.write(`${line}\n`));
  if (refused) fail(refused);
  process.on('exit', () => releaseRunLock(reportsDir));
  const { removed, leftAlone } = sweepStaleObjects(reportsDir);
  if (removed.length) process.stderr.write(`ipc-conformance: removed ${removed.length} object(s) left by killed runs: ${removed.join(', ')}\n`);
  if (leftAlone.length) process.stderr.write(`ipc-conformance: could not remove what killed runs left: ${leftAlone.join(', ')}\n`);
  rmSync(join(reportsDir, 'allure-results'), { recursive: true, force: true }); // results of an earlier run would mix in
}

/** A run id for names (steps/support/names.ts): the caller's IPC_RUN_ID (npm run matrix sets one), else a fresh one. */
function runId(): string {
  const given = process.env.IPC_RUN_ID;
  if (given && /^[0-9a-z]{1,24}$/.test(given)) return given;
  return `${Date.now().toString(36)}${process.pid.toString(36)}`;
}

/** Failed scenarios none of whose claims a valid waiver covers: what really fails the run. */
function unwaivedFailures(results: ScenarioResult[], waivers: Waiver[]): ScenarioResult[] {
  return results.filter((r) => r.status === 'failed' &&
    !(claimTags(r.tags).length && claimTags(r.tags).every((id) => activeWaiver(waivers, id))));
}

/**
 * Values the last `npm run bench` on this host measured (reports/bench.json,
 * "evidence": {"bench.…": …}), so the ledger's performance verdicts can quote them.
 */
function benchEvidence(): Record<string, string | number | boolean> {
  const path = join(reportsDir, 'bench.json');
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')).evidence ?? {};
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  preflight();
  takeOver();
  const { platformFacts } = await import('../native/platform');
  const platform = platformFacts();
  writeFileSync(join(reportsDir, 'platform.json'), `${JSON.stringify(platform, null, 2)}\n`);

  const started = Date.now();
  const bin = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const end = await runInOwnGroup(process.execPath, [bin, ...process.argv.slice(2)], { env: { ...process.env, IPC_RUN_ID: runId() }, cwd: root });
  const code = end.code;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const ndjson = join(reportsDir, 'cucumber.ndjson');
  if (!existsSync(ndjson)) {
    process.stderr.write('ipc-conformance: cucumber wrote no messages, so there is no claims report\n');
    process.exit(end.interruptedBy ? signalExitCode(end.interruptedBy) : code || 1);
  }
  let ledger;
  let waivers: Waiver[];
  try {
    ledger = loadLedger();
    waivers = loadWaivers();
  } catch (e) {
    fail((e as Error).message);
  }
  const results = readRunResults(ndjson);
  const unknownTags = [...new Set(results.flatMap((r) => claimTags(r.tags)))].filter((id) => !ledger.has(id)).sort();
  const records = buildClaimRecords(ledger, results, { ...platform, ...benchEvidence() }, waivers);
  writeClaimReports(reportsDir, records, platform, unknownTags);
  if (existsSync(join(reportsDir, 'junit.xml'))) addSkipReasons(join(reportsDir, 'junit.xml'), results);
  const allureResults = join(reportsDir, 'allure-results');
  if (existsSync(allureResults)) labelAllureResults(allureResults, records, results);

  const ran = results.filter((r) => r.status !== 'not-run');
  const n = (s: string) => ran.filter((r) => r.status === s).length;
  const verdicts = (v: string) => records.filter((r) => r.verdict === v).length;
  const problems = waiverProblems(waivers, new Set(ledger.keys()));
  const failures = unwaivedFailures(ran, waivers);
  const waived = n('failed') - failures.length;
  process.stdout.write(
    `\nClaims: ${records.length} in the ledger (${verdicts('holds')} hold, ${verdicts('corrected')} corrected, ` +
      `${verdicts('depends')} depend, ${verdicts('not-testable')} not testable); report: ${join(reportsDir, 'claims.md')}\n` +
      `Scenarios ran in ${seconds} s.\n`,
  );
  if (unknownTags.length) process.stdout.write(`Tags naming claims the ledger lacks: ${unknownTags.join(', ')}\n`);
  const unmeasured = records.filter((r) => r.unmeasured).map((r) => `${r.id} {${r.unmeasured!.join('}, {')}}`);
  if (unmeasured.length) process.stdout.write(`Ledger placeholders that no scenario measured: ${unmeasured.join('; ')}\n`);
  for (const p of problems) process.stdout.write(`Waivers: ${p}\n`);
  if (waived) process.stdout.write(`${waived} failed scenario(s) are waived (see waivers.yaml)\n`);
  process.stdout.write(`${n('passed')} passed, ${failures.length} failed, ${n('skipped')} skipped\n`);
  const progress = runProgress(readFileSync(ndjson, 'utf8'));
  const outcome = {
    ...end, runFinished: progress.runFinished, notRun: progress.planned - progress.finished,
    failFastStopped: process.argv.some((a) => a.startsWith('--fail-fast')) && n('failed') > 0,
    failed: n('failed'), unwaivedFailures: failures.length, problems: unknownTags.length + problems.length,
  };
  const unfinished = unfinishedReason(outcome);
  if (unfinished) process.stdout.write(`The run is unfinished: ${unfinished}; it does not pass.\n`);
  process.exit(exitStatus(outcome));
}

main().catch((e) => fail(String(e?.stack ?? e)));
