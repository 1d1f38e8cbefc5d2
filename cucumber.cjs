// cucumber-js configuration. `npm test` (kit/test.ts) runs this default profile
// and then writes reports/claims.md and reports/claims.json from the messages.
const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register/transpile-only'],
  require: ['steps/support/world.ts', 'steps/**/*.ts'],
  format: [
    'progress',
    ['junit', 'reports/junit.xml'],
    ['message', 'reports/cucumber.ndjson'],
  ],
  formatOptions: { junit: { suiteName: 'ipc-conformance' } },
};

module.exports = {
  default: common,
};
