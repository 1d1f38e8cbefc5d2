/**
 * native/pipe.ts: pipe()'s result when the kernel refuses, and pushThrough's check of the bytes
 * that come out: the first wrong offset, and a failed write reported as such.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { C } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { close, setNonBlocking, write } from '../native/fd';
import { lib } from '../native/libc';
import { openPipe, pipe, PipeEnds, pushThrough } from '../native/pipe';

const prlimit = lib.func('int prlimit(int pid, int resource, const uint64_t *newLimit, _Out_ uint64_t *oldLimit)');

/** Runs f with RLIMIT_NOFILE's soft limit at 0 (no descriptor can be made), restoring it at once. */
function withoutDescriptors<T>(f: () => T): T {
  const old = new BigUint64Array(2);
  assert.equal(prlimit(0, C.RLIMIT_NOFILE, null, old), 0);
  assert.equal(prlimit(0, C.RLIMIT_NOFILE, new BigUint64Array([0n, old[1]]), null), 0);
  try {
    return f();
  } finally {
    prlimit(0, C.RLIMIT_NOFILE, old, null);
  }
}

function pipeFor(t: { after: (f: () => void) => void }): PipeEnds {
  const p = openPipe();
  t.after(() => { close(p.readEnd); close(p.writeEnd); });
  setNonBlocking(p.readEnd); // a read of an empty pipe fails instead of hanging the test
  return p;
}

test('pipe() names its call and reports the two ends it made', (t) => {
  const r = pipe();
  t.after(() => r.fds.forEach((fd) => close(fd)));
  assert.deepEqual([r.call, r.rc, r.errnoName, r.fds.every((fd) => fd > 2)], ['pipe(fd)', 0, 'OK', true]);
});

test('a pipe() refused with EMFILE leaves both descriptors at -1', () => {
  const r = withoutDescriptors(() => pipe());
  assert.deepEqual(r, { call: 'pipe(fd)', rc: -1, errno: errnoNumber('EMFILE'), errnoName: 'EMFILE', fds: [-1, -1] });
});

test('pushThrough moves every byte through intact', (t) => {
  const p = pipeFor(t);
  assert.deepEqual(pushThrough(p, 100_000, 4096, 3000), { received: 100_000, firstMismatch: -1 });
});

test('pushThrough reports the offset of the first byte that came out wrong, not a later one', (t) => {
  const p = pipeFor(t);
  write(p.writeEnd, Buffer.from([3, 10, 99])); // the pattern's bytes 0 and 1 (3, 10), then 99 where 17 belongs
  assert.equal(pushThrough(p, 20_000, 4096, 1000).firstMismatch, 2);
});

test('pushThrough reports a wrong first byte as offset 0', (t) => {
  const p = pipeFor(t);
  write(p.writeEnd, Buffer.from([99])); // the pattern starts with 3; every byte after is shifted by one
  assert.equal(pushThrough(p, 20_000, 4096, 1000).firstMismatch, 0);
});

test('pushThrough throws on a write the kernel refuses with anything but EAGAIN', (t) => {
  const p = pipeFor(t);
  // the read end given as the end to write: write(2) refuses it with EBADF
  assert.throws(() => pushThrough({ readEnd: -1, writeEnd: p.readEnd }, 10, 10, 10),
    { message: `write(fd ${p.readEnd}, 10 bytes) failed with EBADF, which the set-up did not expect` });
});
