/**
 * `npm run targets [-- --only a,b] [-- --list] [-- --keep]` (in --only, a kind — host, container, vm — names all its targets): runs the kit's own
 * `npm test` on real targets (this host, containers, VMs) and writes
 * reports/targets.{md,html,json}: targets × claims. Exits non-zero when a
 * target that ran had a failure; a target this machine cannot give is
 * "unavailable", with the reason, never failed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from '../cli';
import { reportsDir } from '../paths';
import { REPORTS_MARKER } from '../preflight';
import { TARGETS } from './definitions';
import { writeTargetReports } from './report';
import { collectResult, hasFailure, unavailableResult } from './results';
import type { Target, TargetResult } from './types';

export interface Options { only: Target[]; list: boolean; keep: boolean }

export function parseArgs(args: string[], targets: Target[] = TARGETS): Options {
  const options: Options = { only: targets, list: false, keep: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--list') options.list = true;
    else if (a === '--keep') options.keep = true;
    else if (a === '--only') {
      const names = (args[++i] ?? '').split(',').filter(Boolean);
      if (!names.length) throw new Error('--only needs target names or kinds: --only host,vm-bullseye or --only container');
      // a kind (host, container, vm) stands for every target of that kind
      const picked = (n: string) => targets.filter((t) => t.name === n || t.kind === n);
      const unknown = names.filter((n) => !picked(n).length);
      if (unknown.length) throw new Error(`unknown target${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the targets are: ${targets.map((t) => t.name).join(', ')} (or a kind: ${[...new Set(targets.map((t) => t.kind))].join(', ')})`);
      options.only = targets.filter((t) => names.some((n) => picked(n).includes(t)));
    } else throw new Error(`unknown option "${a}"; the options are --only a,b, --list and --keep`);
  }
  return options;
}

/** --list: each target, what it needs, and whether this machine has it. */
export function listing(targets: Target[]): string {
  return targets.map((t) => {
    const reason = t.unavailable();
    return `${t.name} (${t.kind}): ${t.settings}\n  needs: ${t.needs}\n  here: ${reason ? `unavailable: ${reason}` : 'available'}`;
  }).join('\n');
}

export async function runTarget(target: Target, keep: boolean): Promise<TargetResult> {
  const reason = target.unavailable();
  if (reason) return unavailableResult(target, reason);
  const dir = join(reportsDir, 'targets', target.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // the kit made this folder: its npm test may write there beside the console log (kit/preflight.ts)
  writeFileSync(join(dir, REPORTS_MARKER), 'ipc-conformance writes its reports here and replaces them on every run\n');
  const started = Date.now();
  const end = await target.run(dir, { keep });
  const result = { ...collectResult(target, dir, end, (Date.now() - started) / 1000), recorded: new Date(started).toISOString() };
  writeFileSync(join(dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/**
 * The table shows every target: those this run did not touch (--only) with their last recorded result, if any,
 * which carries the date it was recorded.
 */
export function withEarlier(results: TargetResult[], targets: Target[] = TARGETS, dir = join(reportsDir, 'targets')): TargetResult[] {
  return targets.flatMap((t) => {
    const now = results.find((r) => r.name === t.name);
    if (now) return [now];
    const path = join(dir, t.name, 'result.json');
    return existsSync(path) ? [JSON.parse(readFileSync(path, 'utf8')) as TargetResult] : [];
  });
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    fail((e as Error).message);
  }
  if (options.list) {
    process.stdout.write(`${listing(options.only)}\n`);
    return;
  }
  mkdirSync(reportsDir, { recursive: true });
  const results: TargetResult[] = [];
  for (const target of options.only) {
    process.stdout.write(`targets: ${target.name} …\n`);
    const r = await runTarget(target, options.keep);
    process.stdout.write(`targets: ${target.name}: ${r.status === 'unavailable' ? `unavailable (${r.reason})` : `${r.resultLine} in ${r.seconds!.toFixed(0)} s`}\n`);
    results.push(r);
    writeTargetReports(reportsDir, withEarlier(results)); // after each target, so a long run shows what it has
  }
  process.stdout.write(`targets: ${join(reportsDir, 'targets.md')}\n`);
  process.exit(results.some(hasFailure) ? 1 : 0);
}

if (require.main === module) main().catch((e) => fail(String(e?.stack ?? e)));
