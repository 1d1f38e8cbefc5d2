/**
 * Preloaded into Stryker's test-runner processes (stryker.config.json, testRunnerNodeArgs).
 * @stryker-mutator/cucumber-runner 9.6.1 hands cucumber its formatter as a bare file:// URL;
 * cucumber 13 reads a format "a:b" as formatter a writing to b, so it tried to load a formatter
 * named "file" and every mutation run failed before a scenario ran. Cucumber 13 wants such a
 * part in double quotes: this wraps its loadConfiguration to quote them, and changes nothing else.
 */
'use strict';
const path = require('node:path');

const apiEntry = require.resolve('@cucumber/cucumber/api', { paths: [process.cwd()] });
require(apiEntry);
const module_ = require.cache[path.join(path.dirname(apiEntry), 'load_configuration.js')];
if (!module_ || typeof module_.exports.loadConfiguration !== 'function') {
  throw new Error(`kit/stryker-cucumber13.cjs: ${apiEntry} no longer has load_configuration.js beside it; check whether the cucumber runner still needs this`);
}

const quoteUrl = (format) => (typeof format === 'string' && format.startsWith('file://') ? `"${format}"` : format);

const original = module_.exports.loadConfiguration;
module_.exports.loadConfiguration = (options = {}, ...rest) => {
  const provided = options.provided;
  const fixed = provided && Array.isArray(provided.format) ? { ...provided, format: provided.format.map(quoteUrl) } : provided;
  return original({ ...options, provided: fixed }, ...rest);
};
