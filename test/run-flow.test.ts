/**
 * The run's flow: an unfinished run never exits 0; SIGTERM to `npm test`'s own
 * process reaches cucumber and its fixtures (the whole session ends, instead of
 * a shell dropping the signal while the suite runs on); a second run in the same
 * reports folder refuses while the first holds the lock; a stale lock is taken over.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { finalStatus, RunOutcome, runProgress } from '../kit/exit-status';
import { root } from '../kit/paths';
import { acquireRunLock, lockPath, processStart, releaseRunLock } from '../kit/run-lock';
import { tempDir } from './temp-dir';

const kitTest = ['-r', 'ts-node/register/transpile-only', 'kit/test.ts'];

/** The pids of the processes whose session is `sid` (setsid made the npm process its leader). */
function session(sid: number): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]) === sid;
    } catch {
      return false;
    }
  }).map(Number);
}

async function until(what: string, condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

const finished: RunOutcome = { code: 0, runFinished: true, notRun: 0 };

test('exit status: an unfinished run never exits 0, even when every failure it saw is waived', () => {
  assert.equal(finalStatus(0, finished), 0);
  assert.equal(finalStatus(0, { ...finished, code: 1 }), 0); // every failure waived, and the run finished
  assert.equal(finalStatus(1, finished), 1);
  assert.equal(finalStatus(0, { ...finished, code: 1, notRun: 3 }), 1); // stopped early
  assert.equal(finalStatus(0, { ...finished, code: 1, failFastStopped: true }), 1);
  assert.equal(finalStatus(0, { ...finished, runFinished: false }), 1);
  assert.equal(finalStatus(143, { ...finished, code: 143, signal: 'SIGTERM' }), 143);
  assert.equal(finalStatus(0, { ...finished, code: 130, interruptedBy: 'SIGINT' }), 130);
  assert.equal(finalStatus(1, { ...finished, interruptedBy: 'SIGTERM' }), 143);
});

test('run progress counts planned and finished test cases, and sees testRunFinished', () => {
  const lines = [
    { testCase: { id: 'a' } }, { testCase: { id: 'b' } },
    { testCaseStarted: { id: 's1', testCaseId: 'a' } }, { testCaseFinished: { testCaseStartedId: 's1', willBeRetried: false } },
  ].map((m) => JSON.stringify(m)).join('\n');
  assert.deepEqual(runProgress(`${lines}\n{"testCaseStarted":`), { planned: 2, finished: 1, runFinished: false, success: undefined });
  assert.deepEqual(runProgress(`${lines}\n${JSON.stringify({ testRunFinished: { success: false } })}\n`), { planned: 2, finished: 1, runFinished: true, success: false });
});

test('--fail-fast that stops after a waived failure does not pass the run', () => {
  const dir = tempDir('failfast');
  const waivers = join(dir, 'waivers.yaml');
  writeFileSync(waivers, '- claim: PIPE-55\n  reason: the self-test fails on purpose\n  expires: 2999-12-31\n');
  const reports = join(dir, 'reports');
  const r = spawnSync(process.execPath, [...kitTest, '--profile', 'selftest', '--fail-fast', '--format', 'summary'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, IPC_REPORTS_DIR: reports, IPC_WAIVERS: waivers } });
  assert.match(r.stdout, /The run is unfinished: --fail-fast stopped it after a failure/);
  assert.equal(r.status, 1, r.stdout + r.stderr);
});

test('a lock: a live owner refuses a second run, a dead owner\'s lock is taken over', () => {
  const dir = tempDir('lock');
  const dead = spawnSync('true').pid!;
  writeFileSync(lockPath(dir), JSON.stringify({ pid: dead, started: '1' }));
  const notes: string[] = [];
  assert.equal(acquireRunLock(dir, (l) => notes.push(l)), undefined);
  assert.match(notes[0], new RegExp(`took over the lock .* of a run that is gone \\(pid ${dead}\\)`));
  assert.equal(JSON.parse(readFileSync(lockPath(dir), 'utf8')).pid, process.pid);
  // the same pid with another start time is a reused pid, not the owner
  writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, started: 'other' }));
  assert.equal(acquireRunLock(dir), undefined);
  const owner = spawn('sleep', ['30']);
  try {
    writeFileSync(lockPath(dir), JSON.stringify({ pid: owner.pid, started: processStart(owner.pid!) }));
    assert.match(acquireRunLock(dir) ?? '', new RegExp(`another run \\(pid ${owner.pid}\\) is using ${dir}`));
    releaseRunLock(dir); // not ours: left alone
    assert.ok(existsSync(lockPath(dir)));
  } finally {
    owner.kill('SIGKILL');
  }
});

test('SIGTERM to npm test\'s process stops cucumber and every fixture; a second run meanwhile refuses; the lock is freed', async () => {
  const reports = tempDir('sigterm');
  const npm = spawn('setsid', ['npm', 'test', '--', '--format', 'summary'], {
    cwd: root, env: { ...process.env, IPC_REPORTS_DIR: reports }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (d) => (output += d));
  npm.stderr!.on('data', (d) => (output += d));
  const ended = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  const ndjson = join(reports, 'cucumber.ndjson');
  // setsid execs npm, so npm's pid is the child's pid and the session's id
  await until('cucumber has started scenarios', () => existsSync(ndjson) && readFileSync(ndjson, 'utf8').includes('"testCaseStarted"'), 240_000);

  const second = spawnSync(process.execPath, kitTest, { cwd: root, encoding: 'utf8', env: { ...process.env, IPC_REPORTS_DIR: reports } });
  assert.equal(second.status, 2);
  assert.match(second.stderr, new RegExp(`^ipc-conformance: another run \\(pid \\d+\\) is using ${reports}`, 'm'));

  process.kill(npm.pid!, 'SIGTERM');
  const code = await ended;
  assert.notEqual(code, 0, output);
  await until('no process of the run is left', () => session(npm.pid!).length === 0, 20_000).catch((e) => {
    throw new Error(`${e.message}: ${session(npm.pid!).map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ')).join('; ')}`);
  });
  assert.ok(!existsSync(lockPath(reports)), 'the lock is released');
});
