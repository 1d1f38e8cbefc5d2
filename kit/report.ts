/**
 * `npm run report`: builds the Allure HTML report (reports/allure-report) from
 * the results of the last `npm test`, with allure-commandline (Java). Without
 * Java it says so in one line; the results stay usable by any Allure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli';
import { reportsDir, root } from './paths';

const results = join(reportsDir, 'allure-results');
const out = join(reportsDir, 'allure-report');
if (!existsSync(results)) fail(`no Allure results in ${results}: run \`npm test\` first`);
if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) {
  fail(`Java is not installed, so allure-commandline cannot build the HTML report (apt-get install default-jre-headless); the results in ${results} are complete and any Allure can read them`);
}
const allure = join(root, 'node_modules', '.bin', 'allure');
const r = spawnSync(allure, ['generate', results, '--clean', '-o', out], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (r.status !== 0) fail(`allure generate failed (exit ${r.status})`);
process.stdout.write(`Allure report: ${join(out, 'index.html')} (open it through a web server, e.g. npx allure open ${out})\n`);
