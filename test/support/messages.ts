/** Cucumber messages files (reports/cucumber.ndjson) written by hand, for the tests of what the kit reads from them. */

/**
 * How a scenario took part in the run: 'filtered' (a pickle without a test case),
 * 'unreached' (a test case never started), 'interrupted' (started, never finished),
 * or the statuses of its steps.
 */
export type Steps = string[] | 'filtered' | 'unreached' | 'interrupted';

/** A messages file with one scenario per [name, tags, steps, attachments]. */
export function messages(scenarios: Array<[string, string[], Steps, Array<[string, string]>]>, run = { started: true, finished: true }): string {
  const lines: object[] = [];
  if (run.started) lines.push({ testRunStarted: { timestamp: { seconds: 0, nanos: 0 } } });
  scenarios.forEach(([name, tags, steps, attachments], i) => {
    lines.push({ pickle: { id: `p${i}`, name, uri: 'features/x.feature', tags: tags.map((t) => ({ name: t })) } });
    if (steps === 'filtered') return;
    lines.push({ testCase: { id: `c${i}`, pickleId: `p${i}` } });
    if (steps === 'unreached') return;
    lines.push({ testCaseStarted: { id: `s${i}`, testCaseId: `c${i}` } });
    for (const status of steps === 'interrupted' ? ['PASSED'] : steps) {
      lines.push({ testStepFinished: { testCaseStartedId: `s${i}`, testStepResult: { status, message: status === 'FAILED' ? 'boom\nstack' : undefined } } });
    }
    for (const [mediaType, body] of attachments) lines.push({ attachment: { testCaseStartedId: `s${i}`, mediaType, body } });
    if (steps !== 'interrupted') lines.push({ testCaseFinished: { testCaseStartedId: `s${i}`, willBeRetried: false } });
  });
  if (run.finished) lines.push({ testRunFinished: { success: true } });
  return lines.map((l) => JSON.stringify(l)).join('\n');
}
