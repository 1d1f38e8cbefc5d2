/**
 * native/mmap.ts: flag parsing, the Mapping's life (no use after munmap, still live after a
 * failed one), the calls named and logged, the file calls, device numbers and /proc/self/maps.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { C } from '../native/constants';
import { callLog, SysResult } from '../native/libc';
import * as M from '../native/mmap';
import { pageSize } from '../native/platform';

const row = (r: SysResult) => [r.call, r.rc, r.errnoName];
const lastLogged = () => callLog[callLog.length - 1];

/** An anonymous private mapping of `pages` pages, unmapped after the test. */
function anonymous(t: { after: (f: () => void) => void }, pages: number, prot = 'PROT_READ|PROT_WRITE'): M.Mapping {
  const r = M.mmap({ length: pages * pageSize(), prot, flags: 'MAP_PRIVATE|MAP_ANONYMOUS' });
  assert.equal(r.rc, 0, `${r.call} failed with ${r.errnoName}`);
  const m = r.mapping!;
  t.after(() => { if (m.mapped) m.unmap(); });
  return m;
}

test('flagValue ors the named flags, spaces around the | allowed, and reads 0 as 0', () => {
  assert.deepEqual([M.flagValue('PROT_READ | PROT_WRITE'), M.flagValue(' MAP_SHARED|MAP_ANONYMOUS '), M.flagValue('0')],
    [C.PROT_READ | C.PROT_WRITE, C.MAP_SHARED | C.MAP_ANONYMOUS, 0]);
});

test('a failed mmap names its call, logs MAP_FAILED with the errno, and gives no Mapping', () => {
  const r = M.mmap({ length: 0, prot: 'PROT_READ', flags: 'MAP_PRIVATE|MAP_ANONYMOUS' });
  assert.deepEqual([...row(r), r.mapping, lastLogged()], [
    'mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, fd -1, 0)', -1, 'EINVAL', undefined,
    'mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, fd -1, 0) = MAP_FAILED EINVAL',
  ]);
});

test('an mmap at a given address shows it in hex in its call', () => {
  // MAP_FIXED at an address that is not page-aligned: refused before anything is mapped
  const r = M.mmap({ addr: 0x1001n, length: 4096, prot: 'PROT_READ', flags: 'MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED', fd: -1, offset: 0 });
  assert.deepEqual([...row(r), r.mapping], ['mmap(0x1001, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, fd -1, 0)', -1, 'EINVAL', undefined]);
});

test('a successful mmap logs the address it returned, and munmap and mprotect name the mapping', (t) => {
  const r = M.mmap({ length: pageSize(), prot: 'PROT_READ', flags: 'MAP_PRIVATE|MAP_ANONYMOUS' });
  const m = r.mapping!;
  t.after(() => { if (m.mapped) m.unmap(); });
  assert.deepEqual([r.rc, lastLogged()], [0, `${r.call} = 0x${r.addr.toString(16)}`]);
  assert.deepEqual(row(m.protect('PROT_READ|PROT_WRITE')), [`mprotect(${r.call}, PROT_READ|PROT_WRITE)`, 0, 'OK']);
  assert.deepEqual(row(m.unmap()), [`munmap(${r.call})`, 0, 'OK']);
});

test('after munmap the Mapping refuses to be touched and says why', (t) => {
  const m = anonymous(t, 1);
  m.write(0, Buffer.from('ab'));
  assert.deepEqual([m.read(0, 2).toString(), m.mapped], ['ab', true]);
  m.unmap();
  assert.equal(m.mapped, false);
  assert.throws(() => m.read(0, 1), { message: `${m.call}: the mapping was unmapped; touching it would crash` });
  assert.throws(() => m.write(0, Buffer.from('x')), { message: `${m.call}: the mapping was unmapped; touching it would crash` });
});

test('a munmap the kernel refuses leaves the Mapping live', () => {
  const m = new M.Mapping(0x1001n, 4096, 'not page-aligned');
  assert.deepEqual([...row(m.unmap()), m.mapped], ['munmap(not page-aligned)', -1, 'EINVAL', true]);
});

test('open, ftruncate, pread and pwrite name their calls', () => {
  const missing = `/nonexistent-ipcc-${process.pid}/f`;
  assert.deepEqual([
    row(M.open(missing, 'O_RDWR|O_CREAT')),
    row(M.ftruncate(-1, 8192)),
    row(M.pread(-1, 4, 16)),
    row(M.pwrite(-1, Buffer.from('abc'), 32)),
  ], [
    [`open(${missing}, O_RDWR|O_CREAT)`, -1, 'ENOENT'],
    ['ftruncate(fd -1, 8192)', -1, 'EBADF'],
    ['pread(fd -1, 4, 16)', -1, 'EBADF'],
    ['pwrite(fd -1, 3, 32)', -1, 'EBADF'],
  ]);
});

test('deviceNumbers reads st_rdev as major:minor, and throws with the stat call when the path is absent', () => {
  const missing = `/nonexistent-ipcc-${process.pid}`;
  assert.equal(M.deviceNumbers('/dev/null'), '1:3');
  assert.throws(() => M.deviceNumbers(missing), { message: `stat(${missing}) failed with ENOENT` });
});

test('mapsEntry finds the area holding an address, and its end belongs to the next area', (t) => {
  const m = anonymous(t, 2, 'PROT_READ');
  m.protect('PROT_NONE'); // then split: the first page PROT_READ again, so its area ends where the second begins
  const first = new M.Mapping(m.addr, pageSize(), 'first page');
  first.protect('PROT_READ');
  const e = M.mapsEntry(m.addr);
  assert.ok(e, 'the mapping is in /proc/self/maps');
  assert.deepEqual([e.start <= m.addr, m.addr < e.end, e.perms, e.path], [true, true, 'r--p', '']);
  const next = M.mapsEntry(e.end);
  assert.deepEqual([next?.start, next?.perms], [e.end, '---p']);
  assert.equal(M.mapsAreaLength(m.addr + BigInt(pageSize())), Number(next!.end - next!.start));
});
