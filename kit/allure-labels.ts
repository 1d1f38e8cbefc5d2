/**
 * Adds what only the whole run knows to each Allure result: the note (epic),
 * the claim (story) and the verdict its claims got on this host ("unchecked",
 * with the ledger's as "expected verdict", unless all their scenarios passed), so Allure's
 * Behaviors view groups scenarios by note and claim and a label filters by
 * verdict; and it marks a scenario that ended as a named skip as skipped, with
 * the reason as its message (allure-cucumberjs would call it passed).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimRecord } from './claim-record';
import type { ScenarioResult } from './run-results';

interface Label { name: string; value: string }

export function labelAllureResults(resultsDir: string, records: ClaimRecord[], scenarios: ScenarioResult[]): void {
  const byId = new Map(records.map((r) => [r.id, r]));
  const skipped = new Map(scenarios.filter((s) => s.status === 'skipped').map((s) => [`${s.uri}#${s.name}`, s.skipReason]));
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, file);
    const result = JSON.parse(readFileSync(path, 'utf8'));
    const key = String(result.fullName ?? '').replace(/^[^:]*:/, ''); // "ipc-conformance:features/x.feature#name"
    if (skipped.has(key)) {
      result.status = 'skipped';
      result.statusDetails = { ...result.statusDetails, message: skipped.get(key) ?? 'skipped' };
    }
    const labels: Label[] = result.labels ?? [];
    const claims = labels.filter((l) => l.name === 'claim').map((l) => byId.get(l.value)).filter((r): r is ClaimRecord => !!r);
    const add = (name: string, values: string[]) => {
      for (const value of new Set(values)) labels.push({ name, value });
    };
    add('epic', claims.map((c) => `note ${c.notes[0]}`));
    add('story', claims.map((c) => `${c.id}: ${c.claim}`));
    add('verdict', claims.map((c) => c.verdict)); // "unchecked" unless every scenario of the claim passed
    add('expected verdict', claims.map((c) => c.expectedVerdict).filter((v): v is NonNullable<typeof v> => !!v));
    // Results of several targets merged into one report stay apart by target (IPC_TARGET, set in CI).
    if (process.env.IPC_TARGET) add('target', [process.env.IPC_TARGET]), add('parentSuite', [process.env.IPC_TARGET]);
    result.labels = labels;
    writeFileSync(path, JSON.stringify(result));
  }
}
