/**
 * reports/targets.{md,html,json}: targets × claims. Each cell is the claim's
 * verdict on that target and how its scenarios ended there; the claims whose
 * verdict differs between targets come first, then those whose status differs,
 * then the ones every target agrees on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimCell, TargetResult } from './types';

export interface Comparison {
  ran: TargetResult[];
  /** claims whose verdict is not the same on every target that ran */
  verdictDiffers: string[];
  /** claims with one verdict everywhere but a status (passed, skipped, failed) that differs */
  statusDiffers: string[];
  /** claims with the same verdict and status on every target that ran */
  same: string[];
}

export function compare(results: TargetResult[]): Comparison {
  const ran = results.filter((r) => r.status === 'ran' && r.claims);
  const ids = [...new Set(ran.flatMap((r) => Object.keys(r.claims!)))];
  const distinct = (id: string, key: keyof ClaimCell) => new Set(ran.map((r) => r.claims![id]?.[key] ?? 'n/a')).size > 1;
  const verdictDiffers = ids.filter((id) => distinct(id, 'verdict'));
  const statusDiffers = ids.filter((id) => !verdictDiffers.includes(id) && distinct(id, 'status'));
  const same = ids.filter((id) => !verdictDiffers.includes(id) && !statusDiffers.includes(id));
  return { ran, verdictDiffers, statusDiffers, same };
}

export function cellText(cell: ClaimCell | undefined): string {
  if (!cell) return 'n/a';
  const status = cell.status === 'failed' ? 'FAILED' : cell.status;
  return `${cell.verdict}, ${status}${cell.reason ? `: ${cell.reason}` : ''}`;
}

const wall = (r: TargetResult) => (r.seconds === undefined ? '' : `${Math.round(r.seconds)} s`);
const when = (r: TargetResult) => (r.recorded ? r.recorded.slice(0, 16).replace('T', ' ') : '');
const result = (r: TargetResult) => (r.status === 'unavailable' ? `unavailable: ${r.reason}` : `${r.resultLine}${r.exitCode ? ` (exit ${r.exitCode})` : ''}`);

export function renderJson(results: TargetResult[]): string {
  const c = compare(results);
  const targets = results.map((r) => ({
    name: r.name, kind: r.kind, settings: r.settings, kernel: r.kernel ?? null, libc: r.libc ?? null, node: r.node ?? null,
    status: r.status, ...(r.reason ? { reason: r.reason } : {}), seconds: r.seconds ?? null, resultLine: r.resultLine ?? null,
    summary: r.summary ?? null, recorded: r.recorded ?? null, claims: r.claims ?? {},
  }));
  return `${JSON.stringify({ verdictDiffers: c.verdictDiffers, statusDiffers: c.statusDiffers, targets }, null, 2)}\n`;
}

export function renderMarkdown(results: TargetResult[]): string {
  const c = compare(results);
  const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const grid = (ids: string[]) => [
    `| claim | ${c.ran.map((r) => r.name).join(' | ')} |`, `|---|${c.ran.map(() => '---').join('|')}|`,
    ...ids.map((id) => `| ${id} | ${c.ran.map((r) => md(cellText(r.claims![id]))).join(' | ')} |`),
  ];
  const out = [
    '# The suite on real targets', '',
    'Each target ran the kit\'s own `npm test`. A cell says the claim\'s verdict on that target (holds, corrected, ' +
      'depends, not-testable: decided by the ledger from what that target measured) and how its scenarios ended there.', '',
    '| target | kind | settings | kernel | C library | Node | result | wall time | ran at (UTC) |', '|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.kind} | ${md(r.settings)} | ${r.kernel ?? ''} | ${r.libc ?? ''} | ${r.node ?? ''} | ${md(result(r))} | ${wall(r)} | ${when(r)} |`),
    '',
  ];
  if (!c.ran.length) return [...out, 'No target ran.', ''].join('\n');
  out.push(`## Claims whose verdict differs between targets (${c.verdictDiffers.length})`, '');
  out.push(...(c.verdictDiffers.length ? grid(c.verdictDiffers) : ['None: every claim has the same verdict on every target that ran.']), '');
  out.push(`## Claims with one verdict whose scenarios ended differently (${c.statusDiffers.length})`, '');
  out.push(...(c.statusDiffers.length ? grid(c.statusDiffers) : ['None.']), '');
  out.push(`## The same on every target that ran (${c.same.length})`, '', '| claim | verdict, status |', '|---|---|',
    ...c.same.map((id) => `| ${id} | ${md(cellText(c.ran[0].claims![id]))} |`), '');
  return out.join('\n');
}

const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
const COLOR: Record<string, string> = { passed: '#c8e6c9', failed: '#ffcdd2', skipped: '#eeeeee', waived: '#e1bee7', 'no-scenario': '#fff9c4' };

export function renderHtml(results: TargetResult[]): string {
  const c = compare(results);
  const td = (cell: ClaimCell | undefined) => `<td style="background:${COLOR[cell?.status ?? ''] ?? '#fff'}">${esc(cellText(cell))}</td>`;
  const grid = (title: string, ids: string[]) => `<h2>${esc(title)} (${ids.length})</h2>${ids.length ? `<table><tr><th>claim</th>${c.ran.map((r) => `<th>${esc(r.name)}</th>`).join('')}</tr>
${ids.map((id) => `<tr><td>${esc(id)}</td>${c.ran.map((r) => td(r.claims![id])).join('')}</tr>`).join('\n')}</table>` : '<p>None.</p>'}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ipc-conformance: targets</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top}</style></head><body>
<h1>The suite on real targets</h1>
<p>Each target ran the kit's own <code>npm test</code>. A cell says the claim's verdict on that target and how its scenarios ended there.</p>
<table><tr><th>target</th><th>kind</th><th>settings</th><th>kernel</th><th>C library</th><th>Node</th><th>result</th><th>wall time</th><th>ran at (UTC)</th></tr>
${results.map((r) => `<tr><td>${esc(r.name)}</td><td>${r.kind}</td><td>${esc(r.settings)}</td><td>${esc(r.kernel ?? '')}</td><td>${esc(r.libc ?? '')}</td><td>${esc(r.node ?? '')}</td><td>${esc(result(r))}</td><td>${wall(r)}</td><td>${when(r)}</td></tr>`).join('\n')}</table>
${grid('Claims whose verdict differs between targets', c.verdictDiffers)}
${grid('Claims with one verdict whose scenarios ended differently', c.statusDiffers)}
${grid('The same on every target that ran', c.same)}
</body></html>\n`;
}

export function writeTargetReports(dir: string, results: TargetResult[]): void {
  writeFileSync(join(dir, 'targets.json'), renderJson(results));
  writeFileSync(join(dir, 'targets.md'), renderMarkdown(results));
  writeFileSync(join(dir, 'targets.html'), renderHtml(results));
}
