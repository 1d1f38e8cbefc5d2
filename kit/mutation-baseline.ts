/**
 * First step of `npm run mutation:steps`: runs the suite once, unmutated, on this host (inside the
 * same IPC namespace as Stryker), and writes reports/mutation/expected-skips.json: the skips it made,
 * as "<feature file>\t<scenario>\t<reason>". The cucumber profile "mutation" (strict) admits exactly
 * those, so that a root run's capability skips do not fail Stryker's initial run while a mutant that
 * makes any other scenario skip is still killed. A baseline with a failure stops here: mutants can
 * only be judged against a green suite.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli';
import { reportsDir, root } from './paths';
import { readRun, ScenarioResult } from './run-results';

/** How a skip is named in the file: the feature file, the scenario's name and the reason. */
export const skipKey = (uri: string, scenario: string, reason: string): string => `${uri}\t${scenario}\t${reason}`;

export const expectedSkipsPath = join(reportsDir, 'mutation', 'expected-skips.json');

/** The skips of a run, in the form the mutation profile reads. */
export const expectedSkips = (results: ScenarioResult[]): string[] =>
  results.filter((r) => r.status === 'skipped').map((r) => skipKey(r.uri, r.name, r.skipReason ?? '')).sort();

function main(): void {
  const dir = join(reportsDir, 'mutation', 'baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'kit', 'test.ts'), '--format', 'summary'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, IPC_REPORTS_DIR: dir } });
  const run = readRun(join(dir, 'cucumber.ndjson'));
  if (r.status !== 0 || !run.finished) fail(`the unmutated suite did not pass (exit ${r.status}), so mutants cannot be judged:\n${r.stdout}`, 1);
  const skips = expectedSkips(run.results);
  writeFileSync(expectedSkipsPath, `${JSON.stringify(skips, null, 2)}\n`);
  process.stdout.write(`mutation baseline: ${run.results.filter((x) => x.status === 'passed').length} scenarios passed, ${skips.length} skipped here (admitted by the mutation profile)\n`);
}

if (require.main === module) main();
