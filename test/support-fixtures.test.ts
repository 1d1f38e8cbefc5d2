/**
 * The fixture runner (steps/support/fixtures.ts) word for word: the events it reads, the messages
 * it fails with, what it hands the tracker, and when it stops waiting. The "fixture" here is
 * mostly /bin/sh, run through the runner by its path relative to the fixtures folder, so a test
 * can make it print exactly the lines, stderr and exit it needs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fixturesBinDir } from '../kit/paths';
import { NotAvailable } from '../native/not-available';
import { sysctlText } from '../native/platform';
import { createQueue, removeQueue, statRaw } from '../native/sysv-msg';
import { by, descendants, FixtureContext, FixtureRun, judge, parseEvents, runFixture, runProgram, startFixture } from '../steps/support/fixtures';
import { ResourceTracker } from '../steps/support/tracker';

const SH = relative(fixturesBinDir, '/bin/sh');
const context = (): FixtureContext => ({ tracker: new ResourceTracker(), transcript: [] });
const sh = (script: string) => ['-c', script];
const run = (events: Array<Record<string, unknown>>, exitCode: number | undefined = 0, signal?: string, stderr = '') =>
  new FixtureRun('fx', ['a', 'b'], events.map((e) => ({ event: 'x', ...e })), exitCode, signal, stderr);
const notAvailable = (message: string) => (e: unknown) => e instanceof NotAvailable && (e as Error).message === message;
const exactly = (message: string) => (e: unknown) => {
  assert.ok(e instanceof Error && !(e instanceof NotAvailable), `not a plain Error: ${String(e)}`);
  assert.equal((e as Error).message, message);
  return true;
};

test('only() returns the one event of a name, and names the count and every event when there is not exactly one', () => {
  const r = new FixtureRun('fx', [], [{ event: 'a', by: 'child' }, { event: 'a', by: 'parent' }], 0, undefined, '');
  const all = '[{"event":"a","by":"child"},{"event":"a","by":"parent"}]';
  assert.throws(() => r.only('a'), exactly(`fixture fx reported "a" 2 times; its events: ${all}`));
  assert.throws(() => r.only('b'), exactly(`fixture fx reported "b" 0 times; its events: ${all}`));
  assert.deepEqual(r.only('a', by('child')), { event: 'a', by: 'child' });
  assert.throws(() => r.only('a', by('grandchild')), exactly(`fixture fx reported "a" (from the grandchild) 0 times; its events: ${all}`));
});

test('by() names its role for messages, matches "by", then "who", then the fallback, and everything without a role', () => {
  assert.equal(by('child').name, 'from the child');
  assert.equal(by(undefined).name, '');
  assert.equal(by(undefined)({ event: 'a', by: 'x' }), true);
  assert.equal(by('child')({ event: 'a', who: 'child' }), true);
  assert.equal(by('child')({ event: 'a', by: 'parent', who: 'child' }), false);
  assert.equal(by('child', 'child')({ event: 'a' }), true);
  assert.equal(by('child')({ event: 'a' }), false);
});

test('a run prints as the command line, its events, its stderr when there is some, and its exit', () => {
  assert.equal(run([{ n: 1 }], 0, undefined, 'oops').toString(), '$ fx a b\n{"event":"x","n":1}\nstderr: oops\nexit: 0');
  assert.equal(run([{ n: 1 }, { n: 2 }], 3).toString(), '$ fx a b\n{"event":"x","n":1}\n{"event":"x","n":2}\nexit: 3');
  assert.equal(run([], undefined, 'SIGSEGV').toString(), '$ fx a b\nexit: SIGSEGV');
});

test('parseEvents skips blank and white lines, and rejects null, a string and text that is not JSON, quoting the line', () => {
  assert.deepEqual(parseEvents('x', '{"event":"a"}\n  \n\t\n{"event":"b"}\n'), [{ event: 'a' }, { event: 'b' }]);
  assert.throws(() => parseEvents('x', 'null\n'), exactly('fixture x printed a line that is not a JSON object: "null"'));
  assert.throws(() => parseEvents('x', '"text"\n'), exactly('fixture x printed a line that is not a JSON object: "\\"text\\""'));
  assert.throws(() => parseEvents('x', '42'), exactly('fixture x printed a line that is not a JSON object: "42"'));
  assert.throws(() => parseEvents('x', 'this is not json'), exactly('fixture x printed a line that is not a JSON object: "this is not json"'));
});

test('a timed-out run names what it waited for and its last event, or "its peer" and "none"', () => {
  assert.throws(() => judge(run([{ n: 1 }, { n: 2 }, { n: 3 }], undefined, 'SIGKILL'), { waitingFor: 'the reader' }, true, 300),
    exactly('fixture fx timed out after 300 ms waiting for the reader (last event: {"event":"x","n":3})'));
  assert.throws(() => judge(run([], undefined, 'SIGKILL'), {}, true, 4000), exactly('fixture fx timed out after 4000 ms waiting for its peer (last event: none)'));
});

test('a skip line is a NotAvailable with its reason, ahead of an error line', () => {
  assert.throws(() => judge(run([{ n: 1 }, { skip: 'no mqueue here' }, { error: 'close', errno: 9 }], 3), {}, false, 300),
    notAvailable('not available here: no mqueue here'));
});

test('an error line fails with the call, its errno name (or its message) and the whole run', () => {
  assert.throws(() => judge(run([{ n: 1 }, { error: 'close', errno: 9 }], 2), {}, false, 300),
    exactly('fixture fx: close failed with EBADF\n$ fx a b\n{"event":"x","n":1}\n{"event":"x","error":"close","errno":9}\nexit: 2'));
  assert.throws(() => judge(run([{ error: 'setup', message: 'no peer' }], 2), {}, false, 300),
    exactly('fixture fx: setup no peer\n$ fx a b\n{"event":"x","error":"setup","message":"no peer"}\nexit: 2'));
});

test('an error line whose errno says an IPC limit is used up is a named skip, not a failure', () => {
  const limit = sysctlText('kernel/msgmni')?.replace(/\s+/g, ' ') ?? 'absent';
  assert.throws(() => judge(run([{ error: 'msgget', errno: 28 }], 2), {}, false, 300),
    notAvailable(`not available here: msgget → ENOSPC: a kernel IPC limit is used up here (kernel.msgmni = ${limit})`));
});

test('an unexpected signal, an expected one that did not come, and a non-zero exit each fail with the run', () => {
  assert.throws(() => judge(run([], undefined, 'SIGSEGV'), {}, false, 300), exactly('fixture fx was killed by SIGSEGV\n$ fx a b\nexit: SIGSEGV'));
  assert.throws(() => judge(run([], 0), { expectSignal: 'SIGPIPE' }, false, 300), exactly('fixture fx exited with 0, not killed by SIGPIPE\n$ fx a b\nexit: 0'));
  assert.throws(() => judge(run([], 5), {}, false, 300), exactly('fixture fx exited with 5\n$ fx a b\nexit: 5'));
  const ok = run([], undefined, 'SIGPIPE');
  assert.equal(judge(ok, { expectSignal: 'SIGPIPE' }, false, 300), ok);
  const clean = run([{ n: 1 }], 0);
  assert.equal(judge(clean, {}, false, 300), clean);
});

test('objects a fixture reports as created go to the tracker: a path, a POSIX shm name, a SysV queue', async () => {
  const ctx = context();
  const dir = mkdtempSync(join(tmpdir(), `ipcc-unit-adopt-${process.pid}-`));
  const shm = `/ipcc-unit-adopt-${process.pid}`;
  const queue = createQueue(0o600);
  try {
    const file = join(dir, 'fifo');
    writeFileSync(file, '');
    writeFileSync(join('/dev/shm', shm.slice(1)), '');
    const lines = [
      { event: 'created', kind: 'path', name: file },
      { event: 'created', kind: 'posix-shm', name: shm },
      { event: 'created', kind: 'sysv-msg', id: queue.id },
    ].map((e) => `echo '${JSON.stringify(e)}'`).join('; ');
    const r = await runFixture(ctx, SH, sh(lines));
    assert.equal(r.all('created').length, 3);
    assert.deepEqual(ctx.tracker.releaseAll(), []);
    assert.equal(existsSync(file), false);
    assert.equal(existsSync(join('/dev/shm', shm.slice(1))), false);
    assert.equal(statRaw(queue.id).errnoName, 'EINVAL');
  } finally {
    ctx.tracker.releaseAll();
    removeQueue(queue.id);
    rmSync(join('/dev/shm', shm.slice(1)), { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a created object of a kind the runner does not know is a kit error that quotes the line', async () => {
  for (const kind of ['sysv-foo', 'posix-foo', 'sysv-mq', 'posix-msg', 'fifo']) {
    const ctx = context();
    const line = JSON.stringify({ event: 'created', kind, id: 1, name: '/x' });
    await assert.rejects(runFixture(ctx, SH, sh(`echo '${line}'`)), exactly(`fixture reported a created object of unknown kind ${line}`));
    ctx.tracker.releaseAll();
  }
});

test('a skip line ends the wait at once while the fixture runs on; its run keeps the lines before it, and what they created is tracked', async () => {
  const ctx = context();
  const dir = mkdtempSync(join(tmpdir(), `ipcc-unit-skip-${process.pid}-`));
  const file = join(dir, 'sock');
  writeFileSync(file, '');
  try {
    const started = Date.now();
    const created = JSON.stringify({ event: 'created', kind: 'path', name: file });
    await assert.rejects(runFixture(ctx, SH, sh(`echo '{"event":"a"}'; echo '${created}'; echo '{"skip":"no peer here"}'; exec sleep 30`), { timeoutMs: 3000 }),
      notAvailable('not available here: no peer here'));
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    const [r] = ctx.transcript;
    assert.deepEqual(r.events, [{ event: 'a' }, JSON.parse(created), { skip: 'no peer here' }]);
    assert.deepEqual([r.exitCode, r.signal, r.stderr], [undefined, undefined, '']);
    assert.deepEqual(ctx.tracker.releaseAll(), []);
    assert.equal(existsSync(file), false);
  } finally {
    ctx.tracker.releaseAll();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a line that is not JSON from a fixture that then blocks is a timeout, not a skip nor a parse error', async () => {
  const ctx = context();
  await assert.rejects(runFixture(ctx, SH, sh('echo garbage; exec sleep 30'), { timeoutMs: 300, waitingFor: 'a reader' }),
    exactly(`fixture ${SH} timed out after 300 ms waiting for a reader (last event: none)`));
  ctx.tracker.releaseAll();
});

test('a line that is not JSON from a fixture that ends fails the run, quoting the line', async () => {
  const ctx = context();
  await assert.rejects(runFixture(ctx, SH, sh('echo \'{"event":"a"}\'; echo garbage')), exactly(`fixture ${SH} printed a line that is not a JSON object: "garbage"`));
  ctx.tracker.releaseAll();
});

test('a failing fixture\'s message carries its stderr and exit status', async () => {
  const ctx = context();
  const script = 'echo \'{"event":"a"}\'; echo oops >&2; exit 5';
  await assert.rejects(runFixture(ctx, SH, sh(script)), exactly(`fixture ${SH} exited with 5\n$ ${SH} -c ${script}\n{"event":"a"}\nstderr: oops\n\nexit: 5`));
  assert.equal(ctx.transcript[0].stderr, 'oops\n');
  ctx.tracker.releaseAll();
});

test('a fixture run without arguments gets none', async () => {
  const ctx = context();
  const r = await runFixture(ctx, SH);
  assert.deepEqual([r.args, r.events, r.exitCode, r.signal], [[], [], 0, undefined]);
  const s = await startFixture(ctx, SH).finish();
  assert.deepEqual([s.args, s.exitCode], [[], 0]);
  ctx.tracker.releaseAll();
});

test('a session hands out events as they come, and rejects a wait for one the fixture ended without', { timeout: 5000 }, async () => {
  const ctx = context();
  const session = startFixture(ctx, SH, sh('echo \'{"event":"a","n":1}\''));
  assert.deepEqual(await session.waitFor('a'), { event: 'a', n: 1 });
  await assert.rejects(session.waitFor('b'), exactly(`fixture ${SH} ended without reporting "b"`));
  ctx.tracker.releaseAll();
});

test('a wait that began before a silent fixture ended is ended by its end', { timeout: 5000 }, async () => {
  const ctx = context();
  const session = startFixture(ctx, SH, sh('exit 0'));
  await assert.rejects(session.waitFor('a'), exactly(`fixture ${SH} ended without reporting "a"`)); // waiting already: the fixture has not started yet
  ctx.tracker.releaseAll();
});

test('an error line in a session ends a wait at once with the fixture\'s failure', { timeout: 5000 }, async () => {
  const ctx = context();
  const started = Date.now();
  const session = startFixture(ctx, SH, sh('echo \'{"error":"close","errno":9}\'; read x; exit 2'), { timeoutMs: 3000 });
  await assert.rejects(session.waitFor('never'),
    exactly(`fixture ${SH}: close failed with EBADF\n$ ${SH} -c echo '{"error":"close","errno":9}'; read x; exit 2\n{"error":"close","errno":9}\nexit: 2`));
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  ctx.tracker.releaseAll();
});

test('a skip line in a session ends a wait at once with the skip', { timeout: 5000 }, async () => {
  const ctx = context();
  const started = Date.now();
  const session = startFixture(ctx, SH, sh('echo \'{"skip":"no peer"}\'; read x; exit 3'), { timeoutMs: 3000 });
  await assert.rejects(session.waitFor('never'), notAvailable('not available here: no peer'));
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  ctx.tracker.releaseAll();
});

test('releasing the scenario kills a session\'s fixture that still runs', { timeout: 5000 }, async () => {
  const ctx = context();
  const session = startFixture(ctx, SH, sh('echo \'{"event":"ready"}\'; exec sleep 30'), { timeoutMs: 3000 });
  await session.waitFor('ready');
  const started = Date.now();
  assert.deepEqual(ctx.tracker.releaseAll(), []);
  await assert.rejects(session.finish(), exactly(`fixture ${SH} was killed by SIGKILL\n$ ${SH} -c echo '{"event":"ready"}'; exec sleep 30\n{"event":"ready"}\nexit: SIGKILL`));
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
});

test('runProgram gives stdout, stderr and the exit status of any program, without arguments when given none', async () => {
  const ctx = context();
  assert.deepEqual(await runProgram(ctx, '/bin/echo'), { stdout: '\n', stderr: '', exitCode: 0, signal: undefined });
  assert.deepEqual(await runProgram(ctx, '/bin/sh', sh('echo out; echo err >&2; exit 3')), { stdout: 'out\n', stderr: 'err\n', exitCode: 3, signal: undefined });
  ctx.tracker.releaseAll();
});

test('runProgram fails a program that outlives its timeout, and the scenario\'s release kills one still running', async () => {
  const ctx = context();
  await assert.rejects(runProgram(ctx, '/bin/sleep', ['30'], 200), exactly('/bin/sleep timed out after 200 ms waiting for its output to end'));
  const running = runProgram(ctx, '/bin/sleep', ['30'], 3000);
  const started = Date.now();
  assert.deepEqual(ctx.tracker.releaseAll(), []);
  assert.deepEqual(await running, { stdout: '', stderr: '', exitCode: undefined, signal: 'SIGKILL' });
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
});

test('descendants lists children before grandchildren, and a grandchild only under its own parent', async () => {
  const outer = spawn('/bin/sh', ['-c', '/bin/sh -c \'sleep 30 & echo "$$ $!"; wait\' & wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const line = await new Promise<string>((resolve) => outer.stdout.once('data', (b: Buffer) => resolve(b.toString())));
    const [inner, sleeper] = line.trim().split(' ').map(Number);
    assert.deepEqual(descendants(outer.pid!), [inner, sleeper]);
    assert.deepEqual(descendants(inner), [sleeper]);
    assert.deepEqual(descendants(sleeper), []);
  } finally {
    for (const pid of descendants(outer.pid!)) process.kill(pid, 'SIGKILL');
    outer.kill('SIGKILL');
  }
});
