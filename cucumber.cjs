// cucumber-js configuration. `npm test` (kit/test.ts) runs the default profile
// and then writes reports/claims.md and reports/claims.json from the messages.
const path = require('node:path');

const reports = process.env.IPC_REPORTS_DIR || path.join(__dirname, 'reports');

const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register/transpile-only'],
  require: ['steps/support/world.ts', 'steps/**/*.ts'],
  format: [
    'progress',
    ['junit', path.join(reports, 'junit.xml')],
    ['message', path.join(reports, 'cucumber.ndjson')],
  ],
  formatOptions: { junit: { suiteName: 'ipc-conformance' } },
};

module.exports = {
  default: common,
};
