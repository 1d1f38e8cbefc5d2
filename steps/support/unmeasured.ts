/**
 * A scenario that is the only one of a claim words that claim's verdict alone: when it passes, every
 * {placeholder} of the ledger sentence the report will show (the entry's own, or that of the `when`
 * rule that decides) must be a value this scenario recorded or a platform fact. Otherwise the report
 * would print "{key: not measured}" for a claim it calls passed — the evidence key was misspelt, or
 * the step that records it was lost. Claims with several scenarios (outline rows count one each)
 * are worded from all of them together and are not judged here; `npm test` lists their gaps.
 */
import { decide, LedgerEntry, loadLedger, Values } from '../../kit/ledger';
import { claimsOf, features } from '../../kit/pickles';
import { platformFacts } from '../../native/platform';

export interface Context { ledger: Map<string, LedgerEntry>; scenarios: Map<string, number>; platform: Values }
let cache: Context | undefined;

/**
 * The ledger, how many scenarios (pickles) of all features tag each claim, and the platform facts: read once.
 * The kit's self-test (@selftest, features/selftest.feature) checks the reports, not the claims it borrows.
 */
function context(): Context {
  if (cache) return cache;
  const scenarios = new Map<string, number>();
  for (const { pickles } of features()) {
    for (const pickle of pickles.filter((p) => !p.tags.some((t) => t.name === '@selftest'))) {
      for (const id of claimsOf(pickle.tags)) scenarios.set(id, (scenarios.get(id) ?? 0) + 1);
    }
  }
  cache = { ledger: loadLedger(), scenarios, platform: platformFacts() };
  return cache;
}

/** The placeholders, "CLAIM {key}", that the claims this scenario alone checks would leave unmeasured. */
export function unmeasuredPlaceholders(claimIds: string[], evidence: Values, { ledger, scenarios, platform }: Context = context()): string[] {
  return claimIds.filter((id) => scenarios.get(id) === 1 && ledger.has(id)).flatMap((id) =>
    decide(ledger.get(id)!, { ...platform, ...evidence }).missing.map((key) => `${id} {${key}}`));
}

/** Throws, failing the scenario, when it passed but left a placeholder of its sole claims unmeasured. */
export function requireMeasuredPlaceholders(tags: ReadonlyArray<{ name: string }>, evidence: Values): void {
  const missing = unmeasuredPlaceholders(claimsOf(tags), evidence);
  if (missing.length) {
    throw new Error(`the ledger sentence of a claim this scenario alone checks names evidence it did not record: ${missing.join(', ')} ` +
      '(record it under that key, or change the ledger sentence)');
  }
}
