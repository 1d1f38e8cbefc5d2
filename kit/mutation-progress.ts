/**
 * `npm run mutation:progress`: what a mutation run has measured so far, from the mutants.ndjson
 * files that stryker-progress.mjs appends to as each mutant is tested (the scenario run, the kit
 * run, the uid 65534 run). A run still going, or one that was stopped, gives a score of the mutants
 * it tested, labelled as such; the survivors follow, by file and line.
 *
 *   npm run mutation:progress               every folder, survivors of every file
 *   npm run mutation:progress -- native/    survivors of files whose path contains "native/"
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail } from './cli';
import { GOAL, tally, verdict } from './mutation-score';
import { reportsDir, root } from './paths';

export interface ProgressMutant {
  file: string;
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number }; end?: { line: number; column: number } };
  source?: string;
}

export interface Progress { started?: string; finished?: string; mutants: ProgressMutant[] }

/** One progress file: its start and end markers and each tested mutant (a line cut short by a stopped run is left out). */
export function readProgress(text: string): Progress {
  const out: Progress = { mutants: [] };
  for (const line of text.split('\n')) {
    let m;
    try {
      m = JSON.parse(line);
    } catch {
      continue;
    }
    if (m.started) out.started = m.started;
    else if (m.finished) out.finished = m.finished;
    else if (m.file && m.status && m.location) out.mutants.push(m);
  }
  return out;
}

/** The mutants of several progress files in the shape Stryker's JSON report gives `tally`. */
export const asFiles = (mutants: ProgressMutant[]): Record<string, { mutants: ProgressMutant[] }> =>
  mutants.reduce<Record<string, { mutants: ProgressMutant[] }>>((acc, m) => {
    (acc[m.file] ??= { mutants: [] }).mutants.push(m);
    return acc;
  }, {});

/** "survived, line 12, ConditionalExpression: if (x) … → true", undetected mutants of matching files by file and line. */
export function survivorLines(mutants: ProgressMutant[], filter = ''): string[] {
  return mutants.filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && m.file.includes(filter))
    .sort((a, b) => a.file.localeCompare(b.file) || a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
    .map((m) => `${m.file}:${m.location.start.line}: ${m.status === 'NoCoverage' ? 'no coverage' : 'survived'}, ${m.mutatorName}: ` +
      `${(m.source ?? '').slice(0, 90)}  →  ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60)}`);
}

function main(filter: string): void {
  const paths = [join(reportsDir, 'mutation', 'mutants.ndjson'), join(reportsDir, 'mutation', 'kit', 'mutants.ndjson'),
    join(reportsDir, 'mutation', 'unprivileged', 'mutants.ndjson')].filter((p) => existsSync(p));
  if (!paths.length) fail(`no mutation progress file in ${relative(root, join(reportsDir, 'mutation'))}: start npm run mutation first`);
  const runs = paths.map((p) => ({ path: relative(root, p), ...readProgress(readFileSync(p, 'utf8')) }));
  for (const r of runs) {
    process.stdout.write(`${r.path}: ${r.mutants.length} mutants tested, started ${r.started ?? 'at an unknown time'}, ` +
      `${r.finished ? `finished ${r.finished}` : 'NOT FINISHED: the scores below cover only the mutants tested so far'}\n`);
  }
  const { lines } = verdict(tally(runs.map((r) => asFiles(r.mutants))));
  process.stdout.write(`Score of the mutants tested (goal ${GOAL} %):\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  const left = survivorLines(runs.flatMap((r) => r.mutants), filter);
  process.stdout.write(`${left.length} not detected${filter ? ` in files matching "${filter}"` : ''}:\n${left.map((l) => `  ${l}`).join('\n')}\n`);
}

if (require.main === module) main(process.argv[2] ?? '');
