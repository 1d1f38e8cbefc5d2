/**
 * What the claims report says about one claim (reports/claims.json, and the
 * Markdown, HTML and Allure views of it), and the words its legend uses.
 * The builders (claims-report.ts) and the renderers (claims-html.ts,
 * allure-labels.ts, matrix.ts) all depend on this module, never on each other.
 */
import type { Values, Verdict } from './ledger';
import type { ScenarioStatus } from './run-results';

/**
 * passed: every scenario of the claim that this command runs passed.
 * failed / waived: one failed (waived: a valid waiver covers it).
 * skipped: none failed, but one was skipped, not selected, or not reached.
 */
export type ClaimStatus = 'passed' | 'failed' | 'waived' | 'skipped' | 'no-scenario';

/** A verdict this run earned, or "unchecked": the run did not observe what the ledger's verdict rests on. */
export type ClaimVerdict = Verdict | 'unchecked';

export interface ScenarioOutcome {
  name: string;
  location: string;
  status: ScenarioStatus;
  skipReason?: string;
  failure?: string;
}

export interface ClaimRecord {
  id: string;
  notes: string[];
  section: string;
  quote: string;
  claim: string;
  verdict: ClaimVerdict;
  /** when verdict is "unchecked": the verdict the ledger expects, not observed in this run */
  expectedVerdict?: Verdict;
  /** what this run observed: the ledger's sentence when the claim passed, else what each scenario did */
  observed: string;
  /** when the claim did not pass: the ledger's sentence, expected, not observed in this run */
  expected?: string;
  evidence: Values;
  scenarios: string[];
  /** where each scenario is written, "features/pipe.feature:42" */
  locations: string[];
  /** how each scenario of the claim ended in this run */
  results: ScenarioOutcome[];
  status: ClaimStatus;
  reason?: string;
  /** placeholders of `observed` that no scenario measured in this run */
  unmeasured?: string[];
}

export const VERDICT_LEGEND: Record<ClaimVerdict, string> = {
  holds: 'the note is right here',
  corrected: 'the note is wrong; the sentence says what is true',
  depends: 'true only under the stated condition',
  'not-testable': 'not a statement about behaviour; the reason says why',
  unchecked: 'this run did not earn a verdict: a scenario of the claim failed, was skipped or did not run; ' +
    'the ledger\'s verdict is shown as expected, not observed',
};

export const STATUS_LABEL: Record<ClaimStatus, string> = {
  passed: 'passed', failed: 'failed', waived: 'failed, waived', skipped: 'skipped', 'no-scenario': 'no scenario',
};

/** Labels for the Expected lines, shared by every view. */
export const EXPECTED_LABEL = 'Expected (ledger, not observed in this run)';

/** What the whole report says besides the claims: where the benchmark figures come from. */
export interface ReportContext { bench?: string }

/** "unchecked (expected: holds)", or the verdict the run earned. */
export const verdictText = (r: ClaimRecord): string => (r.expectedVerdict ? `${r.verdict} (expected: ${r.expectedVerdict})` : r.verdict);
