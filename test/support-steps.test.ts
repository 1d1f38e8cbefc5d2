/**
 * The step layer without cucumber running: the hooks (hooks.ts), the World (world.ts), the step
 * wrappers (dsl.ts) and what they lean on (expected-skips.ts, allure.ts, fixture-batch.ts). The
 * modules register into a support code library of this test's own (test/support/cucumber-support.ts),
 * and the test calls the registered functions with a world it built.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { Status } from '@cucumber/cucumber';
import { fixturesBinDir } from '../kit/paths';
import { skipKey } from '../kit/mutation-baseline';
import { C } from '../native/constants';
import { close } from '../native/fd';
import { callLog } from '../native/libc';
import { NotAvailable } from '../native/not-available';
import { shmOpen, shmPath } from '../native/posix-shm';
import { msgget, removeQueue, statRaw } from '../native/sysv-msg';
import { takeLeftoverSysvIds } from '../native/sysv';
import { Evidence, SKIP_MEDIA_TYPE } from '../steps/support/evidence';
import { assertionsMade, expectTrue, resetAssertions } from '../steps/support/expect';
import { expectedSkip } from '../steps/support/expected-skips';
import { caseResult, batchCase } from '../steps/support/fixture-batch';
import { FixtureRun } from '../steps/support/fixtures';
import { ResourceTracker } from '../steps/support/tracker';
import { supportLibrary } from './support/cucumber-support';

const dir = mkdtempSync(join(tmpdir(), `ipcc-unit-steps-${process.pid}-`));
after(() => rmSync(dir, { recursive: true, force: true }));

type World = typeof import('../steps/support/world');
type Dsl = typeof import('../steps/support/dsl');
let world!: World;
let dsl!: Dsl;
const steps: Record<string, (this: unknown, ...args: any[]) => unknown> = {};
const hooks = supportLibrary(() => require('../steps/support/hooks'));
supportLibrary(() => { world = require('../steps/support/world'); });
const dslLibrary = supportLibrary(() => {
  dsl = require('../steps/support/dsl');
  dsl.Given('a step that fails', function () { throw new Error('it broke'); });
  dsl.Given('a step that cannot run here', function () { throw new NotAvailable('no such thing here'); });
  dsl.When('an action', function (this: { last?: unknown }) { return this.last; });
  const original = Error.prepareStackTrace;
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined; // V8's plain format, as without source maps
  try {
    dsl.Then('a step defined without source maps', function () { return 'checked'; });
  } finally {
    Error.prepareStackTrace = original;
  }
});
for (const d of dslLibrary.stepDefinitions) steps[(d as unknown as { pattern: string }).pattern] = d.code;

interface FakeWorld {
  tracker: ResourceTracker; evidence: Evidence; transcript: FixtureRun[]; attachments: Array<[string, string]>;
  parameters?: Record<string, unknown>; scenario?: { uri: string; name: string }; last?: unknown;
  attach(data: string, type: string): void;
}
function fakeWorld(parameters?: Record<string, unknown>): FakeWorld {
  return {
    tracker: new ResourceTracker(), evidence: new Evidence(), transcript: [], attachments: [], parameters,
    attach(data, type) { this.attachments.push([data, type]); },
  };
}
const hook = (defs: typeof hooks.beforeTestCaseHookDefinitions) => { assert.equal(defs.length, 1); return defs[0].code; };

test('Before starts a scenario with an empty call log and forgets the objects earlier ones made', () => {
  callLog.push('x() = 0');
  const q = msgget(C.IPC_PRIVATE, 0o600);
  const name = `/ipcc-unit-${process.pid}-before`;
  const shm = shmOpen(name, 'O_RDWR|O_CREAT');
  try {
    hook(hooks.beforeTestCaseHookDefinitions).call(fakeWorld(), {});
    assert.deepEqual(callLog, [`msgctl(${q.rc}, IPC_STAT) = 0`, `shm_unlink(${name}) = 0`]); // only what Before itself did
    assert.deepEqual(takeLeftoverSysvIds(), []);
    assert.equal(existsSync(shmPath(name)), false, 'a leftover POSIX name is unlinked');
  } finally {
    removeQueue(q.rc);
    close(shm.rc);
    rmSync(shmPath(name), { force: true });
  }
});

test('BeforeStep resets the assertion count and names the step for the evidence', () => {
  const w = fakeWorld();
  expectTrue('something', true);
  hook(hooks.beforeTestStepHookDefinitions).call(w, { pickleStep: { text: 'the pipe holds 3 bytes' } });
  assert.equal(assertionsMade(), 0);
  assert.equal(w.evidence.step, 'the pipe holds 3 bytes');
});

test('AfterStep fails a passing Then step that checked nothing, and only that', () => {
  const afterStep = hook(hooks.afterTestStepHookDefinitions);
  const then = { type: 'Outcome', text: 'the call succeeds' };
  resetAssertions();
  assert.throws(() => afterStep.call(fakeWorld(), { pickleStep: then, result: { status: Status.PASSED } }),
    { message: 'the Then step "the call succeeds" passed without checking anything' });
  assert.equal(afterStep.call(fakeWorld(), { pickleStep: { type: 'Action', text: 'x' }, result: { status: Status.PASSED } }), undefined);
  assert.equal(afterStep.call(fakeWorld(), { pickleStep: then, result: { status: Status.FAILED } }), undefined);
  expectTrue('something', true);
  assert.equal(afterStep.call(fakeWorld(), { pickleStep: then, result: { status: Status.PASSED } }), undefined);
});

test('After a failed scenario, its evidence, what its fixtures said and the calls it made are attached', () => {
  const w = fakeWorld();
  w.evidence.record('pipe.capacity', 65536);
  const run = new FixtureRun('fx', ['1'], [{ event: 'a' }], 0, undefined, '');
  w.transcript.push(run, run);
  callLog.length = 0;
  callLog.push('pipe() = 0', 'write(fd 4, 3 bytes) = 3');
  hook(hooks.afterTestCaseHookDefinitions).call(w, { pickle: { tags: [] }, result: { status: Status.FAILED } });
  assert.deepEqual(w.attachments, [
    ['{"pipe.capacity":65536}', 'application/vnd.ipc-conformance.evidence+json'],
    [`fixtures:\n\n${run}\n\n${run}`, 'text/plain'],
    ['system calls made in this process:\npipe() = 0\nwrite(fd 4, 3 bytes) = 3', 'text/plain'],
  ]);
});

test('After a scenario that did not fail, or one with nothing to show, nothing but evidence is attached', () => {
  const skipped = fakeWorld();
  skipped.transcript.push(new FixtureRun('fx', [], [], 0, undefined, ''));
  callLog.length = 0;
  callLog.push('pipe() = 0');
  hook(hooks.afterTestCaseHookDefinitions).call(skipped, { pickle: { tags: [] }, result: { status: Status.SKIPPED } });
  assert.deepEqual(skipped.attachments, []);
  callLog.length = 0;
  const empty = fakeWorld();
  hook(hooks.afterTestCaseHookDefinitions).call(empty, { pickle: { tags: [] }, result: { status: Status.FAILED } });
  assert.deepEqual(empty.attachments, []);
});

test('After fails a scenario whose resources could not all be released, naming each', () => {
  const w = fakeWorld();
  w.tracker.adopt('first thing', () => { throw new Error('boom'); });
  w.tracker.adopt('second thing', () => { throw new Error('bang'); });
  assert.throws(() => hook(hooks.afterTestCaseHookDefinitions).call(w, { pickle: { tags: [] }, result: { status: Status.SKIPPED } }),
    { message: 'could not release: second thing: bang; first thing: boom' });
});

test('After removes the SysV objects and POSIX names the scenario made but did not track, and fails naming them', () => {
  takeLeftoverSysvIds();
  const q = msgget(C.IPC_PRIVATE, 0o600);
  const name = `/ipcc-unit-${process.pid}-after`;
  const shm = shmOpen(name, 'O_RDWR|O_CREAT');
  try {
    assert.throws(() => hook(hooks.afterTestCaseHookDefinitions).call(fakeWorld(), { pickle: { tags: [] }, result: { status: Status.SKIPPED } }),
      { message: `leaked (created but not tracked): SysV msg ${q.rc}, POSIX shm ${name}` });
    assert.equal(statRaw(q.rc).errnoName, 'EINVAL');
    assert.equal(existsSync(shmPath(name)), false);
  } finally {
    removeQueue(q.rc);
    close(shm.rc);
    rmSync(shmPath(name), { force: true });
  }
});

const SH = relative(fixturesBinDir, '/bin/sh');
const newWorld = () => new world.IpcWorld({ attach: () => undefined, log: () => undefined, link: () => undefined, parameters: {} } as never);

test('the World hands out what a step kept by role, and names a role nothing was kept for', () => {
  const w = newWorld();
  assert.throws(() => w.get('reader'), { message: 'this scenario has no reader yet' });
  assert.equal(w.keep('reader', 3), 3);
  assert.equal(w.get<number>('reader'), 3);
  w.tracker.releaseAll();
});

test('a World\'s session without arguments passes none', async () => {
  const w = newWorld();
  const run = await w.session(SH).finish();
  assert.deepEqual([run.args, run.exitCode], [[], 0]);
  w.tracker.releaseAll();
});

/** Runs fn with IPC_STRICT set to value (undefined: unset), as the strict profile's environment would. */
async function withStrictEnv<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.IPC_STRICT;
  if (value === undefined) delete process.env.IPC_STRICT;
  else process.env.IPC_STRICT = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.IPC_STRICT;
    else process.env.IPC_STRICT = saved;
  }
}

test('a failing step\'s message carries the scenario\'s evidence, when it has some', async () => {
  const w = fakeWorld({});
  await assert.rejects(async () => steps['a step that fails'].call(w), { message: 'it broke' });
  w.evidence.record('pipe.capacity', 65536);
  await assert.rejects(async () => steps['a step that fails'].call(w), { message: 'it broke\nevidence: {"pipe.capacity":65536}' });
});

test('a step that cannot run here skips its scenario with the reason attached, also in a world without parameters', async () => {
  await withStrictEnv(undefined, async () => {
    for (const parameters of [{}, { strict: false }, undefined]) {
      const w = fakeWorld(parameters);
      assert.equal(await steps['a step that cannot run here'].call(w), 'skipped');
      assert.deepEqual(w.attachments, [['not available here: no such thing here', SKIP_MEDIA_TYPE]]);
    }
  });
});

test('under the strict profile, or IPC_STRICT=1, such a skip is a failure', async () => {
  const required = { message: 'required, but not available here: no such thing here (strict: a skip is a failure)' };
  await withStrictEnv(undefined, () => assert.rejects(async () => steps['a step that cannot run here'].call(fakeWorld({ strict: true })), required));
  await withStrictEnv('1', () => assert.rejects(async () => steps['a step that cannot run here'].call(fakeWorld({})), required));
  await withStrictEnv('0', async () => assert.equal(await steps['a step that cannot run here'].call(fakeWorld({})), 'skipped'));
});

test('under the strict profile, a skip the baseline lists for that scenario stays a skip', async () => {
  const file = join(dir, 'expected-skips-dsl.json');
  writeFileSync(file, JSON.stringify([skipKey('features/x.feature', 'a', 'not available here: no such thing here')]));
  const w = { ...fakeWorld({ strict: true, expectedSkips: file }), scenario: { uri: 'features/x.feature', name: 'a' } };
  await withStrictEnv(undefined, async () => assert.equal(await steps['a step that cannot run here'].call(w), 'skipped'));
});

test('a When starts without the last call of an earlier step', async () => {
  const w = { ...fakeWorld({}), last: { call: 'x()', rc: 0 } };
  assert.equal(await steps['an action'].call(w), undefined);
  assert.equal(w.last, undefined);
});

test('a step is located at its definition in the step file, also where errors have no source-map formatting', () => {
  const defined = dslLibrary.stepDefinitions.find((d) => (d as unknown as { pattern: string }).pattern === 'a step defined without source maps')!;
  assert.equal(defined.uri, 'test/support-steps.test.ts');
  assert.ok(defined.line > 0);
  for (const d of dslLibrary.stepDefinitions) assert.equal(d.uri, 'test/support-steps.test.ts');
});

test('the list of expected skips is read once per file', () => {
  const file = join(dir, 'expected-skips-once.json');
  const key = skipKey('features/x.feature', 'a', 'why');
  writeFileSync(file, JSON.stringify([key]));
  const w = { parameters: { expectedSkips: file }, scenario: { uri: 'features/x.feature', name: 'a' } };
  assert.equal(expectedSkip(w, 'why'), true);
  writeFileSync(file, '[]');
  assert.equal(expectedSkip(w, 'why'), true);
  assert.equal(expectedSkip({ scenario: w.scenario } as never, 'why'), false);
});

test('evidence recorded in a world also reaches Allure as a parameter', () => {
  const key = 'allureTestRuntime';
  const g = globalThis as Record<string, unknown>;
  const saved = g[key];
  const published: unknown[][] = [];
  g[key] = () => ({ parameter: (...args: unknown[]) => { published.push(args); return Promise.resolve(); } });
  try {
    newWorld().evidence.record('pipe.capacity', 65536);
    assert.deepEqual(published, [['pipe.capacity', '65536', undefined]]);
  } finally {
    g[key] = saved;
  }
});

test('a missing case line names only that case\'s death, not another\'s', () => {
  const run = new FixtureRun('err-ipc-x', [], [{ event: 'case-died', case: 'b', signal: 'SIGSEGV' }], 0, undefined, '');
  assert.throws(() => caseResult(run, 'a'), { message: `case a of err-ipc-x reported 0 results\n${run}` });
  assert.throws(() => caseResult(run, 'b'), { message: `case b of err-ipc-x reported 0 results (it died: {"event":"case-died","case":"b","signal":"SIGSEGV"})\n${run}` });
});

test('a batch fixture runs once for all its cases, with a unique name prefix, waiting for its cases up to 30 s', async () => {
  const fixture = `err-unit-${process.pid}`;
  const calls: unknown[][] = [];
  const run = new FixtureRun(fixture, [], [{ event: 'result', case: 'a', call: 'msgget', rc: 3, errno: 0 }, { event: 'result', case: 'b', call: 'semget', rc: -1, errno: 22 }], 0, undefined, '');
  const w = { fixture: async (...args: unknown[]) => { calls.push(args); return run; } } as never;
  const a = await batchCase(w, fixture, 'a');
  const b = await batchCase(w, fixture, 'b');
  assert.deepEqual([a.rc, b.errnoName], [3, 'EINVAL']);
  assert.equal(calls.length, 1);
  const [name, args, opts] = calls[0] as [string, string[], unknown];
  assert.equal(name, fixture);
  assert.equal(args.length, 1);
  assert.match(args[0], new RegExp(`^ipcc-.+-${process.pid}-\\d+-errno$`));
  assert.deepEqual(opts, { timeoutMs: 30000, waitingFor: 'its cases' });
});
