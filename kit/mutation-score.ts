/**
 * The last step of `npm run mutation`: reads the Stryker reports (the cucumber
 * run over steps/, steps/support/ and native/, the node:test run over kit/, and
 * where a root run made it the errno steps' run as uid 65534), prints the mutation score overall and per folder, and exits
 * non-zero when any of them is below the goal (85 %) or a report is missing.
 *
 *   npm run mutation:score [-- report.json …]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail } from './cli';
import { lineMap } from './mutation-kit-targets';
import { reportsDir, root } from './paths';

export const GOAL = 85;

/** The folders the score is given for; a file belongs to the longest that prefixes its path. */
export const FOLDERS = ['steps/', 'steps/errors/', 'steps/support/', 'native/', 'kit/'];

export interface Tally { killed: number; timeout: number; survived: number; noCoverage: number }
const empty = (): Tally => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 });
const FIELD: Record<string, keyof Tally> = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' };

export const folderOf = (file: string): string | undefined =>
  FOLDERS.filter((f) => file.startsWith(f)).sort((a, b) => b.length - a.length)[0];

/** Killed and timed-out mutants over all scored ones (the rest — compile errors, ignored — are not scored); 100 with none. */
export function score(t: Tally): number {
  const detected = t.killed + t.timeout;
  const all = detected + t.survived + t.noCoverage;
  return all === 0 ? 100 : (100 * detected) / all;
}

interface Place { line: number; column: number }
interface Mutant { status: string; mutatorName?: string; replacement?: string; location?: { start: Place; end?: Place } }
type Files = Record<string, { source?: string; mutants: Mutant[] }>;

/**
 * A mutant of a report made from an older text of its file, placed on that file's present text:
 * its lines moved (the longest common subsequence of lines), or undefined where a line of it changed.
 */
function onPresentText(m: Mutant, map: Map<number, number>): Mutant | undefined {
  if (!m.location) return m;
  const start = map.get(m.location.start.line);
  const end = m.location.end && map.get(m.location.end.line);
  if (start === undefined || (m.location.end && end === undefined)) return undefined;
  return { ...m, location: { start: { ...m.location.start, line: start }, end: m.location.end && { ...m.location.end, line: end! } } };
}

const DETECTED = new Set(['Killed', 'Timeout']);
const id = (file: string, m: Mutant, i: number) =>
  m.location ? `${file}:${m.location.start.line}:${m.location.start.column}-${m.location.end?.line}:${m.location.end?.column}:${m.mutatorName}:${m.replacement}` : `${file}#${i}`;

/**
 * Per folder and overall, from the `files` of Stryker JSON reports (paths relative to the project).
 * A mutant that two runs both tried (the same file, place, mutator and replacement) counts once,
 * as detected when either run detected it. `present` gives a file's text now: a report made from
 * an older text has its mutants moved with their lines, and those on changed lines dropped.
 */
export function tally(reports: Files[], present: (file: string) => string | undefined = () => undefined): { folders: Map<string, Tally>; overall: Tally; outside: string[] } {
  const folders = new Map(FOLDERS.map((f) => [f, empty()]));
  const overall = empty();
  const outside = new Set<string>();
  const mutants = new Map<string, { file: string; status: string }>();
  for (const files of reports) {
    for (const [file, result] of Object.entries(files)) {
      const now = present(file);
      const map = now !== undefined && result.source !== undefined && result.source !== now ? lineMap(result.source, now) : undefined;
      result.mutants.forEach((original, i) => {
        const m = map ? onPresentText(original, map) : original;
        if (!m) return; // on a line that has changed since this report: no longer the code being scored
        const key = id(file, m, i);
        const seen = mutants.get(key);
        // a mutant the TypeScript checker rejected is no program at all, whatever a run without the checker made of it
        if (seen?.status === 'CompileError') return;
        if (!seen || m.status === 'CompileError' || (!DETECTED.has(seen.status) && FIELD[m.status])) mutants.set(key, { file, status: m.status });
      });
    }
  }
  for (const { file, status } of mutants.values()) {
    const folder = folderOf(file);
    if (!folder) outside.add(file);
    const field = FIELD[status];
    if (!field) continue;
    overall[field]++;
    if (folder) folders.get(folder)![field]++;
  }
  return { folders, overall, outside: [...outside] };
}

const scored = (t: Tally) => t.killed + t.timeout + t.survived + t.noCoverage;

export const line = (name: string, t: Tally): string => scored(t) === 0 ? `${name.padEnd(16)}    no mutant tried` :
  `${name.padEnd(16)}${score(t).toFixed(2).padStart(7)} %  ${t.killed} killed, ${t.timeout} timed out, ${t.survived} survived, ${t.noCoverage} without coverage`;

/** The lines to print and the folders (or "overall") below the goal, or where no mutant was tried (a run left them out). */
export function verdict({ folders, overall }: ReturnType<typeof tally>, goal = GOAL): { lines: string[]; below: string[] } {
  const rows: [string, Tally][] = [...folders, ['overall', overall]];
  const below = rows.filter(([, t]) => scored(t) === 0 || score(t) < goal).map(([name]) => name);
  return { lines: rows.map(([name, t]) => line(name, t)), below };
}

function main(argv: string[]): void {
  // the unprivileged run (npm run mutation:unprivileged, made by a root run) joins where it exists
  const unprivileged = join(reportsDir, 'mutation', 'unprivileged', 'mutation.json');
  const paths = argv.length ? argv : [join(reportsDir, 'mutation', 'mutation.json'), join(reportsDir, 'mutation', 'kit', 'mutation.json'),
    ...(existsSync(unprivileged) ? [unprivileged] : [])];
  process.stdout.write(`Mutation reports: ${paths.map((p) => relative(root, p)).join(', ')}\n`);
  const reports = paths.map((p) => {
    if (!existsSync(p)) fail(`no mutation report at ${relative(root, p)}: run npm run mutation first`);
    try {
      return JSON.parse(readFileSync(p, 'utf8')).files as Files;
    } catch (e) {
      return fail(`${relative(root, p)} is not a Stryker JSON report: ${(e as Error).message}`);
    }
  });
  const t = tally(reports, (file) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined));
  const { lines, below } = verdict(t);
  process.stdout.write(`Mutation score (goal ${GOAL} %):\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  if (t.outside.length) process.stdout.write(`  (files outside those folders, counted overall only: ${t.outside.join(', ')})\n`);
  if (below.length) fail(`mutation score below ${GOAL} % in: ${below.join(', ')}`, 1);
}

if (require.main === module) main(process.argv.slice(2));
