/**
 * native/fd.ts: the call each wrapper names, the stat family's failures, typeAt and
 * socketFilesIn on real files, and the access mode Linux reserves for ioctl-only opens.
 */
import assert from 'node:assert/strict';
import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { C } from '../native/constants';
import * as F from '../native/fd';
import { callLog, SysResult } from '../native/libc';
import { openPipe } from '../native/pipe';
import { bind, pathAddr, socket } from '../native/socket';
import { tempDir } from './temp-dir';

const row = (r: SysResult) => [r.call, r.rc, r.errnoName];
const lastLogged = () => callLog[callLog.length - 1];

test('close and fcntl name their calls, fcntl with its argument only when one is given', () => {
  assert.deepEqual([
    row(F.close(-1)),
    row(F.fcntl(-1, 'F_GETFL')),
    row(F.fcntl(-1, 'F_SETFL', 2048)),
    row(F.fcntl(-1, 'F_SETFL', 0)),
  ], [
    ['close(fd -1)', -1, 'EBADF'],
    ['fcntl(fd -1, F_GETFL)', -1, 'EBADF'],
    ['fcntl(fd -1, F_SETFL, 2048)', -1, 'EBADF'],
    ['fcntl(fd -1, F_SETFL, 0)', -1, 'EBADF'],
  ]);
});

test('bytesReadable and readlink throw with their call named when it fails', () => {
  const missing = `/nonexistent-ipcc-${process.pid}`;
  assert.throws(() => F.bytesReadable(-1), { message: 'ioctl(fd -1, FIONREAD) failed with EBADF, which the set-up did not expect' });
  assert.throws(() => F.readlink(missing), { message: `readlink(${missing}) failed with ENOENT, which the set-up did not expect` });
});

test('fstat, lstat and stat throw with their call named when it fails, and log it', () => {
  const missing = `/nonexistent-ipcc-${process.pid}`;
  const failures = [() => F.fstat(-1), () => F.lstat(missing), () => F.stat(missing)].map((f) => {
    try {
      return ['returned', f(), lastLogged()];
    } catch (e) {
      return [(e as Error).message, lastLogged()];
    }
  });
  assert.deepEqual(failures, [
    ['fstat(-1) failed with EBADF', 'fstat(-1) = -1 EBADF'],
    [`lstat(${missing}) failed with ENOENT`, `lstat(${missing}) = -1 ENOENT`],
    [`stat(${missing}) failed with ENOENT`, `stat(${missing}) = -1 ENOENT`],
  ]);
});

test('typeAt says absent where nothing is, and the type lstat reads otherwise', (t) => {
  const dir = tempDir(`typeat-${process.pid}`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const missing = join(dir, 'missing');
  assert.deepEqual([F.typeAt(missing), lastLogged(), F.typeAt(dir), F.typeAt('/dev/null')], ['absent', `lstat(${missing}) = -1 ENOENT`, 'directory', 'char-device']);
});

test('socketFilesIn lists the socket files of a directory and nothing else; none where it is absent', (t) => {
  const dir = tempDir(`sockfiles-${process.pid}`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'file'), 'x');
  const s = socket('SOCK_STREAM').rc;
  t.after(() => F.close(s));
  assert.equal(bind(s, pathAddr(join(dir, 'sock'))).rc, 0);
  assert.deepEqual([F.socketFilesIn(dir), F.socketFilesIn(join(dir, 'missing'))], [[join(dir, 'sock')], []]);
});

test('accessMode names the three access modes, and shows the ioctl-only mode 3 as a number', (t) => {
  const dir = tempDir(`accmode-${process.pid}`);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'f');
  writeFileSync(file, 'x');
  const fds = [openSync(file, 'r'), openSync(file, 'w'), openSync(file, 'r+'), openSync(file, C.O_ACCMODE)];
  t.after(() => fds.forEach((fd) => closeSync(fd)));
  assert.deepEqual(fds.map((fd) => F.accessMode(fd)), ['O_RDONLY', 'O_WRONLY', 'O_RDWR', `mode ${C.O_ACCMODE}`]);
});

test('pollNow names the revents set, and logs its poll', (t) => {
  const p = openPipe();
  t.after(() => { F.close(p.readEnd); F.close(p.writeEnd); });
  assert.deepEqual(F.pollNow(p.writeEnd, ['POLLOUT']), ['POLLOUT']);
  assert.equal(lastLogged(), `poll(fd ${p.writeEnd}) = 1`);
});
