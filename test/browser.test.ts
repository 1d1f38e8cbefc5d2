/**
 * The reports as a user sees them: headless Chromium opens the Allure HTML
 * report and reports/claims.html of a self-test run (one deliberate failure,
 * one deliberate skip) and finds the overview, the environment, the
 * categories, the failed scenario with its evidence, the skipped one with its
 * reason, and a note's claims. Screenshots go to reports/.
 * Skips, saying why, where Chromium or Java is missing.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { reportsDir, root } from '../kit/paths';

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const java = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
const missing = !chromium ? 'Chromium is not installed (apt-get install chromium)' : !java ? 'Java is not installed, so there is no Allure HTML' : undefined;

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-browser-'));
const profileDir = join(dir, 'chromium-profile');
let server: Server | undefined;
let base = '';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', `--user-data-dir=${profileDir}`, '--virtual-time-budget=10000'];

// Chromium runs asynchronously: the report's web server lives in this process's event loop.
const run = promisify(execFile);

/** The page's visible text, one line per text node, once its scripts have run. */
async function pageText(url: string): Promise<string> {
  const r = await run(chromium!, [...CHROMIUM_FLAGS, '--dump-dom', url], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return r.stdout.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}

async function screenshot(url: string, name: string): Promise<void> {
  mkdirSync(reportsDir, { recursive: true });
  const file = join(reportsDir, name);
  await run(chromium!, [...CHROMIUM_FLAGS, '--window-size=1400,1000', `--screenshot=${file}`, url], { timeout: 60_000 });
  assert.ok(existsSync(file) && statSync(file).size > 10_000, `screenshot ${file} was written`);
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

before(async () => {
  if (missing) return;
  const env = { ...process.env, IPC_REPORTS_DIR: dir };
  const node = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], { cwd: root, env, encoding: 'utf8' });
  assert.equal(node('kit/test.ts', '--profile', 'selftest', '--format', 'summary').status, 1, 'the self-test run fails, as it should');
  assert.equal(node('kit/report.ts').status, 0, 'npm run report builds the HTML');
  const site = join(dir, 'allure-report');
  server = createServer((req, res) => {
    const path = normalize(join(site, decodeURIComponent((req.url ?? '/').split('?')[0]) === '/' ? 'index.html' : decodeURIComponent(req.url!.split('?')[0])));
    if (!path.startsWith(site) || !existsSync(path) || statSync(path).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
});

after(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function testUid(status: string): string {
  const cases = join(dir, 'allure-report', 'data', 'test-cases');
  const found = readdirSync(cases).map((f) => JSON.parse(readFileSync(join(cases, f), 'utf8'))).find((c) => c.status === status);
  assert.ok(found, `the report has a ${status} test case`);
  return found.uid;
}

test('the Allure overview shows the run, the environment and the notes', { skip: missing }, async () => {
  const text = await pageText(base);
  assert.match(text, /^2\ntest cases$/m);
  assert.match(text, /^page_size\n\d+$/m);
  assert.match(text, /^note 003$/m);
  await screenshot(base, 'screenshot-allure-overview.png');
});

test('Allure\'s categories separate a contradiction from what is not available here', { skip: missing }, async () => {
  const text = await pageText(`${base}#categories`);
  assert.match(text, /^The OS contradicts the claim\n1$/m);
  assert.match(text, /^Not available here \(blocked syscall, missing feature or tool, privilege\)\n1$/m);
});

test('the failed scenario shows what was expected, what the OS did, and the evidence', { skip: missing }, async () => {
  const url = `${base}#testresult/${testUid('failed')}`;
  const text = await pageText(url);
  assert.match(text, /^bytes waiting in the pipe \(FIONREAD\): expected 7, got 6$/m);
  assert.match(text, /^evidence: \{"selftest.fionread":6\}$/m);
  assert.match(text, /^Parameters\nselftest.fionread\n:\n6$/m);
  await screenshot(url, 'screenshot-allure-failed.png');
});

test('the skipped scenario says why', { skip: missing }, async () => {
  assert.match(await pageText(`${base}#testresult/${testUid('skipped')}`), /^not available here: self-test → ENOSYS \(a feature no host has\)$/m);
});

test('claims.html shows a note\'s claims with verdict (unchecked when not all passed), status, expected verdict and evidence', { skip: missing }, async () => {
  const url = `file://${join(dir, 'claims.html')}`;
  const text = await pageText(url);
  assert.match(text, /^Note 003$/m);
  assert.match(text, /^PIPE-55\nunchecked\nfailed$/m);
  assert.match(text, /^PIPE-59\nunchecked\nskipped$/m);
  assert.match(text, /^Expected \(ledger, not observed in this run\):\nholds — /m);
  assert.match(text, /^selftest.fionread = 6$/m);
  await screenshot(url, 'screenshot-claims.png');
});
