/**
 * reports/errno.json and reports/errno.md: every row of the error inventory
 * with what this run observed: passed, failed, skipped (with the reason),
 * not-run (no scenario of it was selected), or unreachable (no scenario, with
 * the inventory's reason). Also the coverage arithmetic that `npm run
 * errno-coverage` applies to several runs (root and unprivileged) together.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertedErrno, InventoryRow, loadInventory, rowKey, Reachable } from './errno-inventory';
import { ScenarioResult } from './run-results';

export type ErrnoStatus = 'passed' | 'failed' | 'skipped' | 'not-run' | 'unreachable';

export interface ErrnoRecord {
  call: string;
  /** the errno the manual page names */
  errno: string;
  condition: string;
  status: ErrnoStatus;
  /** where the scenario's Examples row is written, "features/errors/bind.feature:12" */
  scenario?: string;
  skipReason?: string;
  failure?: string;
  reachable: Reachable;
  reason?: string;
  linux?: string;
  linuxErrno?: string;
  man: string;
}

/** One record per inventory row, from the results of this run's errno scenarios. */
export function buildErrnoRecords(rows: InventoryRow[], results: ScenarioResult[]): ErrnoRecord[] {
  const byName = new Map(results.filter((r) => r.tags.includes('@errno')).map((r) => [r.name, r]));
  return rows.map((row) => {
    const r = byName.get(rowKey(row));
    const status: ErrnoStatus = r ? r.status : row.reachable === 'no' ? 'unreachable' : 'not-run';
    const record: ErrnoRecord = { call: row.call, errno: row.errno, condition: row.condition, status, reachable: row.reachable, man: row.man };
    if (r) record.scenario = r.location;
    if (r?.skipReason) record.skipReason = r.skipReason;
    if (r?.failure) record.failure = r.failure;
    if (row.reason) record.reason = row.reason;
    if (row.linux) record.linux = row.linux;
    if (row.linuxErrno) record.linuxErrno = row.linuxErrno;
    return record;
  });
}

/** Errno scenarios that name no inventory row: a renamed condition, a typo. */
export function orphanScenarios(rows: InventoryRow[], results: ScenarioResult[]): ScenarioResult[] {
  const keys = new Set(rows.map(rowKey));
  return results.filter((r) => r.tags.includes('@errno') && !keys.has(r.name));
}

export interface Coverage { entries: number; reachable: number; covered: number; unreachable: number; failed: number; percent: number }

/**
 * Coverage over one or more runs of the same inventory: a reachable row is
 * covered when its scenario passed in some run; a row that failed in any run is
 * counted as failed.
 */
export function coverage(runs: ErrnoRecord[][]): { coverage: Coverage; rows: Map<string, ErrnoRecord[]> } {
  const rows = new Map<string, ErrnoRecord[]>();
  for (const run of runs) for (const r of run) {
    const key = `${r.call}\u0000${r.errno}\u0000${r.condition}`;
    rows.set(key, [...(rows.get(key) ?? []), r]);
  }
  const all = [...rows.values()];
  const reachable = all.filter((rs) => rs[0].reachable !== 'no');
  const covered = reachable.filter((rs) => rs.some((r) => r.status === 'passed')).length;
  const failed = all.filter((rs) => rs.some((r) => r.status === 'failed')).length;
  const percent = reachable.length ? Math.round((1000 * covered) / reachable.length) / 10 : 100;
  return { coverage: { entries: all.length, reachable: reachable.length, covered, unreachable: all.length - reachable.length, failed, percent }, rows };
}

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderErrnoMarkdown(records: ErrnoRecord[]): string {
  const { coverage: c } = coverage([records]);
  const out = [
    '# The error contract: every ERRORS entry of the manual pages, checked on this host',
    '',
    `${c.entries} entries, ${c.reachable} reachable, ${c.covered} passed in this run (${c.percent} % of the reachable), ` +
      `${c.failed} failed, ${c.unreachable} unreachable. A root run and an unprivileged run cover different rows; ` +
      '`npm run errno-coverage -- a.json b.json` combines them.',
    '',
  ];
  const calls = [...new Set(records.map((r) => r.call))];
  for (const call of calls) {
    const rs = records.filter((r) => r.call === call);
    const count = (s: ErrnoStatus) => rs.filter((r) => r.status === s).length;
    out.push(`## ${call} — ${rs[0].man}`, '',
      `${rs.length} entries: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ` +
        `${count('not-run')} not run, ${count('unreachable')} unreachable`, '',
      '| errno | condition | status | scenario | why |', '|---|---|---|---|---|');
    for (const r of rs) {
      const errno = r.linuxErrno ? `${r.errno} (Linux: ${r.linuxErrno})` : r.errno;
      const why = r.status === 'failed' ? r.failure : r.status === 'skipped' ? r.skipReason : r.status === 'unreachable' ? r.reason : '';
      out.push(`| ${errno} | ${cell(r.condition)} | ${r.status} | ${cell(r.scenario)} | ${cell(why)} |`);
    }
    out.push('');
  }
  const departures = records.filter((r) => r.linux);
  out.push('## Where Linux and the man page disagree', '');
  if (!departures.length) out.push('No row of the inventory records a disagreement.');
  for (const r of departures) {
    out.push(`- **${r.call}** ${r.errno}${r.linuxErrno ? ` → ${r.linuxErrno}` : ''}, ${r.condition}: ${r.linux} ` +
      `(${r.status === 'passed' ? 'confirmed by this run' : r.status === 'unreachable' ? 'no scenario' : `not confirmed in this run: ${r.status}`})`);
  }
  return `${out.join('\n')}\n`;
}

/** Writes reports/errno.{json,md} from this run's results; returns the records. */
export function writeErrnoReports(dir: string, results: ScenarioResult[], rows: InventoryRow[] = loadInventory()): ErrnoRecord[] {
  const records = buildErrnoRecords(rows, results);
  writeFileSync(join(dir, 'errno.json'), `${JSON.stringify(records, null, 2)}\n`);
  writeFileSync(join(dir, 'errno.md'), renderErrnoMarkdown(records));
  return records;
}

export { assertedErrno };
