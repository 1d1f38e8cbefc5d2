/**
 * The resource tracker (steps/support/tracker.ts) in detail: what each kind of resource is called
 * in a failure, what its release does and does not do, and the signal handler that releases
 * every live tracker. Where the host lets it (root), this file's process first moves into an IPC
 * namespace of its own, whose kernel.msg_next_id lets a test put a new queue under the id of a
 * removed one: the case of an id that now names another object.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { lib } from '../native/libc';
import { close, fcntl } from '../native/fd';
import { openPipe } from '../native/pipe';
import { createQueue, removeQueue, statRaw } from '../native/sysv-msg';
import { ResourceTracker } from '../steps/support/tracker';

const CLONE_NEWIPC = 0x08000000;
const ownNamespace = Number(lib.func('int unshare(int)')(CLONE_NEWIPC)) === 0;
const needsNamespace = { skip: !ownNamespace && 'an IPC namespace of its own needs CAP_SYS_ADMIN' };

const labels = (t: ResourceTracker): string[] => (t as unknown as { resources: Array<{ label: string }> }).resources.map((r) => r.label);
const ok = { call: 'x()', rc: 0, errno: 0, errnoName: 'OK' };

/** Python run as another user (setpriv): the only way here to make a SysV object whose creator is not us. */
const asUser = (uid: number, python: string) =>
  spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '/usr/bin/python3', '-c', python], { encoding: 'utf8' });

/** A new queue under the id of `id`, which must be gone: created by uid when given (a different creator), else by us. */
function queueAtId(id: number, key?: number, uid?: number): { id: number; key: number } {
  writeFileSync('/proc/sys/kernel/msg_next_id', String(id));
  if (uid === undefined) return createQueue(0o600);
  const r = asUser(uid, `import ctypes; print(ctypes.CDLL(None).msgget(${key}, 0o1600))`);
  assert.match(r.stdout, /^\d+\n$/, r.stderr);
  return { id: Number(r.stdout), key: key! };
}

test('each resource is labelled by what it is, for the message when its release fails', () => {
  const t = new ResourceTracker();
  const p = openPipe();
  const q = createQueue(0o600);
  try {
    t.fd(p.readEnd);
    const dir = t.tempDir('label');
    t.sysv('msg', q.id);
    t.sysv('msg', q.id); // tracked once
    t.fixtureSysv('sem', 2147483647);
    t.posix('shm', `/ipcc-unit-${process.pid}-none`);
    t.mapping('of 4096 bytes', { mapped: false, unmap: () => undefined });
    t.path('/nonexistent/ipcc-unit-x');
    assert.deepEqual(labels(t), [`fd ${p.readEnd}`, `temp dir ${dir}`, `SysV msg ${q.id}`, 'SysV sem 2147483647 (from a fixture)',
      `POSIX shm /ipcc-unit-${process.pid}-none`, 'mapping of 4096 bytes', 'path /nonexistent/ipcc-unit-x']);
  } finally {
    assert.deepEqual(t.releaseAll(), []);
    close(p.writeEnd);
  }
  assert.equal(statRaw(q.id).errnoName, 'EINVAL');
});

test('a value that is no descriptor or no SysV id is refused; 0 is an id', () => {
  const t = new ResourceTracker();
  assert.throws(() => t.fd(-1), { message: '-1 is not a file descriptor' });
  assert.throws(() => t.fd(1.5), { message: '1.5 is not a file descriptor' });
  assert.throws(() => t.sysv('msg', -1), { message: '-1 is not a SysV msg id' });
  assert.throws(() => t.sysv('shm', 2.5), { message: '2.5 is not a SysV shm id' });
  assert.equal(t.sysv('sem', 0), 0);
  t.sysvRemoved('sem', 0, ok); // never released: sem 0 is not ours
  assert.deepEqual(labels(t), ['SysV sem 0']);
  assert.deepEqual(t.releaseAll(), []);
});

test('a descriptor closed by the scenario is not closed again, so its number, reused, stays open', () => {
  const t = new ResourceTracker();
  const first = openPipe();
  t.fd(first.readEnd);
  assert.equal(t.closeFd(first.readEnd).rc, 0);
  assert.throws(() => t.closeFd(first.readEnd), { message: `fd ${first.readEnd} is not open in this scenario` });
  const reused = openPipe();
  try {
    assert.equal(reused.readEnd, first.readEnd);
    assert.deepEqual(t.releaseAll(), []);
    assert.equal(fcntl(reused.readEnd, 'F_GETFD').rc, 0);
  } finally {
    for (const fd of [first.writeEnd, reused.readEnd, reused.writeEnd]) close(fd);
  }
});

test('a pair of descriptors from a successful call is closed after the scenario', () => {
  const t = new ResourceTracker();
  const p = openPipe();
  t.openedPair({ ...ok, fds: [p.readEnd, p.writeEnd] });
  assert.deepEqual(labels(t), [`fd ${p.readEnd}`, `fd ${p.writeEnd}`]);
  assert.deepEqual(t.releaseAll(), []);
  assert.equal(fcntl(p.readEnd, 'F_GETFD').errnoName, 'EBADF');
});

test('a temp dir is named for the kit and its purpose, has mode 0700 or the one asked for, and goes with its contents', () => {
  const t = new ResourceTracker();
  try {
    const dir = t.tempDir('unit-purpose');
    const open = t.tempDir('unit-open', 0o711);
    writeFileSync(join(dir, 'inside'), 'x');
    assert.equal(dirname(dir), tmpdir());
    assert.match(basename(dir), new RegExp(`^ipcc-.+-${process.pid}-\\d+-unit-purpose-[A-Za-z0-9]{6}$`));
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(open).mode & 0o777, 0o711);
    assert.deepEqual(t.releaseAll(), []);
    assert.equal(existsSync(dir), false);
    assert.equal(existsSync(open), false);
  } finally {
    t.releaseAll();
  }
});

test('a path is removed after the scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), `ipcc-unit-path-${process.pid}-`));
  try {
    const t = new ResourceTracker();
    const file = t.path(join(dir, 'fifo'));
    writeFileSync(file, '');
    assert.deepEqual(t.releaseAll(), []);
    assert.equal(existsSync(file), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a mapping is unmapped after the scenario only if it is still mapped', () => {
  const t = new ResourceTracker();
  const unmapped: string[] = [];
  const mapping = (name: string, mapped: boolean) => ({ mapped, unmap: () => unmapped.push(name) });
  const kept = mapping('kept', true);
  assert.equal(t.mapping('kept', kept), kept);
  t.mapping('gone', mapping('gone', false));
  assert.deepEqual(t.releaseAll(), []);
  assert.deepEqual(unmapped, ['kept']);
});

test('releases run last first, each failure is reported with its label, and a released tracker releases nothing again', () => {
  const t = new ResourceTracker();
  const order: string[] = [];
  t.adopt('first', () => order.push('first'));
  t.adopt('broken', () => { throw new Error('boom'); });
  t.adopt('last', () => order.push('last'));
  assert.deepEqual(t.releaseAll(), ['broken: boom']);
  assert.deepEqual(order, ['last', 'first']);
  assert.deepEqual(t.releaseAll(), []);
  assert.deepEqual(order, ['last', 'first']);
});

test('an id that names another queue now (another key) is reported and left alone', needsNamespace, () => {
  const t = new ResourceTracker();
  const first = createQueue(0o600);
  t.sysv('msg', first.id);
  assert.equal(removeQueue(first.id).rc, 0);
  const other = queueAtId(first.id);
  try {
    assert.equal(other.id, first.id);
    assert.deepEqual(t.releaseAll(), [`SysV msg ${first.id}: id ${first.id} now names another msg object (key 0x${(other.key >>> 0).toString(16)}, creator uid ${process.getuid!()}); `
      + 'it was removed without telling the tracker, and the new object is left alone']);
    assert.equal(statRaw(other.id).rc, 0);
  } finally {
    removeQueue(other.id);
  }
});

test('an id that names a queue of the same key but another creator is reported and left alone', { skip: (!ownNamespace || asUser(65534, 'pass').status !== 0) && 'needs an IPC namespace of its own, setpriv and /usr/bin/python3' }, () => {
  const t = new ResourceTracker();
  const first = createQueue(0o600);
  t.sysv('msg', first.id);
  assert.equal(removeQueue(first.id).rc, 0);
  const other = queueAtId(first.id, first.key, 65534);
  try {
    assert.equal(other.id, first.id);
    assert.deepEqual(t.releaseAll(), [`SysV msg ${first.id}: id ${first.id} now names another msg object (key 0x${(first.key >>> 0).toString(16)}, creator uid 65534); `
      + 'it was removed without telling the tracker, and the new object is left alone']);
    assert.equal(statRaw(other.id).rc, 0);
  } finally {
    removeQueue(other.id);
  }
});

test('a fixture\'s queue whose id names another queue now is left alone', needsNamespace, () => {
  const t = new ResourceTracker();
  const first = createQueue(0o600);
  t.fixtureSysv('msg', first.id);
  assert.equal(removeQueue(first.id).rc, 0);
  const other = queueAtId(first.id);
  try {
    assert.equal(other.id, first.id);
    assert.deepEqual(t.releaseAll(), []);
    assert.equal(statRaw(other.id).rc, 0);
  } finally {
    removeQueue(other.id);
  }
});

/** A fresh copy of tracker.ts (its own live trackers, its own "exiting" flag) and the signal handler it installed. */
function freshTrackerModule(): { Tracker: typeof ResourceTracker; handler: (signal: NodeJS.Signals) => void; dispose: () => void } {
  const path = require.resolve('../steps/support/tracker');
  const before = new Map((['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, process.listeners(s)]));
  delete require.cache[path];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResourceTracker: Tracker } = require(path) as typeof import('../steps/support/tracker');
  const added = new Map([...before].map(([s, old]) => [s, process.listeners(s).filter((l) => !old.includes(l))]));
  const [handler] = added.get('SIGTERM')!;
  assert.deepEqual([...added.values()].map((l) => l.length), [1, 1, 1]);
  assert.equal(added.get('SIGINT')![0], handler);
  return { Tracker, handler: handler as (signal: NodeJS.Signals) => void, dispose: () => added.forEach((ls, s) => ls.forEach((l) => process.removeListener(s, l))) };
}

/** Calls fn with process.exit recording its codes instead of exiting. */
function withExitRecorded(fn: (codes: number[]) => void): void {
  const exit = process.exit;
  const codes: number[] = [];
  process.exit = ((code?: number) => { codes.push(code as number); }) as typeof process.exit;
  try {
    fn(codes);
  } finally {
    process.exit = exit;
  }
}

test('SIGTERM releases every live tracker and exits 143; a second signal while exiting is ignored', () => {
  const { Tracker, handler, dispose } = freshTrackerModule();
  try {
    withExitRecorded((codes) => {
      const released: string[] = [];
      new Tracker().adopt('a', () => released.push('a'));
      new Tracker().adopt('b', () => released.push('b'));
      const done = new Tracker();
      done.adopt('c', () => released.push('c'));
      done.releaseAll();
      handler('SIGTERM');
      assert.deepEqual([released.sort(), codes], [['a', 'b', 'c'], [143]]);
      new Tracker().adopt('d', () => released.push('d'));
      handler('SIGINT');
      assert.deepEqual([released, codes], [['a', 'b', 'c'], [143]]);
    });
  } finally {
    dispose();
  }
});

test('SIGINT exits 130 and SIGHUP 129', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGHUP', 129]] as const) {
    const { handler, dispose } = freshTrackerModule();
    try {
      withExitRecorded((codes) => {
        handler(signal);
        assert.deepEqual(codes, [code]);
      });
    } finally {
      dispose();
    }
  }
});
