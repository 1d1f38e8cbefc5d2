/**
 * `npm run cluster-report -- <dir or claims.json>...`: merges the claims reports of several
 * targets (every claims.json under the given folders, e.g. a Sonobuoy run's
 * plugins/ipc-conformance/results/<node>/<user>/) into reports/cluster.md and cluster.json.
 * A target is named by its folder, relative to the folder all the reports share.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fail } from './cli';
import { mergeClaims, renderClusterMarkdown, type TargetReport } from './cluster-merge';
import { reportsDir } from './paths';

function claimsFiles(path: string): string[] {
  if (!existsSync(path)) fail(`${path} does not exist`);
  if (statSync(path).isFile()) return [resolve(path)];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory() && e.name !== 'node_modules') return claimsFiles(join(path, e.name));
    return e.isFile() && e.name === 'claims.json' ? [resolve(path, e.name)] : [];
  });
}

function commonDir(files: string[]): string {
  const parts = files.map((f) => dirname(f).split(sep));
  let n = 0;
  while (n < parts[0].length && parts.every((p) => p[n] === parts[0][n])) n++;
  return parts[0].slice(0, n).join(sep) || sep;
}

/** Targets named by their folders below the one they share (the folder's own name when there is one report). */
export function targetNames(files: string[]): string[] {
  const base = files.length === 1 ? dirname(dirname(files[0])) : commonDir(files);
  return files.map((f) => relative(base, dirname(f)) || basename(dirname(f)));
}

function readReport(file: string, name: string): TargetReport {
  let data: { platform?: TargetReport['platform']; claims?: TargetReport['claims'] };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`${file} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data.claims)) fail(`${file} is not an ipc-conformance claims report (no "claims" list)`);
  return { name, platform: data.platform ?? {}, claims: data.claims! };
}

function main(args: string[]): void {
  if (args.length === 0) fail('usage: npm run cluster-report -- <folder or claims.json>... (e.g. the plugins/ipc-conformance folder of a Sonobuoy result)');
  const files = [...new Set(args.flatMap(claimsFiles))].sort();
  if (files.length === 0) fail(`no claims.json under ${args.join(', ')}`);
  const names = targetNames(files);
  let report;
  try {
    report = mergeClaims(files.map((f, i) => readReport(f, names[i])));
  } catch (e) {
    return fail((e as Error).message);
  }
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, 'cluster.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(reportsDir, 'cluster.md'), renderClusterMarkdown(report));
  process.stdout.write(`${report.targets.length} targets, ${report.claims.length} claims, ${report.differing} differ; ` +
    `report: ${join(reportsDir, 'cluster.md')}\n`);
}

if (require.main === module) main(process.argv.slice(2));
