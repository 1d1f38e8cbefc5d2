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
