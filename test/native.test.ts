/** The native layer: errno capture, constants from the probe, struct layouts against the kernel's own answers. */
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { C } from '../native/constants';
import { errnoName, errnoNumber, isErrnoName } from '../native/errno';
import { close, fstat, read, write } from '../native/fd';
import { capacity, openPipe } from '../native/pipe';

test('errno is captured at the call, before later JavaScript can clobber it', () => {
  const r = close(-1);
  existsSync('/nonexistent/ipc-conformance'); // sets the thread's errno to ENOENT
  assert.equal(r.rc, -1);
  assert.equal(r.errnoName, 'EBADF');
});

test('a successful call reports errno 0 whatever errno held before', () => {
  close(-1);
  const p = openPipe();
  const w = write(p.writeEnd, Buffer.from('x'));
  assert.deepEqual([w.rc, w.errno, w.errnoName], [1, 0, 'OK']);
  assert.equal(read(p.readEnd, 1).data.toString(), 'x');
  close(p.readEnd);
  close(p.writeEnd);
});

test('errno names come from Node\'s table, aliases fold to the canonical name', () => {
  assert.equal(errnoName(errnoNumber('EWOULDBLOCK')), 'EAGAIN');
  assert.equal(errnoName(errnoNumber('EPIPE')), 'EPIPE');
  assert.equal(isErrnoName('EPIEP'), false);
  assert.throws(() => errnoNumber('EPIEP'), /unknown errno name/);
});

test('constants come from the probe, and an unknown name throws instead of giving undefined', () => {
  assert.equal(typeof C.F_GETPIPE_SZ, 'number');
  assert.equal(C.O_ACCMODE & C.O_WRONLY, C.O_WRONLY);
  assert.throws(() => C.F_NO_SUCH_THING, /not in the probe/);
});

test('struct stat decoded with the probe\'s offsets matches what Node\'s fs.stat reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-'));
  try {
    const file = join(dir, 'f');
    writeFileSync(file, Buffer.alloc(12345, 1));
    const fd = openSync(file, 'r');
    const mine = fstat(fd);
    closeSync(fd);
    const node = statSync(file);
    assert.deepEqual(
      [mine.ino, mine.size, mine.mode, mine.nlink, mine.blocks, mine.dev, mine.type],
      [node.ino, node.size, node.mode, node.nlink, node.blocks, node.dev, 'file'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('F_GETPIPE_SZ through koffi reports the capacity of a new pipe', () => {
  const p = openPipe();
  assert.ok(capacity(p.writeEnd) >= C.PIPE_BUF);
  close(p.readEnd);
  close(p.writeEnd);
});

test('libcAtLeast compares major and minor as numbers', async () => {
  const { libcAtLeast } = await import('../native/platform');
  assert.deepEqual([libcAtLeast(2, 34, '2.36'), libcAtLeast(2, 34, '2.34'), libcAtLeast(2, 34, '2.33'), libcAtLeast(2, 34, '2.4'), libcAtLeast(2, 34, '3.0'), libcAtLeast(2, 34, '1.99')],
    [true, true, false, false, true, false]);
});

test('host facts a step needs: present ones are read, absent ones are named skips', async () => {
  const { requiredSysctl, requiredSysctlText, requiredProcText, runHostTool, lsLong } = await import('../native/platform');
  const { NotAvailable } = await import('../native/not-available');
  const { pageSize } = await import('../native/platform');
  assert.equal(requiredSysctl('fs/pipe-max-size'), Number(require('node:fs').readFileSync('/proc/sys/fs/pipe-max-size', 'utf8')));
  assert.throws(() => requiredSysctl('kernel/no-such-limit'), (e: Error) => e instanceof NotAvailable && /\/proc\/sys\/kernel\/no-such-limit is absent/.test(e.message));
  assert.throws(() => requiredSysctlText('kernel/no-such-limit'), NotAvailable);
  assert.throws(() => requiredProcText('/proc/no-such-file'), /\/proc\/no-such-file is not readable here/);
  assert.throws(() => runHostTool('ipcc-no-such-tool', [], 'a-package'), /ipcc-no-such-tool is not installed \(Debian: a-package\)/);
  assert.throws(() => runHostTool('sh', ['-c', 'kill -TERM $$'], 'dash'), { message: 'sh -c kill -TERM $$ was killed by SIGTERM' }, 'a tool killed by a signal says so');
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-'));
  try {
    writeFileSync(join(dir, 'f'), 'x'.repeat(pageSize() + 1));
    const ls = lsLong(join(dir, 'f'));
    assert.deepEqual([ls.mode.slice(0, 1), ls.size], ['-', pageSize() + 1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('untilRefused counts the successes before the first failure and refuses to loop forever', async () => {
  const { untilRefused } = await import('../native/libc');
  const fail = { call: 'x()', rc: -1, errno: 11, errnoName: 'EAGAIN' };
  const ok = { call: 'x()', rc: 0, errno: 0, errnoName: 'OK' };
  assert.deepEqual(untilRefused((i) => (i < 3 ? ok : fail), 10), { accepted: 3, refusal: fail });
  assert.deepEqual(untilRefused(() => fail, 10), { accepted: 0, refusal: fail });
  assert.throws(() => untilRefused(() => ok, 5), /5 attempts in a row succeeded/);
});

test('signal names and numbers come from this platform\'s table', async () => {
  const { signalName, signalNumber } = await import('../native/signal-names');
  assert.equal(signalName(signalNumber('SIGSEGV')), 'SIGSEGV');
  assert.equal(signalNumber('SIGRTMIN'), C.SIGRTMIN);
  assert.throws(() => signalNumber('SIGNOPE'), /SIGNOPE is not a signal name/);
  assert.equal(signalName(250), 'signal 250');
});

test('libcExports finds what glibc exports and nothing it does not', async () => {
  const { libcExports } = await import('../native/libc');
  assert.deepEqual([libcExports('pipe'), libcExports('socketpair'), libcExports('s_pipe')], [true, true, false]);
});

test('fillUntilFull writes until EAGAIN; an event that never comes is a kit error naming it', async () => {
  const { awaitEvent, fillUntilFull } = await import('../native/errcalls');
  const { fcntl: fcntlCall } = await import('../native/fd');
  const p = openPipe();
  try {
    const flags = fcntlCall(p.writeEnd, 'F_GETFL').rc;
    fcntlCall(p.writeEnd, 'F_SETFL', flags | C.O_NONBLOCK);
    fillUntilFull(p.writeEnd, write);
    assert.equal(write(p.writeEnd, Buffer.from('x')).errnoName, 'EAGAIN');
    awaitEvent(p.readEnd, 'POLLIN', 0, 'data');
    assert.throws(() => awaitEvent(p.writeEnd, 'POLLOUT', 0, 'room'), { message: `room did not arrive within 0 ms (no POLLOUT on fd ${p.writeEnd})` });
    // a blocking pipe is never refused: a refusal other than EAGAIN is a kit error
    assert.throws(() => fillUntilFull(1 << 30, write), /filling fd 1073741824: write\(.*\) failed with EBADF, not EAGAIN/);
  } finally {
    close(p.readEnd);
    close(p.writeEnd);
  }
});
