/**
 * Reads a cucumber messages file (reports/cucumber.ndjson) into what the kit's
 * reports need: each scenario's name, tags, status, evidence and skip reason.
 */
import { readFileSync } from 'node:fs';
import { EVIDENCE_MEDIA_TYPE, SKIP_MEDIA_TYPE } from '../steps/support/evidence';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'not-run';

export interface ScenarioResult {
  name: string;
  uri: string;
  /** "features/pipe.feature:42", where the scenario (or its example row) is written */
  location: string;
  tags: string[];
  status: ScenarioStatus;
  evidence: Record<string, string | number | boolean>;
  skipReason?: string;
  failure?: string;
}

const FAILING = new Set(['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN']);

export function readRunResults(ndjsonPath: string): ScenarioResult[] {
  const pickles = new Map<string, ScenarioResult>();
  const caseToPickle = new Map<string, string>();
  const startedToPickle = new Map<string, string>();
  const stepStatuses = new Map<string, string[]>();
  const messages = new Map<string, string>();
  const retried = new Set<string>();
  const lines = new Map<string, number>(); // gherkin AST node id -> line
  const collect = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.id === 'string' && node.location?.line) lines.set(node.id, node.location.line);
    for (const value of Object.values(node)) if (value && typeof value === 'object') collect(value);
  };
  for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line);
    if (m.gherkinDocument) collect(m.gherkinDocument.feature);
    else if (m.pickle) {
      const line = [...(m.pickle.astNodeIds ?? [])].reverse().map((id: string) => lines.get(id)).find((l) => l !== undefined);
      pickles.set(m.pickle.id, {
        name: m.pickle.name, uri: m.pickle.uri, location: `${m.pickle.uri}:${line ?? 1}`,
        tags: m.pickle.tags.map((t: { name: string }) => t.name), status: 'not-run', evidence: {},
      });
    } else if (m.testCase) caseToPickle.set(m.testCase.id, m.testCase.pickleId);
    else if (m.testCaseStarted) {
      const pickleId = caseToPickle.get(m.testCaseStarted.testCaseId)!;
      startedToPickle.set(m.testCaseStarted.id, pickleId);
      stepStatuses.set(m.testCaseStarted.id, []);
    } else if (m.testStepFinished) {
      const { status, message } = m.testStepFinished.testStepResult;
      stepStatuses.get(m.testStepFinished.testCaseStartedId)?.push(status);
      if (message && status === 'FAILED') messages.set(m.testStepFinished.testCaseStartedId, message);
    } else if (m.testCaseFinished?.willBeRetried) retried.add(m.testCaseFinished.testCaseStartedId);
    else if (m.attachment?.testCaseStartedId) {
      const scenario = pickles.get(startedToPickle.get(m.attachment.testCaseStartedId)!);
      if (scenario && m.attachment.mediaType === EVIDENCE_MEDIA_TYPE) Object.assign(scenario.evidence, JSON.parse(m.attachment.body));
      if (scenario && m.attachment.mediaType === SKIP_MEDIA_TYPE) scenario.skipReason = m.attachment.body;
    }
  }
  for (const [startedId, statuses] of stepStatuses) {
    if (retried.has(startedId)) continue;
    const scenario = pickles.get(startedToPickle.get(startedId)!)!;
    scenario.status = statuses.some((s) => FAILING.has(s)) ? 'failed'
      : statuses.some((s) => s === 'SKIPPED') ? 'skipped' : 'passed';
    if (scenario.status === 'failed') scenario.failure = messages.get(startedId)?.split('\n')[0];
  }
  return [...pickles.values()];
}

/** The claim ids a scenario's tags name (@claim:PIPE-22). */
export const claimTags = (tags: string[]): string[] =>
  tags.filter((t) => t.startsWith('@claim:')).map((t) => t.slice('@claim:'.length));
