/**
 * Writes reports/claims.json and reports/claims.md: every claim of the ledger
 * with its verdict as observed on this host, the evidence the steps recorded,
 * the scenarios that checked it and how each ended.
 *
 * A claim's status is the worst of its scenarios (failed > skipped or not run
 * > passed). Only a claim whose scenarios all passed gets the ledger's verdict
 * and sentence as what this host showed; any other gets the verdict
 * "unchecked", a sentence that says what each scenario did, and the ledger's
 * verdict and sentence kept apart as expected, not observed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClaimRecord, ClaimStatus, EXPECTED_LABEL, ReportContext, STATUS_LABEL, VERDICT_LEGEND, verdictText } from './claim-record';
import { renderClaimsHtml } from './claims-html';
import { decide, LedgerEntry, Values } from './ledger';
import { claimTags, ScenarioResult } from './run-results';
import { activeWaiver, Waiver } from './waivers';

export type { ClaimRecord, ClaimStatus, ClaimVerdict, ReportContext, ScenarioOutcome } from './claim-record';

const unique = (xs: string[]): string[] => [...new Set(xs)];

/** Scenarios another command runs (@performance) that this one did not select: left to that command (run-results.ts sets `elsewhere` only on those). */
const leftElsewhere = (s: ScenarioResult): boolean => !!s.elsewhere;

/** The worst outcome of the scenarios this command runs (those another command runs do not count unless they ran). */
export function statusOf(scenarios: ScenarioResult[]): { status: ClaimStatus; reason?: string } {
  if (scenarios.length === 0) return { status: 'no-scenario' };
  const counted = scenarios.filter((s) => !leftElsewhere(s));
  if (counted.length === 0) return { status: 'skipped', reason: unique(scenarios.map((s) => s.elsewhere!)).join('; ') };
  const failed = counted.find((s) => s.status === 'failed');
  if (failed) return { status: 'failed', reason: failed.failure ?? 'a step failed' };
  const unchecked = counted.filter((s) => s.status !== 'passed');
  if (unchecked.length === 0) return { status: 'passed' };
  const reasons = unique(unchecked.map((s) => s.skipReason ?? 'skipped'));
  const partial = unchecked.length < counted.length ? `${unchecked.length} of ${counted.length} scenarios not checked: ` : '';
  return { status: 'skipped', reason: `${partial}${reasons.join('; ')}` };
}

/** What this run observed of a claim that did not pass: each scenario, by how it ended. */
export function observedByScenario(scenarios: ScenarioResult[]): string {
  const line = (s: ScenarioResult) =>
    s.status === 'passed' ? `Passed in this run: "${s.name}"`
      : s.status === 'failed' ? `Failed in this run: "${s.name}" — ${s.failure ?? 'a step failed'}`
        : `Not checked in this run: "${s.name}" — ${s.skipReason ?? 'skipped'}`;
  const counted = scenarios.filter((s) => !leftElsewhere(s));
  return `${(counted.length ? counted : scenarios).map(line).join('; ')}.`;
}

export function buildClaimRecords(ledger: Map<string, LedgerEntry>, results: ScenarioResult[], platform: Values, waivers: Waiver[]): ClaimRecord[] {
  return [...ledger.values()].map((entry) => {
    const scenarios = results.filter((r) => claimTags(r.tags).includes(entry.id));
    const measured: Values = Object.assign({}, ...scenarios.filter((s) => s.status !== 'not-run').map((s) => s.evidence));
    const outcome = statusOf(scenarios);
    const waiver = outcome.status === 'failed' ? activeWaiver(waivers, entry.id) : undefined;
    const status: ClaimStatus = waiver ? 'waived' : outcome.status;
    const reason = waiver ? `waived until ${waiver.expires}: ${waiver.reason} (it failed: ${outcome.reason})` : outcome.reason;
    const decided = decide(entry, { ...platform, ...measured });
    const earned = status === 'passed';
    const record: ClaimRecord = {
      id: entry.id, notes: [entry.note], section: entry.section, quote: entry.quote, claim: entry.claim,
      verdict: earned ? decided.verdict : 'unchecked',
      ...(earned ? {} : { expectedVerdict: decided.verdict }),
      observed: earned ? decided.observed : scenarios.length ? observedByScenario(scenarios) : 'No scenario checks this claim yet.',
      ...(earned ? {} : { expected: decided.observed }),
      evidence: measured,
      scenarios: unique(scenarios.map((s) => s.name)), locations: unique(scenarios.map((s) => s.location)),
      results: scenarios.map((s) => ({
        name: s.name, location: s.location, status: s.status,
        ...(s.skipReason && s.status !== 'passed' && s.status !== 'failed' ? { skipReason: s.skipReason } : {}),
        ...(s.failure ? { failure: s.failure } : {}),
      })),
      status,
    };
    if (reason || entry.reason) record.reason = reason ?? entry.reason;
    if (decided.missing.length && earned) record.unmeasured = decided.missing;
    return record;
  });
}

const count = <T extends string>(items: T[]) =>
  Object.entries(items.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {}))
    .map(([k, n]) => `${n} ${k}`).join(', ');

const STATUS_MARK: Record<ClaimStatus, string> = { ...STATUS_LABEL, failed: '**FAILED**' };

export function renderMarkdown(records: ClaimRecord[], platform: Values, unknownTags: string[], context: ReportContext = {}): string {
  const out: string[] = [
    '# Claims of the notes, as observed on this host', '',
    `Kernel ${platform['kernel.release']} (${platform['kernel.arch']}), glibc ${platform['libc.glibc_version']}, ` +
      `page size ${platform.page_size}, uid ${platform.uid}, container: ${platform.container}.`, '',
    `**${records.length} claims**: ${count(records.map((r) => r.verdict))}.  `,
    `Scenarios: ${count(records.map((r) => r.status))}.`, '',
    `Verdicts: ${Object.entries(VERDICT_LEGEND).map(([v, text]) => `*${v}* (${text})`).join(', ')}.`, '',
  ];
  if (context.bench) out.push(`Benchmark: ${context.bench}`, '');
  if (unknownTags.length) out.push(`**Tags naming claims the ledger does not have:** ${unknownTags.join(', ')}`, '');
  const noScenario = records.filter((r) => r.status === 'no-scenario').map((r) => r.id);
  if (noScenario.length) out.push(`**Claims without a scenario yet:** ${noScenario.join(', ')}`, '');
  const notes = [...new Set(records.map((r) => r.notes[0]))].sort();
  for (const note of notes) {
    out.push(`## Note ${note}`, '');
    for (const r of records.filter((x) => x.notes[0] === note)) {
      out.push(`### ${r.id}: ${verdictText(r)}, ${STATUS_MARK[r.status]}`, '');
      out.push(`> ${r.quote} (§${r.section})`, '');
      out.push(`- **Claim:** ${r.claim}`);
      out.push(`- **On this host:** ${r.observed}`);
      if (r.expected !== undefined) out.push(`- **${EXPECTED_LABEL}:** ${r.expectedVerdict} — ${r.expected}`);
      if (r.reason) out.push(`- **${r.status === 'passed' ? 'Reason' : 'Why'}:** ${r.reason}`);
      const ev = Object.entries(r.evidence);
      if (ev.length) out.push(`- **Evidence:** ${ev.map(([k, v]) => `\`${k}\` = ${v}`).join(', ')}`);
      if (r.scenarios.length) out.push(`- **Scenarios:** ${r.scenarios.map((s) => `"${s}"`).join('; ')} (${r.locations.join(', ')})`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function writeClaimReports(dir: string, records: ClaimRecord[], platform: Values, unknownTags: string[], context: ReportContext = {}): void {
  writeFileSync(join(dir, 'claims.json'), `${JSON.stringify({ platform, ...context, claims: records }, null, 2)}\n`);
  writeFileSync(join(dir, 'claims.md'), renderMarkdown(records, platform, unknownTags, context));
  writeFileSync(join(dir, 'claims.html'), renderClaimsHtml(records, platform, context));
}
