/**
 * Writes reports/claims.json and reports/claims.md: every claim of the ledger
 * with its verdict as observed on this host, the evidence the steps recorded,
 * the scenarios that checked it and how they ended.
 */
import { writeFileSync } from 'node:fs';
import { renderClaimsHtml } from './claims-html';
import { join } from 'node:path';
import { decide, LedgerEntry, Values, Verdict } from './ledger';
import { claimTags, ScenarioResult } from './run-results';
import { activeWaiver, Waiver } from './waivers';

export type ClaimStatus = 'passed' | 'failed' | 'waived' | 'skipped' | 'no-scenario';

export interface ClaimRecord {
  id: string;
  notes: string[];
  section: string;
  quote: string;
  claim: string;
  verdict: Verdict;
  observed: string;
  evidence: Values;
  scenarios: string[];
  /** where each scenario is written, "features/pipe.feature:42" */
  locations: string[];
  status: ClaimStatus;
  reason?: string;
  /** placeholders of `observed` that no scenario measured in this run */
  unmeasured?: string[];
}

function statusOf(scenarios: ScenarioResult[]): { status: ClaimStatus; reason?: string } {
  if (scenarios.length === 0) return { status: 'no-scenario' };
  const failed = scenarios.find((s) => s.status === 'failed');
  if (failed) return { status: 'failed', reason: failed.failure };
  if (scenarios.some((s) => s.status === 'passed')) return { status: 'passed' };
  const skipped = scenarios.find((s) => s.skipReason);
  if (skipped) return { status: 'skipped', reason: skipped.skipReason };
  return { status: 'skipped', reason: 'not run: no scenario of this claim was selected in this run' };
}

export function buildClaimRecords(ledger: Map<string, LedgerEntry>, results: ScenarioResult[], platform: Values, waivers: Waiver[] = []): ClaimRecord[] {
  return [...ledger.values()].map((entry) => {
    const scenarios = results.filter((r) => claimTags(r.tags).includes(entry.id));
    const measured: Values = Object.assign({}, ...scenarios.filter((s) => s.status !== 'not-run').map((s) => s.evidence));
    const outcome = statusOf(scenarios);
    const waiver = outcome.status === 'failed' ? activeWaiver(waivers, entry.id) : undefined;
    const status: ClaimStatus = waiver ? 'waived' : outcome.status;
    const reason = waiver ? `waived until ${waiver.expires}: ${waiver.reason} (it failed: ${outcome.reason})` : outcome.reason;
    const decided = decide(entry, { ...platform, ...measured });
    const record: ClaimRecord = {
      id: entry.id, notes: [entry.note], section: entry.section, quote: entry.quote, claim: entry.claim,
      verdict: decided.verdict, observed: decided.observed, evidence: measured,
      scenarios: [...new Set(scenarios.map((s) => s.name))], locations: [...new Set(scenarios.map((s) => s.location))], status,
    };
    if (reason || entry.reason) record.reason = reason ?? entry.reason;
    if (decided.missing.length && status === 'passed') record.unmeasured = decided.missing;
    return record;
  });
}

const count = <T extends string>(items: T[]) =>
  Object.entries(items.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {}))
    .map(([k, n]) => `${n} ${k}`).join(', ');

const STATUS_MARK: Record<ClaimStatus, string> = { passed: 'passed', failed: '**FAILED**', waived: 'failed, waived', skipped: 'skipped', 'no-scenario': 'no scenario' };

export function renderMarkdown(records: ClaimRecord[], platform: Values, unknownTags: string[]): string {
  const out: string[] = [
    '# Claims of the notes, as observed on this host', '',
    `Kernel ${platform['kernel.release']} (${platform['kernel.arch']}), glibc ${platform['libc.glibc_version']}, ` +
      `page size ${platform.page_size}, uid ${platform.uid}, container: ${platform.container}.`, '',
    `**${records.length} claims**: ${count(records.map((r) => r.verdict))}.  `,
    `Scenarios: ${count(records.map((r) => r.status))}.`, '',
    'Verdicts: *holds* (the note is right here), *corrected* (the note is wrong; the sentence says what is true), ' +
      '*depends* (true only under the stated condition), *not-testable* (not a statement about behaviour; the reason says why).', '',
  ];
  if (unknownTags.length) out.push(`**Tags naming claims the ledger does not have:** ${unknownTags.join(', ')}`, '');
  const noScenario = records.filter((r) => r.status === 'no-scenario').map((r) => r.id);
  if (noScenario.length) out.push(`**Claims without a scenario yet:** ${noScenario.join(', ')}`, '');
  const notes = [...new Set(records.map((r) => r.notes[0]))].sort();
  for (const note of notes) {
    out.push(`## Note ${note}`, '');
    for (const r of records.filter((x) => x.notes[0] === note)) {
      out.push(`### ${r.id}: ${r.verdict}, ${STATUS_MARK[r.status]}`, '');
      out.push(`> ${r.quote} (§${r.section})`, '');
      out.push(`- **Claim:** ${r.claim}`);
      out.push(`- **On this host:** ${r.observed}`);
      if (r.reason) out.push(`- **${r.status === 'passed' ? 'Reason' : 'Why'}:** ${r.reason}`);
      const ev = Object.entries(r.evidence);
      if (ev.length) out.push(`- **Evidence:** ${ev.map(([k, v]) => `\`${k}\` = ${v}`).join(', ')}`);
      if (r.scenarios.length) out.push(`- **Scenarios:** ${r.scenarios.map((s) => `"${s}"`).join('; ')} (${r.locations.join(', ')})`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function writeClaimReports(dir: string, records: ClaimRecord[], platform: Values, unknownTags: string[]): void {
  writeFileSync(join(dir, 'claims.json'), `${JSON.stringify({ platform, claims: records }, null, 2)}\n`);
  writeFileSync(join(dir, 'claims.md'), renderMarkdown(records, platform, unknownTags));
  writeFileSync(join(dir, 'claims.html'), renderClaimsHtml(records, platform));
}
