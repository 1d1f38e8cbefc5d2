// Types of stryker-progress.mjs, for the unit test that drives the reporter (test/mutation-progress.test.ts).
export const PROGRESS_FILE: string;
export interface ProgressReporter {
  onDryRunCompleted(): void;
  onMutantTested(result: { fileName: string; status: string; mutatorName: string; replacement?: string; location: { start: { line: number; column: number } } }): void;
  onMutationTestReportReady(): void;
}
export const strykerPlugins: Array<{ name: string; injectableClass: new (options: { jsonReporter?: { fileName?: string } }) => ProgressReporter }>;
