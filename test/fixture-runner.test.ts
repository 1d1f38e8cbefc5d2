/** The fixture runner turns every way a fixture can go wrong into one clear message. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NotAvailable } from '../native/not-available';
import { descendants, FixtureContext, parseEvents, runFixture, startFixture } from '../steps/support/fixtures';
import { ResourceTracker } from '../steps/support/tracker';

const context = (): FixtureContext => ({ tracker: new ResourceTracker(), transcript: [] });

test('a well-behaved fixture gives its events', async () => {
  const ctx = context();
  const run = await runFixture(ctx, 'kit-selftest', ['ok']);
  assert.deepEqual(run.only('hello'), { event: 'hello', n: 1 });
  assert.equal(ctx.transcript.length, 1);
  assert.deepEqual(ctx.tracker.releaseAll(), []);
});

test('a fixture that blocks is killed and named in a "timed out ... waiting for" message', async () => {
  const ctx = context();
  const started = Date.now();
  await assert.rejects(runFixture(ctx, 'kit-selftest', ['hang'], { timeoutMs: 300, waitingFor: 'a peer that never comes' }),
    /fixture kit-selftest timed out after 300 ms waiting for a peer that never comes \(last event: \{"event":"waiting"\}\)/);
  assert.ok(Date.now() - started < 3000);
  ctx.tracker.releaseAll();
});

test('a line that is not JSON is reported with the line', async () => {
  await assert.rejects(runFixture(context(), 'kit-selftest', ['garbage']), /printed a line that is not a JSON object: "this is not json"/);
});

test('a fixture that crashes is reported with its signal', async () => {
  await assert.rejects(runFixture(context(), 'kit-selftest', ['crash']), /fixture kit-selftest was killed by SIGSEGV/);
});

test('an expected signal is not an error', async () => {
  const run = await runFixture(context(), 'kit-selftest', ['crash'], { expectSignal: 'SIGSEGV' });
  assert.equal(run.signal, 'SIGSEGV');
});

test('a failed call in a fixture is reported with the errno name', async () => {
  await assert.rejects(runFixture(context(), 'kit-selftest', ['error']), /fixture kit-selftest: close failed with EBADF/);
});

test('a fixture that exits non-zero without saying why is an error', async () => {
  await assert.rejects(runFixture(context(), 'kit-selftest', ['status']), /exited with 5/);
});

test('a skip becomes NotAvailable with the reason', async () => {
  await assert.rejects(runFixture(context(), 'kit-selftest', ['skip']),
    (e: unknown) => e instanceof NotAvailable && /not available here: the self-test pretends/.test((e as Error).message));
});

test('a fixture that is not built says how to build it', async () => {
  await assert.rejects(runFixture(context(), 'no-such-fixture'), /is not built .*npm run build/);
});

test('parseEvents accepts one object per line and rejects anything else', () => {
  assert.deepEqual(parseEvents('x', '{"event":"a"}\n\n{"event":"b","n":2}\n'), [{ event: 'a' }, { event: 'b', n: 2 }]);
  assert.throws(() => parseEvents('x', '[1,2]\n'), /not a JSON object/);
  assert.throws(() => parseEvents('x', '42\n'), /not a JSON object/);
});

test('a skip from a child ends the wait at once, though the parent waits on forever', async () => {
  const ctx = context();
  const started = Date.now();
  await assert.rejects(runFixture(ctx, 'kit-selftest', ['skip-waiting'], { timeoutMs: 3000 }),
    (e: unknown) => e instanceof NotAvailable && /the self-test's child pretends/.test((e as Error).message));
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  ctx.tracker.releaseAll();
});

test('a skip ends the wait at once though the fixture and a child holding its stdout run on, and both are killed', async () => {
  const ctx = context();
  const started = Date.now();
  await assert.rejects(runFixture(ctx, 'kit-selftest', ['skip-held'], { timeoutMs: 3000 }),
    (e: unknown) => e instanceof NotAvailable && /keeps running/.test((e as Error).message));
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  const holder = Number(ctx.transcript[0].only('holder').pid);
  const alive = () => { try { process.kill(holder, 0); return /^\d+ \([^)]*\) [^Z]/.test(readFileSync(`/proc/${holder}/stat`, 'utf8')); } catch { return false; } };
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(alive(), false, `the child ${holder} that held stdout still runs`);
  ctx.tracker.releaseAll();
});

test('a skip line in a session ends finish() at once', async () => {
  const ctx = context();
  const started = Date.now();
  const session = startFixture(ctx, 'kit-selftest', ['skip-held'], { timeoutMs: 3000 });
  await assert.rejects(session.waitFor('never-said'), NotAvailable);
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
  ctx.tracker.releaseAll();
});

test('descendants finds children and grandchildren, and nothing for a process without any', async () => {
  const { spawn } = await import('node:child_process');
  const sh = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore' });
  try {
    let found: number[] = [];
    for (let i = 0; i < 100 && found.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
      found = descendants(sh.pid!);
    }
    assert.equal(found.length, 2);
    assert.deepEqual(descendants(found[0]), []);
    assert.ok(descendants(process.pid).includes(sh.pid!));
  } finally {
    for (const pid of descendants(sh.pid!)) process.kill(pid, 'SIGKILL');
    sh.kill('SIGKILL');
  }
});
