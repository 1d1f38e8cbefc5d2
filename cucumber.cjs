// cucumber-js configuration. `npm test` (kit/test.ts) runs a profile of this
// file, then writes reports/claims.{md,json,html} from the messages.
//   default   every functional scenario
//   strict    the same, but a claim that cannot be checked here fails instead of skipping
//   mutation  strict, except for the skips an unmutated run of this host made (npm run mutation)
//   performance  the performance claims (features/performance.feature), run by `npm run bench`
//   selftest  scenarios that fail and skip on purpose, to show the reports (test/reports.test.ts)
const fs = require('node:fs');
const path = require('node:path');

const reports = process.env.IPC_REPORTS_DIR || path.join(__dirname, 'reports');

// kit/test.ts writes the host's facts before cucumber starts; Allure shows them as its Environment.
function environmentInfo() {
  try {
    const facts = JSON.parse(fs.readFileSync(path.join(reports, 'platform.json'), 'utf8'));
    return Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, String(v)]));
  } catch {
    return { note: 'run through `npm test` to record the platform' };
  }
}

const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register/transpile-only'],
  require: ['steps/support/world.ts', 'steps/**/*.ts'],
  tags: 'not @performance and not @selftest',
  format: [
    'progress',
    ['junit', path.join(reports, 'junit.xml')],
    ['message', path.join(reports, 'cucumber.ndjson')],
    ['allure-cucumberjs/reporter', path.join(reports, 'allure-formatter.log')],
  ],
  formatOptions: {
    junit: { suiteName: 'ipc-conformance' },
    resultsDir: path.join(reports, 'allure-results'),
    labels: [{ pattern: [/@claim:(.*)/], name: 'claim' }, { pattern: [/@mechanism:(.*)/], name: 'mechanism' }],
    environmentInfo: environmentInfo(),
    categories: [
      { name: 'The OS contradicts the claim', matchedStatuses: ['failed'] },
      { name: 'Not available here (blocked syscall, missing feature or tool, privilege)', matchedStatuses: ['skipped'] },
      { name: 'Kit error (timeout, broken fixture, set-up failure)', matchedStatuses: ['broken'] },
    ],
  },
  worldParameters: { strict: false },
};

module.exports = {
  default: common,
  strict: { ...common, worldParameters: { strict: true } },
  // `npm run mutation`: strict, but the skips an unmutated run of this host made (kit/mutation-baseline.ts) stay skips
  mutation: { ...common, worldParameters: { strict: true, expectedSkips: process.env.IPC_EXPECTED_SKIPS || path.join(reports, 'mutation', 'expected-skips.json') } },
  // the performance claims, measured as ratios within one run (npm run bench runs this after the benchmark)
  performance: { ...common, tags: '@performance' },
  // the kit's own reporting self-test (features/selftest.feature): fails and skips on purpose
  selftest: { ...common, paths: ['features/selftest.feature'], tags: '@selftest' },
};
