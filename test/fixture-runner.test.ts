/** The fixture runner turns every way a fixture can go wrong into one clear message. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotAvailable } from '../native/not-available';
import { FixtureContext, parseEvents, runFixture } from '../steps/support/fixtures';
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
