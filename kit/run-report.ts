/**
 * What `npm test` does after cucumber: reads reports/cucumber.ndjson, writes
 * the claims reports, adds skip reasons to JUnit and labels to Allure, prints
 * the summary, and decides the exit status. Before cucumber starts,
 * `clearPreviousRun` removes the outputs of an earlier run, so that a run that
 * fails before it starts never has its reports rebuilt from old messages.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { labelAllureResults } from './allure-labels';
import { benchForReport } from './bench-provenance';
import { ClaimRecord } from './claim-record';
import { buildClaimRecords, writeClaimReports } from './claims-report';
import { writeErrnoReports } from './errno-report';
import { addSkipReasons } from './junit-skips';
import { loadLedger, Values } from './ledger';
import { claimTags, readRun, ScenarioResult } from './run-results';
import { activeWaiver, loadWaivers, waiverProblems, Waiver } from './waivers';

/** Files a run writes from what cucumber tells it; the ones of an earlier run must not survive into this one. */
export const RUN_OUTPUTS = ['cucumber.ndjson', 'junit.xml', 'claims.json', 'claims.md', 'claims.html'];

export function clearPreviousRun(dir: string): void {
  for (const f of RUN_OUTPUTS) rmSync(join(dir, f), { force: true });
}

/** Failed scenarios none of whose claims a valid waiver covers: what really fails the run. */
function unwaivedFailures(results: ScenarioResult[], waivers: Waiver[]): ScenarioResult[] {
  return results.filter((r) => r.status === 'failed' &&
    !(claimTags(r.tags).length && claimTags(r.tags).every((id) => activeWaiver(waivers, id))));
}

/** "  38 × not available here: msgget → ENOSYS" lines, most frequent first. */
export function skipsByReason(results: ScenarioResult[]): string[] {
  const counts = new Map<string, number>();
  for (const r of results.filter((x) => x.status === 'skipped')) {
    const reason = r.skipReason ?? 'no reason given';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const width = String(Math.max(0, ...counts.values())).length;
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `  ${String(n).padStart(width)} × ${reason}`);
}

/** "Claims: 389 in the ledger (…)": verdicts, with those this run did not earn counted apart. */
export function verdictLine(records: ClaimRecord[]): string {
  const n = (v: string) => records.filter((r) => r.verdict === v).length;
  return `Claims: ${records.length} in the ledger (${n('holds')} hold, ${n('corrected')} corrected, ` +
    `${n('depends')} depend, ${n('not-testable')} not testable, ${n('unchecked')} unchecked in this run)`;
}

export interface RunInfo {
  reportsDir: string;
  /** cucumber's exit status */
  code: number;
  seconds: string;
  platform: Values;
  write?: (s: string) => void;
}

/** Writes every report of the run and returns the exit status `npm test` ends with. */
export function reportRun({ reportsDir, code, seconds, platform, write = (s) => process.stdout.write(s) }: RunInfo): number {
  const err = (s: string) => process.stderr.write(`ipc-conformance: ${s}\n`);
  const ndjson = join(reportsDir, 'cucumber.ndjson');
  const run = existsSync(ndjson) ? readRun(ndjson) : undefined;
  if (!run?.started) {
    err(`cucumber stopped before running any scenario (exit ${code}; its message is above), so there is no report`);
    return code || 1;
  }
  let ledger;
  let waivers: Waiver[];
  try {
    ledger = loadLedger();
    waivers = loadWaivers();
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  const { results } = run;
  const bench = benchForReport(join(reportsDir, 'bench.json'));
  const unknownTags = [...new Set(results.flatMap((r) => claimTags(r.tags)))].filter((id) => !ledger.has(id)).sort();
  const records = buildClaimRecords(ledger, results, { ...platform, ...bench.evidence }, waivers);
  writeClaimReports(reportsDir, records, platform, unknownTags, { bench: bench.summary });
  writeErrnoReports(reportsDir, results);
  const junit = join(reportsDir, 'junit.xml');
  const junitGaps = existsSync(junit) ? addSkipReasons(junit, results).missing : 0;
  const allureResults = join(reportsDir, 'allure-results');
  if (existsSync(allureResults)) labelAllureResults(allureResults, records, results);

  const n = (s: string) => results.filter((r) => r.status === s).length;
  const problems = waiverProblems(waivers, new Set(ledger.keys()));
  const failures = unwaivedFailures(results, waivers);
  const waived = n('failed') - failures.length;
  write(`\n${verdictLine(records)}; report: ${join(reportsDir, 'claims.md')}\nScenarios ran in ${seconds} s.\n`);
  write(`Benchmark: ${bench.summary}\n`);
  if (unknownTags.length) write(`Tags naming claims the ledger lacks: ${unknownTags.join(', ')}\n`);
  const unmeasured = records.filter((r) => r.unmeasured).map((r) => `${r.id} {${r.unmeasured!.join('}, {')}}`);
  if (unmeasured.length) write(`Ledger placeholders that no scenario measured: ${unmeasured.join('; ')}\n`);
  for (const p of problems) write(`Waivers: ${p}\n`);
  if (waived) write(`${waived} failed scenario(s) are waived (see waivers.yaml)\n`);
  if (junitGaps) write(`JUnit: ${junitGaps} skipped test case(s) could not be matched to a scenario, so they carry no reason\n`);
  const skips = skipsByReason(results);
  if (skips.length) write(`Skipped, by reason:\n${skips.join('\n')}\n`);
  if (!run.finished) write('The run did not finish (interrupted or stopped early): scenarios it did not reach are not checked.\n');
  write(`${n('passed')} passed, ${failures.length} failed, ${n('skipped')} skipped\n`);
  // cucumber's own status, unless every failure it counted is waived; ledger and waiver problems fail the run too
  const cucumberFailed = code !== 0 && !(failures.length === 0 && n('failed') > 0);
  if (cucumberFailed) return code;
  return unknownTags.length || problems.length || !run.finished ? 1 : 0;
}
