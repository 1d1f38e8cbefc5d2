/**
 * native/socket.ts: the call each wrapper names (in its result, and in the call log the failing
 * scenario attaches), AF_UNIX names in and out, peer credentials, /proc/net/unix.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { C } from '../native/constants';
import { close, fstat } from '../native/fd';
import { callLog, SysResult } from '../native/libc';
import * as S from '../native/socket';

const row = (r: SysResult) => [r.call, r.rc, r.errnoName];
const lastLogged = () => callLog[callLog.length - 1];
const sunPath = C['offsetof(struct sockaddr_un,sun_path)'];

test('socket, socketpair, bind, listen, connect, send and unlink name their calls exactly', () => {
  const pid = process.pid;
  assert.deepEqual([
    row(S.socket('SOCK_STREAM', 'AF_UNIX', 99)),
    row(S.bind(-1, S.pathAddr('/x'))),
    row(S.listen(-1, 5)),
    row(S.connect(-1, S.abstractAddr('ab'))),
    row(S.send(-1, Buffer.from('abc'))),
    row(S.send(-1, Buffer.from('abcd'), S.pathAddr('/x'))),
    row(S.unlink(`/nonexistent-ipcc-${pid}/s`)),
  ], [
    ['socket(AF_UNIX, SOCK_STREAM, 99)', -1, 'EPROTONOSUPPORT'],
    ['bind(fd -1, 5-byte address)', -1, 'EBADF'],
    ['listen(fd -1, 5)', -1, 'EBADF'],
    ['connect(fd -1, 5-byte address)', -1, 'EBADF'],
    ['send(fd -1, 3 bytes)', -1, 'EBADF'],
    ['sendto(fd -1, 4 bytes)', -1, 'EBADF'],
    [`unlink(/nonexistent-ipcc-${pid}/s)`, -1, 'ENOENT'],
  ]);
});

test('a socketpair refused before the kernel reserves descriptors leaves both at -1', () => {
  const r = S.socketpair('SOCK_STREAM', 'AF_UNIX', 0, 0x10);
  assert.deepEqual([row(r), r.fds], [['socketpair(AF_UNIX, SOCK_STREAM, 0)', -1, 'EINVAL'], [-1, -1]]);
});

test('accept, getsockname, getpeername and recv name their calls in the result and in the call log', () => {
  const made = [() => S.accept(-1), () => S.getsockname(-1), () => S.getpeername(-1), () => S.recv(-1, 8)].map((f) => [...row(f()), lastLogged()]);
  assert.deepEqual(made, [
    ['accept(fd -1)', -1, 'EBADF', 'accept(fd -1) = -1 EBADF'],
    ['getsockname(fd -1)', -1, 'EBADF', 'getsockname(fd -1) = -1 EBADF'],
    ['getpeername(fd -1)', -1, 'EBADF', 'getpeername(fd -1) = -1 EBADF'],
    ['recvfrom(fd -1, 8 bytes)', -1, 'EBADF', 'recvfrom(fd -1, 8 bytes) = -1 EBADF'],
  ]);
});

test('socketOption and peerCredentials throw with the getsockopt call named when it fails', () => {
  assert.throws(() => S.socketOption(-1, 'SO_TYPE'), { message: 'getsockopt(fd -1, SO_TYPE) failed with EBADF, which the set-up did not expect' });
  assert.throws(() => S.peerCredentials(-1), { message: 'getsockopt(fd -1, SO_PEERCRED) failed with EBADF, which the set-up did not expect' });
});

test('peerCredentials of a socketpair are this process\'s pid, uid and gid; socketOption reads SO_TYPE', (t) => {
  const sp = S.socketpair('SOCK_SEQPACKET');
  t.after(() => sp.fds.forEach((fd) => close(fd)));
  assert.deepEqual(S.peerCredentials(sp.fds[0]), { pid: process.pid, uid: process.getuid!(), gid: process.getgid!() });
  assert.equal(S.socketOption(sp.fds[1], 'SO_TYPE'), C.SOCK_SEQPACKET);
});

test('a path name may fill sun_path to its last byte with the NUL, and one byte more is refused', () => {
  const max = C['sizeof(struct sockaddr_un.sun_path)'];
  const a = S.pathAddr('x'.repeat(max - 1));
  assert.deepEqual([a.len, a.bytes.length, a.bytes[a.bytes.length - 1]], [sunPath + max, C['sizeof(struct sockaddr_un)'], 0]);
  assert.throws(() => S.pathAddr('x'.repeat(max)), { message: 'socket name longer than sun_path' });
});

test('decodeName tells an unnamed socket, a path with or without its NUL, and an abstract name apart', () => {
  const p = S.pathAddr('/tmp/s');
  const ab = S.abstractAddr('name');
  assert.deepEqual([
    S.decodeName(p.bytes, sunPath),
    S.decodeName(p.bytes, p.len),
    S.decodeName(p.bytes, p.len - 1),
    S.decodeName(S.pathAddrFull('/tmp/s').bytes, C['sizeof(struct sockaddr_un)']),
    S.decodeName(ab.bytes, ab.len),
  ], [
    { kind: 'unnamed', name: '', len: sunPath },
    { kind: 'path', name: '/tmp/s', len: p.len },
    { kind: 'path', name: '/tmp/s', len: p.len - 1 },
    { kind: 'path', name: '/tmp/s', len: C['sizeof(struct sockaddr_un)'] },
    { kind: 'abstract', name: '@name', len: sunPath + 5 },
  ]);
});

test('/proc/net/unix: the header\'s columns, and a named and an unnamed socket of this process', (t) => {
  const name = `ipcc-unit-${process.pid}-procnet`;
  const s = S.socket('SOCK_DGRAM').rc;
  const sp = S.socketpair('SOCK_STREAM');
  t.after(() => [s, ...sp.fds].forEach((fd) => close(fd)));
  assert.equal(S.bind(s, S.abstractAddr(name)).rc, 0);
  const { columns, sockets } = S.procNetUnix();
  assert.deepEqual(columns, ['Num', 'RefCount', 'Protocol', 'Flags', 'Type', 'St', 'Inode', 'Path']);
  const named = sockets.find((x) => x.inode === fstat(s).ino);
  const unnamed = sockets.find((x) => x.inode === fstat(sp.fds[0]).ino);
  assert.deepEqual([named?.name, unnamed?.name, typeof named?.refCount, /^[0-9a-f]+$/.test(named?.num ?? '')], [`@${name}`, '', 'number', true]);
});
