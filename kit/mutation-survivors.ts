/**
 * `npm run mutation:survivors`: the mutants of the last `npm run mutation` that
 * no scenario or kit test killed (survived, or reached by none), one line each, by
 * file and line, with the score per file, from both reports (the cucumber run
 * over steps/ and native/, the node:test run over kit/). The list a reviewer checks against
 * test/mutation-equivalents.md §3 to tell a new weakness from a known kind.
 *
 *   npm run mutation:survivors               all files
 *   npm run mutation:survivors -- fifo       files whose path contains "fifo"
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail } from './cli';
import { reportsDir, root } from './paths';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
interface FileResult { source: string; mutants: Mutant[] }

const reportPaths = [join(reportsDir, 'mutation', 'mutation.json'), join(reportsDir, 'mutation', 'kit', 'mutation.json')].filter((p) => existsSync(p));
if (!reportPaths.length) fail(`no mutation report in ${relative(root, join(reportsDir, 'mutation'))}: run npm run mutation first`);

const files: Record<string, FileResult> = {};
for (const reportPath of reportPaths) {
  try {
    Object.assign(files, JSON.parse(readFileSync(reportPath, 'utf8')).files);
  } catch (e) {
    fail(`${relative(root, reportPath)} is not a Stryker JSON report: ${(e as Error).message}`);
  }
}

const filter = process.argv[2] ?? '';
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const oneLine = (text: string, width: number) => text.replace(/\s+/g, ' ').trim().slice(0, width);

let detected = 0;
let undetected = 0;
for (const [file, result] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  if (!file.includes(filter)) continue;
  const lines = result.source.split('\n');
  const d = result.mutants.filter((m) => DETECTED.has(m.status)).length;
  const left = result.mutants.filter((m) => UNDETECTED.has(m.status)).sort((a, b) => a.location.start.line - b.location.start.line);
  detected += d;
  undetected += left.length;
  const score = d + left.length === 0 ? 100 : (100 * d) / (d + left.length);
  process.stdout.write(`\n${file}: ${score.toFixed(1)} % (${d} detected, ${left.length} not)\n`);
  for (const m of left) {
    const { line } = m.location.start;
    const tag = m.status === 'NoCoverage' ? 'no coverage' : 'survived';
    process.stdout.write(`  ${line}: ${tag}, ${m.mutatorName}: ${oneLine(lines[line - 1] ?? '', 90)}  →  ${oneLine(m.replacement ?? '', 60)}\n`);
  }
}
if (detected + undetected === 0) fail(filter ? `no mutated file matches "${filter}"` : 'the report holds no mutants');
process.stdout.write(`\n${undetected} mutants not detected; score ${((100 * detected) / (detected + undetected)).toFixed(2)} %\n`);
