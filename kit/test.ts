/**
 * `npm test [-- cucumber options]`: runs the scenarios with cucumber-js, then
 * writes reports/claims.md and reports/claims.json from what they measured,
 * and ends with cucumber's exit status and a plain "N passed, N failed" line.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './cli';
import { manifestPath, reportsDir, root } from './paths';
import { clearPreviousRun, reportRun } from './run-report';

function prepareReportsDir(): void {
  try {
    mkdirSync(reportsDir, { recursive: true });
    accessSync(reportsDir, fsConstants.W_OK);
    rmSync(join(reportsDir, 'allure-results'), { recursive: true, force: true }); // results of an earlier run would mix in
  } catch (e) {
    fail(`the reports folder ${reportsDir} is not writable (${(e as Error).message}); set IPC_REPORTS_DIR to a writable folder`);
  }
}

function runCucumber(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env, cwd: root });
    // Ctrl-C reaches cucumber too (same process group); we wait for it to clean up and write what it can.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

async function main(): Promise<void> {
  if (!existsSync(manifestPath)) fail('the fixtures are not built: run `npm run build` (npm test does it for you)');
  prepareReportsDir();
  clearPreviousRun(reportsDir);
  const { platformFacts } = await import('../native/platform');
  const platform = platformFacts();
  writeFileSync(join(reportsDir, 'platform.json'), `${JSON.stringify(platform, null, 2)}\n`);

  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const started = Date.now();
  const code = await runCucumber(process.argv.slice(2), { ...process.env, IPC_RUN_ID: runId });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  process.exit(reportRun({ reportsDir, code, seconds, platform }));
}

main().catch((e) => fail(String(e?.stack ?? e)));
