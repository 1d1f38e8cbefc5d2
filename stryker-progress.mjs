// StrykerJS reporter for `npm run mutation` ("ipc-conformance-progress" in stryker*.config.json):
// appends one JSON line per tested mutant to mutants.ndjson beside the run's JSON report, as each
// result arrives. Stryker writes its own reports only when a run ends; the full scenario run takes
// hours on a small machine, so an interrupted run still leaves what it measured, which
// `npm run mutation:progress` tallies (kit/mutation-progress.ts), labelled as unfinished.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { PluginKind, commonTokens, declareClassPlugin } from '@stryker-mutator/api/plugin';

export const PROGRESS_FILE = 'mutants.ndjson';

class ProgressReporter {
  static inject = [commonTokens.options];

  constructor(options) {
    const report = options.jsonReporter?.fileName ?? 'reports/mutation/mutation.json';
    this.path = join(dirname(report), PROGRESS_FILE);
    this.sources = new Map();
  }

  line(file, n) {
    if (!this.sources.has(file)) {
      let text = '';
      try { text = readFileSync(file, 'utf8'); } catch { /* a file gone since: no source line */ }
      this.sources.set(file, text.split('\n'));
    }
    return this.sources.get(file)[n - 1] ?? '';
  }

  onDryRunCompleted() {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, `${JSON.stringify({ started: new Date().toISOString(), cwd: process.cwd() })}\n`);
  }

  onMutantTested(result) {
    const file = isAbsolute(result.fileName) ? relative(process.cwd(), result.fileName) : result.fileName;
    const { line } = result.location.start;
    appendFileSync(this.path, `${JSON.stringify({
      file, status: result.status, mutatorName: result.mutatorName, replacement: result.replacement,
      location: result.location, source: this.line(file, line).trim(),
    })}\n`);
  }

  onMutationTestReportReady() {
    appendFileSync(this.path, `${JSON.stringify({ finished: new Date().toISOString() })}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'ipc-conformance-progress', ProgressReporter)];
