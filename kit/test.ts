/**
 * `npm test [-- cucumber options]`: runs the scenarios with cucumber-js, then
 * writes reports/claims.md and reports/claims.json from what they measured,
 * and ends with cucumber's exit status and a plain "N passed, N failed" line.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli';
import { labelAllureResults } from './allure-labels';
import { addSkipReasons } from './junit-skips';
import { buildClaimRecords, writeClaimReports } from './claims-report';
import { writeErrnoReports } from './errno-report';
import { loadLedger } from './ledger';
import { manifestPath, reportsDir, root } from './paths';
import { claimTags, readRunResults, ScenarioResult } from './run-results';
import { activeWaiver, loadWaivers, waiverProblems, Waiver } from './waivers';

function prepareReportsDir(): void {
  try {
    mkdirSync(reportsDir, { recursive: true });
    accessSync(reportsDir, fsConstants.W_OK);
    rmSync(join(reportsDir, 'allure-results'), { recursive: true, force: true }); // results of an earlier run would mix in
  } catch (e) {
    fail(`the reports folder ${reportsDir} is not writable (${(e as Error).message}); set IPC_REPORTS_DIR to a writable folder`);
  }
}

function runCucumber(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env, cwd: root });
    // Ctrl-C reaches cucumber too (same process group); we wait for it to clean up and write what it can.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
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
  if (!existsSync(manifestPath)) fail('the fixtures are not built: run `npm run build` (npm test does it for you)');
  prepareReportsDir();
  const { platformFacts } = await import('../native/platform');
  const platform = platformFacts();
  writeFileSync(join(reportsDir, 'platform.json'), `${JSON.stringify(platform, null, 2)}\n`);

  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const started = Date.now();
  const code = await runCucumber(process.argv.slice(2), { ...process.env, IPC_RUN_ID: runId });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const ndjson = join(reportsDir, 'cucumber.ndjson');
  if (!existsSync(ndjson)) {
    process.stderr.write('ipc-conformance: cucumber wrote no messages, so there is no claims report\n');
    process.exit(code || 1);
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
  writeErrnoReports(reportsDir, results);
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
  // cucumber's own status, unless every failure it counted is waived; ledger and waiver problems fail the run too
  const cucumberFailed = code !== 0 && !(failures.length === 0 && n('failed') > 0);
  process.exit(cucumberFailed ? code : unknownTags.length || problems.length ? 1 : 0);
}

main().catch((e) => fail(String(e?.stack ?? e)));
