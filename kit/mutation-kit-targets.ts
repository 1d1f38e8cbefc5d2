/**
 * What `npm run mutation:kit` mutates. stryker.kit.config.json names whole files:
 * the kit's verdict modules, and native/ and steps/support/. The scenario runs
 * (`mutation:steps`, `mutation:unprivileged`) go first and already test native/
 * and steps/support/; the unit tests only need to try again what those runs left
 * alive. So, for each file those runs tried, only the lines of its surviving mutants
 * are passed on (Stryker's `file:line-line` ranges). A file they did not try, or
 * whose text changed since they tried it, is mutated whole. `npm run mutation:score`
 * counts a mutant as detected when any run detected it.
 *
 *   node kit/mutation-kit-targets.ts     prints the --mutate list, comma-separated
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail } from './cli';
import { reportsDir, root } from './paths';

interface Place { line: number; column: number }
interface Mutant { status: string; mutatorName?: string; replacement?: string; location: { start: Place; end: Place } }
export interface FileReport { source: string; mutants: Mutant[] }
export type Files = Record<string, FileReport>;

/** The folders whose files the scenario runs test as well; only their survivors are tried again. */
export const NARROWED = ['native/', 'steps/support/'];

const DETECTED = new Set(['Killed', 'Timeout']);
const ALIVE = new Set(['Survived', 'NoCoverage']);
const id = (m: Mutant) =>
  `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement}`;

/**
 * The line ranges ("12-12", "40-43") of the mutants that no report detected, by first line,
 * without repeats: a mutant (place, mutator, replacement) is alive when some report left it
 * Survived or NoCoverage and none killed it or timed out on it.
 */
export function aliveRanges(reports: FileReport[]): string[] {
  const detected = new Set(reports.flatMap((r) => r.mutants.filter((m) => DETECTED.has(m.status)).map(id)));
  const alive = reports.flatMap((r) => r.mutants.filter((m) => ALIVE.has(m.status) && !detected.has(id(m))));
  alive.sort((a, b) => a.location.start.line - b.location.start.line || a.location.end.line - b.location.end.line);
  return [...new Set(alive.map((m) => `${m.location.start.line}-${m.location.end.line}`))];
}

/**
 * Where each line of `before` is in `after`, for the lines a longest common subsequence keeps
 * (1-based numbers): an edit elsewhere in a file moves a line without changing it.
 */
export function lineMap(before: string, after: string): Map<number, number> {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const map = new Map<number, number>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) map.set(++i, ++j);
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return map;
}

/**
 * The alive ranges of a file whose text changed since a report: each alive mutant whose lines
 * are unchanged, at their new place, and every line that is new or changed, whole.
 */
export function movedAliveRanges(report: FileReport, now: string): string[] {
  const map = lineMap(report.source, now);
  const moved: FileReport = { source: now, mutants: [] };
  for (const m of report.mutants) {
    const start = map.get(m.location.start.line);
    const end = map.get(m.location.end.line);
    if (start !== undefined && end !== undefined) moved.mutants.push({ ...m, location: { start: { ...m.location.start, line: start }, end: { ...m.location.end, line: end } } });
  }
  const kept = new Set(map.values());
  const changed = now.split('\n').map((_, i) => i + 1).filter((line) => !kept.has(line)).map((line) => `${line}-${line}`);
  return [...new Set([...aliveRanges([moved]), ...changed])];
}

/**
 * The --mutate list: each file of `files` whole, except one under NARROWED that the scenario
 * reports tried, which gives its alive ranges (and nothing when none is left); where its text
 * changed since, the unchanged lines' mutants keep their verdict and the changed lines are tried.
 */
export function kitTargets(files: string[], reports: Files[], textOf: (file: string) => string): string[] {
  const out: string[] = [];
  for (const file of files) {
    const tried = reports.map((r) => r[file]).filter((r): r is FileReport => r !== undefined);
    if (!NARROWED.some((d) => file.startsWith(d)) || !tried.length) {
      out.push(file);
      continue;
    }
    const now = textOf(file);
    const ranges = tried.every((r) => r.source === now) ? aliveRanges(tried) : [...new Set(tried.flatMap((r) => movedAliveRanges(r, now)))];
    out.push(...ranges.map((range) => `${file}:${range}`));
  }
  return out;
}

/** The files a Stryker `mutate` list names, in its order ("!" patterns take files out). */
export function expandMutate(patterns: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const p of patterns.filter((p) => !p.startsWith('!'))) {
    for (const f of globSync(p, { cwd }).sort()) if (!files.includes(f)) files.push(f);
  }
  const out = new Set(patterns.filter((p) => p.startsWith('!')).flatMap((p) => globSync(p.slice(1), { cwd })));
  return files.filter((f) => !out.has(f));
}

function main(): void {
  const config = JSON.parse(readFileSync(join(root, 'stryker.kit.config.json'), 'utf8')) as { mutate: string[] };
  const reportPaths = [join(reportsDir, 'mutation', 'mutation.json'), join(reportsDir, 'mutation', 'unprivileged', 'mutation.json')].filter(existsSync);
  const reports = reportPaths.map((p) => {
    try {
      return JSON.parse(readFileSync(p, 'utf8')).files as Files;
    } catch (e) {
      return fail(`${relative(root, p)} is not a Stryker JSON report: ${(e as Error).message}`);
    }
  });
  const targets = kitTargets(expandMutate(config.mutate, root), reports, (f) => readFileSync(join(root, f), 'utf8'));
  process.stderr.write(`mutation:kit: ${targets.length} targets (${reportPaths.length ? `survivors of ${reportPaths.map((p) => relative(root, p)).join(', ')} in ${NARROWED.join(', ')}` : 'no scenario report yet: every file whole'})\n`);
  process.stdout.write(targets.join(','));
}

if (require.main === module) main();
