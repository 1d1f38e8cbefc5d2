/**
 * Reads a cucumber messages file (reports/cucumber.ndjson) into what the kit's
 * reports need: each scenario's name, tags, status, evidence and skip reason,
 * and whether the run started and finished at all.
 */
import { readFileSync } from 'node:fs';
import { EVIDENCE_MEDIA_TYPE, SKIP_MEDIA_TYPE } from '../steps/support/evidence';

export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'not-run';

export interface ScenarioResult {
  name: string;
  uri: string;
  /** "features/pipe.feature:42", where the scenario (or its example row) is written */
  location: string;
  /** the Feature's name (JUnit's classname) */
  feature: string;
  /** "<rule> - <scenario> - <examples> - #1.2: <name>": the name JUnit and other tools give the test case */
  fullName: string;
  tags: string[];
  status: ScenarioStatus;
  evidence: Record<string, string | number | boolean>;
  /** why it did not pass: a named skip's reason, or why it did not run */
  skipReason?: string;
  failure?: string;
  /** a scenario that did not run because another command runs it (@performance: `npm run bench`) */
  elsewhere?: string;
}

export interface RunMessages {
  results: ScenarioResult[];
  /** cucumber wrote testRunStarted: it got as far as running scenarios */
  started: boolean;
  /** cucumber wrote testRunFinished: the run was not cut short */
  finished: boolean;
}

/**
 * Tags of scenarios that `npm test` leaves to another command (cucumber.cjs's
 * default profile excludes exactly these). When one of them did not run, its
 * claim is judged by the scenarios that did.
 */
export const OTHER_COMMANDS: Record<string, string> = {
  '@performance': 'a performance scenario: `npm run bench` runs it and the claim quotes that run\'s reports/bench.json',
  '@selftest': 'a self-test of the kit\'s reports, not a check of the claim',
};

export const NOT_SELECTED = 'not selected in this run (filtered out by --tags, --name or the paths given)';
export const NOT_REACHED = 'not reached: the run stopped before this scenario';
export const INTERRUPTED = 'interrupted: the run stopped while this scenario ran';

const FAILING = new Set(['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'UNKNOWN']);

interface Lineage { feature: string; rule?: string; scenario: string; examples?: string; row?: string }

/** Walks a Gherkin document: for every scenario and example row, its feature, rule and examples names. */
function lineages(feature: any, into: Map<string, Lineage>, lines: Map<string, number>): void {
  const visitScenario = (s: any, rule?: string) => {
    into.set(s.id, { feature: feature.name, rule, scenario: s.name });
    lines.set(s.id, s.location.line);
    (s.examples ?? []).forEach((ex: any, i: number) => (ex.tableBody ?? []).forEach((row: any, j: number) => {
      into.set(row.id, { feature: feature.name, rule, scenario: s.name, examples: ex.name || undefined, row: `#${i + 1}.${j + 1}` });
      lines.set(row.id, row.location.line);
    }));
  };
  for (const child of feature?.children ?? []) {
    if (child.scenario) visitScenario(child.scenario);
    for (const c of child.rule?.children ?? []) if (c.scenario) visitScenario(c.scenario, child.rule.name);
  }
}

/** The name cucumber's JUnit formatter gives a test case (long form, feature excluded, example number and name). */
function fullNameOf(l: Lineage | undefined, pickleName: string): string {
  if (!l) return pickleName;
  const parts = [l.rule, l.scenario || pickleName, l.examples];
  if (l.row) parts.push(l.scenario === pickleName ? l.row : `${l.row}: ${pickleName}`);
  return parts.filter(Boolean).join(' - ');
}

export function readRun(ndjsonPath: string): RunMessages {
  const pickles = new Map<string, ScenarioResult>();
  const caseToPickle = new Map<string, string>();
  const startedToPickle = new Map<string, string>();
  const stepStatuses = new Map<string, string[]>();
  const messages = new Map<string, string>();
  const retried = new Set<string>();
  const caseFinished = new Set<string>();
  const lines = new Map<string, number>(); // gherkin AST node id -> line
  const lineage = new Map<string, Lineage>();
  let started = false;
  let finished = false;
  for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
    let m;
    try {
      m = JSON.parse(line);
    } catch {
      continue; // a blank line, or one cut short by an interrupted writer
    }
    if (m.gherkinDocument) lineages(m.gherkinDocument.feature, lineage, lines);
    else if (m.pickle) {
      const ids: string[] = [...(m.pickle.astNodeIds ?? [])].reverse();
      const at = ids.map((id) => lines.get(id)).find((l) => l !== undefined) ?? m.pickle.location?.line;
      const l = ids.map((id) => lineage.get(id)).find(Boolean);
      const tags: string[] = m.pickle.tags.map((t: { name: string }) => t.name);
      const elsewhere = tags.map((t) => OTHER_COMMANDS[t]).find(Boolean);
      pickles.set(m.pickle.id, {
        name: m.pickle.name, uri: m.pickle.uri, location: `${m.pickle.uri}:${at ?? 1}`,
        feature: l?.feature ?? m.pickle.uri, fullName: fullNameOf(l, m.pickle.name),
        tags, status: 'not-run', evidence: {}, skipReason: elsewhere ?? NOT_SELECTED, ...(elsewhere ? { elsewhere } : {}),
      });
    } else if (m.testRunStarted) started = true;
    else if (m.testRunFinished) finished = true;
    else if (m.testCase) {
      caseToPickle.set(m.testCase.id, m.testCase.pickleId);
      const scenario = pickles.get(m.testCase.pickleId);
      if (scenario) {
        // selected by this command (even one another command usually runs): it counts, started or not
        delete scenario.elsewhere;
        scenario.skipReason = NOT_REACHED;
      }
    } else if (m.testCaseStarted) {
      const pickleId = caseToPickle.get(m.testCaseStarted.testCaseId)!;
      startedToPickle.set(m.testCaseStarted.id, pickleId);
      stepStatuses.set(m.testCaseStarted.id, []);
    } else if (m.testStepFinished) {
      const { status, message } = m.testStepFinished.testStepResult;
      stepStatuses.get(m.testStepFinished.testCaseStartedId)?.push(status);
      if (message && status === 'FAILED') messages.set(m.testStepFinished.testCaseStartedId, message);
    } else if (m.testCaseFinished) {
      caseFinished.add(m.testCaseFinished.testCaseStartedId);
      if (m.testCaseFinished.willBeRetried) retried.add(m.testCaseFinished.testCaseStartedId);
    }
    else if (m.attachment?.testCaseStartedId) {
      const scenario = pickles.get(startedToPickle.get(m.attachment.testCaseStartedId)!);
      if (scenario && m.attachment.mediaType === EVIDENCE_MEDIA_TYPE) Object.assign(scenario.evidence, JSON.parse(m.attachment.body));
      if (scenario && m.attachment.mediaType === SKIP_MEDIA_TYPE) scenario.skipReason = m.attachment.body;
    }
  }
  for (const [startedId, statuses] of stepStatuses) {
    if (retried.has(startedId)) continue;
    const scenario = pickles.get(startedToPickle.get(startedId)!)!;
    if (!caseFinished.has(startedId)) {
      scenario.skipReason = INTERRUPTED; // started, never finished: what it would have shown is unknown
      continue;
    }
    scenario.status = statuses.some((s) => FAILING.has(s)) ? 'failed'
      : statuses.some((s) => s === 'SKIPPED') ? 'skipped' : 'passed';
    if (scenario.status !== 'skipped' || scenario.skipReason === NOT_REACHED) { // a skip that attached no reason
      if (scenario.status === 'skipped') scenario.skipReason = 'skipped without a reason (a step before it failed to set up, or cucumber skipped it)';
      else delete scenario.skipReason;
    }
    if (scenario.status === 'failed') scenario.failure = messages.get(startedId)?.split('\n')[0];
  }
  return { results: [...pickles.values()], started, finished };
}

export const readRunResults = (ndjsonPath: string): ScenarioResult[] => readRun(ndjsonPath).results;

/** The claim ids a scenario's tags name (@claim:PIPE-22). */
export const claimTags = (tags: string[]): string[] =>
  tags.filter((t) => t.startsWith('@claim:')).map((t) => t.slice('@claim:'.length));
