/**
 * Bad input and a host that cannot run the suite: one clear line each and a
 * non-zero exit, before cucumber starts (no cucumber.ndjson is written). A
 * stalled compiler is killed; a damaged fixture binary is found, and
 * `npm run build` rebuilds it.
 */
import assert from 'node:assert/strict';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildDir, root } from '../kit/paths';
import { REPORTS_MARKER } from '../kit/preflight';
import { tempDir } from './temp-dir';


/** kit/test.ts (optionally wrapped, e.g. by prlimit) with its own reports folder and extra environment. */
function kitTest(env: Record<string, string>, wrap: string[] = []): SpawnSyncReturns<string> & { reports: string } {
  const reports = env.IPC_REPORTS_DIR ?? join(tempDir('reports'), 'r');
  const command = [...wrap, process.execPath, '-r', 'ts-node/register/transpile-only', join(root, 'kit', 'test.ts'), '--format', 'summary'];
  const r = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, IPC_REPORTS_DIR: reports, ...env }, timeout: 120_000 });
  return { ...r, reports };
}

/** Refused before the suite ran: exit 2, the expected line on stderr, no messages from cucumber. */
function assertRefused(r: ReturnType<typeof kitTest>, line: RegExp): void {
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, line);
  assert.ok(!existsSync(join(r.reports, 'cucumber.ndjson')), 'cucumber did not run');
}

test('a missing, empty or broken waivers file and an impossible date stop the run before the suite, naming the file', () => {
  const dir = tempDir('waivers');
  const missing = join(dir, 'missing.yaml');
  assertRefused(kitTest({ IPC_WAIVERS: missing }), new RegExp(`^ipc-conformance: ${missing}: the waivers file does not exist`, 'm'));
  const empty = join(dir, 'empty.yaml');
  writeFileSync(empty, '');
  assertRefused(kitTest({ IPC_WAIVERS: empty }), new RegExp(`^ipc-conformance: ${empty}: the waivers file is empty`, 'm'));
  const dates = join(dir, 'dates.yaml');
  writeFileSync(dates, '- claim: PIPE-59\n  reason: x\n  expires: 2027-02-30\n- claim: NOPE-1\n  reason: y\n  expires: 2999-01-01\n');
  const r = kitTest({ IPC_WAIVERS: dates });
  assertRefused(r, new RegExp(`^ipc-conformance: ${dates}: waiver 1 \\(PIPE-59\\) expires on 2027-02-30, which is not a date$`, 'm'));
  assert.match(r.stderr, new RegExp(`^ipc-conformance: ${dates}: the waiver names NOPE-1, which the ledger does not have$`, 'm'));
});

test('IPC_REPORTS_DIR naming a non-empty folder the kit did not make is refused, and nothing in it is touched', () => {
  const foreign = tempDir('foreign');
  writeFileSync(join(foreign, 'thesis.tex'), 'mine');
  mkdirSync(join(foreign, 'allure-results'));
  writeFileSync(join(foreign, 'allure-results', 'keep'), 'mine too');
  assertRefused(kitTest({ IPC_REPORTS_DIR: foreign }), new RegExp(`^ipc-conformance: the reports folder ${foreign} is not empty and was not made by the kit`, 'm'));
  assert.equal(readFileSync(join(foreign, 'thesis.tex'), 'utf8'), 'mine');
  assert.equal(readFileSync(join(foreign, 'allure-results', 'keep'), 'utf8'), 'mine too');
  assert.ok(!existsSync(join(foreign, REPORTS_MARKER)));
});

test('ulimit -n 32 is one clear line', { skip: spawnSync('prlimit', ['--version']).error ? 'prlimit is not installed' : false }, () => {
  assertRefused(kitTest({}, ['prlimit', '--nofile=32:32', '--']), /^ipc-conformance: the open-file limit \(ulimit -n\) is 32; the suite needs at least 64/m);
});

test('an IPC_TIME_SCALE that is not a number from 1 to 1000 is one clear line', () => {
  for (const bad of ['fast', '0.5', '0']) {
    assertRefused(kitTest({ IPC_TIME_SCALE: bad }), new RegExp(`^ipc-conformance: IPC_TIME_SCALE must be a number from 1 to 1000 \\(how many times slower this machine is\\), not "${bad}"$`, 'm'));
  }
});

const canMount = spawnSync('unshare', ['--mount', '--propagation', 'private', '--', 'mount', '-t', 'tmpfs', 'tmpfs', '/mnt'], { stdio: 'ignore' }).status === 0;

test('a 64 KiB TMPDIR is one clear line', { skip: canMount ? false : 'a private mount namespace needs CAP_SYS_ADMIN here' }, () => {
  const tiny = tempDir('tiny-tmp');
  const script = 'mount -t tmpfs -o size=64k,mode=1777 tmpfs "$1" && shift && exec "$@"';
  assertRefused(kitTest({ TMPDIR: tiny }, ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', tiny]),
    new RegExp(`^ipc-conformance: the temporary folder ${tiny} has \\d+ KiB free; the suite needs 8 MiB there`, 'm'));
});

/** A copy of the build folder, with mtimes, that a test may damage. */
function buildCopy(): string {
  const copy = join(tempDir('build'), 'build');
  cpSync(buildDir, copy, { recursive: true, preserveTimestamps: true });
  return copy;
}

const build = (env: Record<string, string>) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'kit', 'build.ts')],
  { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

test('a truncated fixture binary is found before the suite runs, and npm run build rebuilds it', () => {
  const copy = buildCopy();
  const bin = join(copy, 'fixtures', 'pipe-eof');
  truncateSync(bin, 100);
  assertRefused(kitTest({ IPC_BUILD_DIR: copy }), new RegExp(`^ipc-conformance: a built program is damaged: ${bin} has 100 bytes, the build made \\d+ bytes; run \`npm run build\``, 'm'));
  const rebuilt = build({ IPC_BUILD_DIR: copy });
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.match(rebuilt.stderr, /compiled 1 of \d+ programs/);
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
  assert.equal(readFileSync(bin).length, manifest.programs['fixtures/pipe-eof'].size);
  assert.equal(spawnSync(bin, { stdio: 'ignore' }).error, undefined);
});

test('a compiler that stalls is killed after IPC_COMPILE_TIMEOUT_MS: the build says so and fails', () => {
  const copy = buildCopy();
  rmSync(join(copy, 'fixtures', 'pipe-eof')); // one program to build
  const bin = tempDir('fake-cc');
  writeFileSync(join(bin, 'cc'), '#!/bin/sh\n[ "$1" = --version ] && { echo "fake cc 1.0"; exit 0; }\nexec sleep 600\n');
  chmodSync(join(bin, 'cc'), 0o755);
  const started = Date.now();
  const r = build({ IPC_BUILD_DIR: copy, CC: join(bin, 'cc'), IPC_COMPILE_TIMEOUT_MS: '1500' });
  assert.ok(Date.now() - started < 60_000, 'the build did not hang');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^pipe-eof: .*\/cc did not finish within 1\.5 s \(IPC_COMPILE_TIMEOUT_MS\), and was killed$/m);
  assert.match(r.stderr, /^ipc-conformance: 1 of 1 programs did not compile/m);
});

test('a compiler that stalls during a scenario\'s compilation is killed too', () => {
  const bin = tempDir('fake-cc');
  writeFileSync(join(bin, 'cc'), '#!/bin/sh\n[ "$1" = --version ] && exit 0\nexec sleep 600\n');
  chmodSync(join(bin, 'cc'), 0o755);
  const program = "const c = require('./native/compiler'); try { c.compileText('c', 'int main(void){return 0;}', process.argv[1], 'x'); } catch (e) { console.log(e.message); }";
  const started = Date.now();
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', program, tempDir('cc-out')],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CC: join(bin, 'cc'), IPC_COMPILE_TIMEOUT_MS: '1500' }, timeout: 60_000 });
  assert.ok(Date.now() - started < 30_000);
  assert.match(r.stdout, /cc did not finish compiling .*x\.c within 1\.5 s/);
});
