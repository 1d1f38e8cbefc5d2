/**
 * native/fifo.ts: the calls named, the file-system type by statfs magic (tmpfs is not on disk,
 * an unknown magic shows in hex), and mkfifoExactMode restoring the umask.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { C } from '../native/constants';
import * as F from '../native/fifo';
import { SysResult } from '../native/libc';
import { tempDir } from './temp-dir';

const row = (r: SysResult) => [r.call, r.rc, r.errnoName];
const missing = `/nonexistent-ipcc-${process.pid}/f`;

test('mkfifo and open name their calls, the mode in octal and the flags joined by |', () => {
  assert.deepEqual([row(F.mkfifo(missing, 0o640)), row(F.open(missing, 'O_RDONLY', 'O_NONBLOCK')), row(F.mkfifoExactMode(missing, 0o600))], [
    [`mkfifo(${missing}, 0640)`, -1, 'ENOENT'],
    [`open(${missing}, O_RDONLY|O_NONBLOCK)`, -1, 'ENOENT'],
    [`mkfifo(${missing}, 0600)`, -1, 'ENOENT'],
  ]);
});

test('chmod and fileSystemType throw with their call named when it fails', () => {
  assert.throws(() => F.chmod(missing, 0o600), { message: `chmod(${missing}, 0600) failed with ENOENT, which the set-up did not expect` });
  assert.throws(() => F.fileSystemType(missing), { message: `statfs(${missing}) failed with ENOENT, which the set-up did not expect` });
});

test('fileSystemType names tmpfs, not on disk, by its magic number', (t) => {
  const tmpfsMounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')).filter((m) => m[2] === 'tmpfs').map((m) => m[1]);
  const reachable = (path: string) => { try { return statSync(path).isDirectory(); } catch { return false; } };
  const tmpfs = ['/dev/shm', ...tmpfsMounts].filter((path) => tmpfsMounts.includes(path)).find(reachable);
  if (!tmpfs) return t.skip('no tmpfs is mounted here');
  assert.deepEqual(F.fileSystemType(tmpfs), { name: 'tmpfs', magic: C.TMPFS_MAGIC, onDisk: false });
});

test('fileSystemType shows a magic number it has no name for in hex, and counts it as on disk', () => {
  assert.deepEqual(F.fileSystemType('/proc'), { name: '0x9fa0', magic: 0x9fa0, onDisk: true });
});

test('mkfifoExactMode gives the FIFO exactly the mode asked for and puts the umask back', (t) => {
  const dir = tempDir(`fifo-mode-${process.pid}`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'f');
  const before = F.umask(0o022);
  t.after(() => F.umask(before));
  assert.deepEqual(row(F.mkfifoExactMode(path, 0o666)), [`mkfifo(${path}, 0666)`, 0, 'OK']);
  const umaskAfter = F.umask(0o022);
  const st = statSync(path);
  assert.deepEqual([st.isFIFO(), st.mode & 0o7777, umaskAfter], [true, 0o666, 0o022]);
});
