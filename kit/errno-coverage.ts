/**
 * `npm run errno-coverage -- reports/errno.json other/errno.json [--min 95]`:
 * combines the errno reports of several runs (as root and as uid 65534) and
 * prints how many reachable rows passed in at least one of them. Exits 1 when
 * a row failed in any run or the coverage is below --min.
 */
import { readFileSync } from 'node:fs';
import { fail } from './cli';
import { coverage, ErrnoRecord } from './errno-report';

function readRecords(path: string): ErrnoRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read the errno report ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.some((r) => typeof r?.call !== 'string' || typeof r?.status !== 'string')) {
    fail(`${path} is not an errno report (an array of {call, errno, condition, status, ...})`);
  }
  return parsed as ErrnoRecord[];
}

function main(argv: string[]): void {
  const files: string[] = [];
  let min: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--min') {
      min = Number(argv[++i]);
      if (!Number.isFinite(min) || min < 0 || min > 100) fail('--min takes a percentage between 0 and 100');
    } else files.push(argv[i]);
  }
  if (!files.length) fail('usage: npm run errno-coverage -- <errno.json> [<errno.json> ...] [--min <percent>]');
  const { coverage: c, rows } = coverage(files.map(readRecords));
  const uncovered = [...rows.values()].filter((rs) => rs[0].reachable !== 'no' && !rs.some((r) => r.status === 'passed'));
  const failed = [...rows.values()].filter((rs) => rs.some((r) => r.status === 'failed'));
  process.stdout.write(`errno coverage over ${files.length} run(s): ${c.covered} of ${c.reachable} reachable entries passed (${c.percent} %); ` +
    `${c.entries} entries, ${c.unreachable} unreachable, ${c.failed} failed\n`);
  for (const rs of uncovered) {
    const why = rs.map((r) => r.skipReason ?? r.status).join('; ');
    process.stdout.write(`  not covered: ${rs[0].call} ${rs[0].errno}: ${rs[0].condition} (${why})\n`);
  }
  for (const rs of failed) process.stdout.write(`  FAILED: ${rs[0].call} ${rs[0].errno}: ${rs[0].condition}\n`);
  if (failed.length || (min !== undefined && c.percent < min)) process.exit(1);
}

main(process.argv.slice(2));
