/**
 * `npm run bench [-- --quick]`: measures the IPC mechanisms with C programs
 * (fixtures/bench-*.c), writes reports/bench.json (with the "evidence" the
 * ledger and the performance scenarios read, and its provenance: checkout,
 * commit, host, kernel, boot and time), reports/bench.md and
 * reports/bench.svg, then runs the performance scenarios (cucumber profile
 * "performance") through kit/test.ts, so the claims report includes them.
 *
 *   --quick    fewer and shorter repetitions (under 20 s)
 *   --no-test  measure and write the reports, but run no scenarios
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { fail } from './cli';
import { FULL, Outcome, plan, QUICK, runOne } from './bench-run';
import { evidence, summarize } from './bench-stats';
import { markdown, svg } from './bench-report';
import { currentProvenance } from './bench-provenance';
import { manifestPath, reportsDir, root } from './paths';

const USAGE = 'usage: npm run bench [-- [--quick] [--no-test]]';

function parseArgs(argv: string[]): { quick: boolean; test: boolean } {
  const opts = { quick: false, test: true };
  for (const a of argv) {
    if (a === '--quick') opts.quick = true;
    else if (a === '--no-test') opts.test = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`bench: unknown argument "${a}" (${USAGE})`);
  }
  return opts;
}

function runScenarios(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'kit', 'test.ts'), '--profile', 'performance'], {
      stdio: 'inherit', cwd: root, env: process.env,
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(manifestPath)) fail('the benchmark programs are not built: run `npm run build` (npm run bench does it for you)');
  try {
    mkdirSync(reportsDir, { recursive: true });
  } catch (e) {
    fail(`cannot create the reports folder ${reportsDir}: ${(e as Error).message}`);
  }
  const scale = opts.quick ? QUICK : FULL;
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let rep = 0;
  const configs = plan(scale, (key) => `ipcc-${runId}-b${rep}-${key.replace(/[^A-Za-z0-9]+/g, '-')}`);
  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true)); // the running program gets it too; its objects are removed

  const started = Date.now();
  const outcomes: Outcome[] = [];
  process.stdout.write(`ipc-conformance bench: ${configs.length} measurements × ${scale.reps} repetitions (${opts.quick ? 'quick' : 'full'})\n`);
  for (rep = 1; rep <= scale.reps && !interrupted; rep++) {
    const names = plan(scale, (key) => `ipcc-${runId}-b${rep}-${key.replace(/[^A-Za-z0-9]+/g, '-')}`);
    for (const config of names) {
      if (interrupted) break;
      const o = await runOne(config);
      outcomes.push(o);
      if (o.status === 'failed') process.stdout.write(`\n  ${config.key}: ${o.reason}\n`);
    }
    process.stdout.write(`  repetition ${rep} done (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  if (interrupted) fail('bench: interrupted; nothing written', 130);
  const seconds = (Date.now() - started) / 1000;
  const summaries = summarize(outcomes);
  const cpus = outcomes.find((o) => o.cpusAllowed)?.cpusAllowed ?? 0;
  const unpinned = outcomes.filter((o) => o.status === 'ok' && o.config.kind !== 'memcpy' && !o.config.pinned);
  const sharedRuns = summaries.filter((s) => !s.pinned).reduce((n, s) => n + (s.sharedCpuRuns ?? 0), 0);
  const e = evidence(summaries, {
    'bench.mode': opts.quick ? 'quick' : 'full',
    'bench.reps': scale.reps,
    'bench.cpus': cpus,
    'bench.kernel': release(),
    'bench.seconds': Math.round(seconds * 10) / 10,
    'bench.shared_cpu_runs': `${sharedRuns} of ${unpinned.length}`,
    'bench.failed': summaries.filter((s) => s.status === 'failed').map((s) => s.key).join(', ') || 'none',
  });
  const title = `IPC on this host: ${cpus} CPU(s), kernel ${release()}, ${opts.quick ? 'quick' : 'full'} run, medians of ${scale.reps}`;
  writeFileSync(join(reportsDir, 'bench.json'), `${JSON.stringify({ provenance: currentProvenance(), evidence: e, summaries, outcomes: outcomes.map(({ config, ...o }) => ({ key: config.key, ...o })) }, null, 1)}\n`);
  writeFileSync(join(reportsDir, 'bench.md'), markdown(summaries, e, { mode: opts.quick ? 'quick' : 'full', reps: scale.reps, seconds, cpus }));
  writeFileSync(join(reportsDir, 'bench.svg'), svg(summaries, title));
  process.stdout.write(`ipc-conformance bench: measured in ${seconds.toFixed(1)} s; ${join(reportsDir, 'bench.md')}, bench.json, bench.svg\n`);
  const failed = summaries.filter((s) => s.status === 'failed');
  if (failed.length) process.stdout.write(`ipc-conformance bench: ${failed.length} measurement(s) failed: ${failed.map((s) => s.key).join(', ')}\n`);
  if (!opts.test) process.exit(failed.length ? 1 : 0);
  const code = await runScenarios();
  process.exit(code || (failed.length ? 1 : 0));
}

main().catch((e) => fail(String(e?.stack ?? e)));
