/**
 * Merges the claims reports (claims.json) of several targets, e.g. every node of a cluster as
 * root and as uid 65534, into one table: targets × claims, the claims whose outcome differs
 * between targets first. A claim's outcome on a target is its status and its verdict there
 * (a platform-dependent verdict may differ even where every scenario passed).
 */
import type { ClaimRecord, ClaimStatus } from './claims-report';
import type { Values } from './ledger';

export interface TargetReport { name: string; platform: Values; claims: ClaimRecord[] }

export interface Cell { status: ClaimStatus; verdict: string; observed: string; reason?: string }
export interface MergedClaim { id: string; claim: string; differs: boolean; cells: Record<string, Cell | null> }
export interface TargetSummary { name: string; kernel: string; glibc: string; uid: string; counts: Partial<Record<ClaimStatus, number>> }
export interface ClusterReport { targets: TargetSummary[]; claims: MergedClaim[]; differing: number }

const outcome = (c: Cell | null) => (c ? `${c.status} ${c.verdict}` : 'absent');

export function mergeClaims(reports: TargetReport[]): ClusterReport {
  const names = reports.map((r) => r.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`two reports are both named "${dup}"`);
  const ids = [...new Set(reports.flatMap((r) => r.claims.map((c) => c.id)))].sort();
  const byTarget = reports.map((r) => new Map(r.claims.map((c) => [c.id, c])));
  const claims: MergedClaim[] = ids.map((id) => {
    const cells: Record<string, Cell | null> = {};
    reports.forEach((r, i) => {
      const c = byTarget[i].get(id);
      cells[r.name] = c ? { status: c.status, verdict: c.verdict, observed: c.observed, ...(c.reason ? { reason: c.reason } : {}) } : null;
    });
    const first = byTarget.find((m) => m.has(id))!.get(id)!;
    return { id, claim: first.claim, differs: new Set(Object.values(cells).map(outcome)).size > 1, cells };
  });
  claims.sort((a, b) => Number(b.differs) - Number(a.differs)); // stable: ids stay in order within each group
  const targets = reports.map((r) => {
    const counts: Partial<Record<ClaimStatus, number>> = {};
    for (const c of r.claims) counts[c.status] = (counts[c.status] ?? 0) + 1;
    return { name: r.name, kernel: String(r.platform['kernel.release'] ?? '?'), glibc: String(r.platform['libc.glibc_version'] ?? '?'),
      uid: String(r.platform.uid ?? '?'), counts };
  });
  return { targets, claims, differing: claims.filter((c) => c.differs).length };
}

const MARK: Record<ClaimStatus, string> = { passed: 'passed', failed: '**failed**', waived: 'waived', skipped: '_skipped_', 'no-scenario': 'no scenario' };
const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const short = (s: string) => escape(s.split('\n')[0]).slice(0, 140);

export function renderClusterMarkdown(report: ClusterReport): string {
  const names = report.targets.map((t) => t.name);
  const out = [
    '# ipc-conformance across a cluster', '',
    `${report.targets.length} targets, ${report.claims.length} claims; ` +
      `${report.differing} claim(s) differ between targets (listed first), ${report.claims.length - report.differing} are the same everywhere.`, '',
    '| target | kernel | glibc | uid | claims |', '|---|---|---|---|---|',
    ...report.targets.map((t) => `| ${escape(t.name)} | ${t.kernel} | ${t.glibc} | ${t.uid} | ` +
      `${Object.entries(t.counts).map(([s, n]) => `${n} ${s}`).join(', ')} |`),
    '', `| claim | differs | ${names.map(escape).join(' | ')} |`, `|---|---|${names.map(() => '---').join('|')}|`,
  ];
  for (const c of report.claims) {
    const cells = names.map((n) => {
      const cell = c.cells[n];
      return cell ? `${MARK[cell.status]}, ${cell.verdict}${cell.reason && cell.status !== 'passed' ? `: ${short(cell.reason)}` : ''}` : '—';
    });
    out.push(`| ${c.id} | ${c.differs ? '**yes**' : ''} | ${cells.join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}
