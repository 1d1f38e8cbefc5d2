/**
 * native/errcalls.ts: the call each wrapper names in its SysResult (failure messages, skip reasons
 * and the seccomp probe's choice are built from it), the layouts sendmsg builds, and the waits and
 * fills the errno scenarios rely on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { C } from '../native/constants';
import * as E from '../native/errcalls';
import { close, fcntl, fstat, read, write } from '../native/fd';
import { callLog, lib, SysResult } from '../native/libc';
import { openPipe } from '../native/pipe';
import { abstractAddr, bind, pathAddr, recv, socket, socketpair } from '../native/socket';

const row = (r: SysResult) => [r.call, r.rc, r.errnoName];
const lastLogged = () => callLog[callLog.length - 1];

const recvmsgFn = lib.func('intptr_t recvmsg(int fd, _Inout_ uint8_t *msg, int flags)');
const memchr = lib.func('intptr_t memchr(const uint8_t *s, int c, size_t n)');
const addressOf = (b: Buffer) => Number(memchr(b, b[0], 1));

/** recvmsg with room for control messages, decoded: what the kernel delivered, independent of errcalls.ts. */
function receiveWithControls(fd: number): { rc: number; data: Buffer; controls: Array<{ level: number; type: number; data: Buffer }> } {
  const msg = Buffer.alloc(C['sizeof(struct msghdr)']);
  const iov = Buffer.alloc(C['sizeof(struct iovec)']);
  const buf = Buffer.alloc(64);
  const ctl = Buffer.alloc(256);
  iov.writeBigUInt64LE(BigInt(addressOf(buf)), C['offsetof(struct iovec,iov_base)']);
  iov.writeBigUInt64LE(BigInt(buf.length), C['offsetof(struct iovec,iov_len)']);
  msg.writeBigUInt64LE(BigInt(addressOf(iov)), C['offsetof(struct msghdr,msg_iov)']);
  msg.writeBigUInt64LE(1n, C['offsetof(struct msghdr,msg_iovlen)']);
  msg.writeBigUInt64LE(BigInt(addressOf(ctl)), C['offsetof(struct msghdr,msg_control)']);
  msg.writeBigUInt64LE(BigInt(ctl.length), C['offsetof(struct msghdr,msg_controllen)']);
  const rc = Number(recvmsgFn(fd, msg, C.MSG_DONTWAIT));
  const controllen = Number(msg.readBigUInt64LE(C['offsetof(struct msghdr,msg_controllen)']));
  const controls: Array<{ level: number; type: number; data: Buffer }> = [];
  for (let at = 0; at + C['CMSG_LEN(0)'] <= controllen;) {
    const len = Number(ctl.readBigUInt64LE(at + C['offsetof(struct cmsghdr,cmsg_len)']));
    controls.push({
      level: ctl.readInt32LE(at + C['offsetof(struct cmsghdr,cmsg_level)']),
      type: ctl.readInt32LE(at + C['offsetof(struct cmsghdr,cmsg_type)']),
      data: Buffer.from(ctl.subarray(at + C['CMSG_LEN(0)'], at + len)),
    });
    at += Math.ceil(len / C['CMSG_ALIGN(1)']) * C['CMSG_ALIGN(1)'];
  }
  return { rc, data: buf.subarray(0, Math.max(rc, 0)), controls };
}

test('every errcalls wrapper names its call exactly, with the errno the kernel gave', (t) => {
  const s = socket('SOCK_STREAM').rc;
  t.after(() => close(s));
  const pid = process.pid;
  assert.deepEqual([
    row(E.pipeToBadAddress()),
    row(E.pipe2(1)),
    row(E.mkfifoat(-1, `ipcc-unit-${pid}`)),
    row(E.mknod(`/nonexistent-ipcc-${pid}/x`, 0o10600, 0)),
    row(E.mknodBadPath(0o10600)),
    row(E.mknodat(-1, `ipcc-unit-${pid}`, 0o10600)),
    row(E.openat(-1, `ipcc-unit-${pid}`, C.O_RDONLY | C.O_NONBLOCK)),
    row(E.openBadPath(0)),
    row(E.readToBadAddress(-1)),
    row(E.writeFromBadAddress(-1)),
    row(E.socketpairToBadAddress(C.SOCK_STREAM)),
    row(E.bindBadAddress(s)),
    row(E.connectBadAddress(s)),
    row(E.accept4(-1, C.SOCK_CLOEXEC)),
    row(E.acceptBadAddress(-1)),
    row(E.acceptNoAddress(-1)),
    row(E.sendFromBadAddress(-1)),
    row(E.recvToBadAddress(-1)),
    row(E.sendmsgBadAddress(-1)),
    row(E.recvmsgBadAddress(-1)),
    row(E.fcntlCommand(-1, 9999)),
    row(E.shutdown(-1, 'SHUT_WR')),
    row(E.setIntOption(-1, 'SO_SNDBUF', 4096)),
    row(E.recvmsg(-1, 16, C.MSG_PEEK)),
    row(E.socketRaw(9999, 1, 0)),
    row(E.bindAddr(-1, E.inetAddr('127.0.0.1', 9))),
    row(E.connectAddr(-1, E.inetAddr('127.0.0.1', 9))),
    row(E.recvBlocking(-1)),
    row(E.setTimeout(-1, 'SO_RCVTIMEO', 1500000)),
    row(E.lingerZero(-1)),
  ], [
    ['pipe(bad address)', -1, 'EFAULT'],
    ['pipe2(fd, 0x1)', -1, 'EINVAL'],
    [`mkfifoat(-1, ipcc-unit-${pid})`, -1, 'EBADF'],
    [`mknod(/nonexistent-ipcc-${pid}/x, 010600, 0)`, -1, 'ENOENT'],
    ['mknod(bad address)', -1, 'EFAULT'],
    [`mknodat(-1, ipcc-unit-${pid}, 010600)`, -1, 'EBADF'],
    [`openat(-1, ipcc-unit-${pid}, 0x${(C.O_RDONLY | C.O_NONBLOCK).toString(16)})`, -1, 'EBADF'],
    ['open(bad address)', -1, 'EFAULT'],
    ['read(fd -1, bad address)', -1, 'EBADF'],
    ['write(fd -1, bad address)', -1, 'EBADF'],
    ['socketpair(AF_UNIX, bad address)', -1, 'EFAULT'],
    [`bind(fd ${s}, bad address)`, -1, 'EFAULT'],
    [`connect(fd ${s}, bad address)`, -1, 'EFAULT'],
    [`accept4(fd -1, len 110, 0x${C.SOCK_CLOEXEC.toString(16)})`, -1, 'EBADF'],
    ['accept4(fd -1, bad address)', -1, 'EBADF'],
    ['accept(fd -1, NULL)', -1, 'EBADF'],
    ['send(fd -1, bad address)', -1, 'EBADF'],
    ['recv(fd -1, bad address)', -1, 'EBADF'],
    ['sendmsg(fd -1, bad msghdr)', -1, 'EBADF'],
    ['recvmsg(fd -1, bad msghdr)', -1, 'EBADF'],
    ['fcntl(fd -1, 9999)', -1, 'EBADF'],
    ['shutdown(fd -1, SHUT_WR)', -1, 'EBADF'],
    ['setsockopt(fd -1, SO_SNDBUF, 4096)', -1, 'EBADF'],
    ['recvmsg(fd -1, 16 bytes, 0x2)', -1, 'EBADF'],
    ['socket(9999, 0x1, 0)', -1, 'EAFNOSUPPORT'],
    ['bind(fd -1, 16-byte address)', -1, 'EBADF'],
    ['connect(fd -1, 16-byte address)', -1, 'EBADF'],
    ['recv(fd -1, 16 bytes)', -1, 'EBADF'],
    ['setsockopt(fd -1, SO_RCVTIMEO, 1500000 us)', -1, 'EBADF'],
    ['setsockopt(fd -1, SO_LINGER, {1, 0})', -1, 'EBADF'],
  ]);
});

test('send and sendto are told apart in the call, with the byte count and the flags given', () => {
  assert.deepEqual([
    row(E.sendto(-1, Buffer.from('abc'), 0)),
    row(E.sendto(-1, Buffer.from('abcd'), C.MSG_OOB, pathAddr('/x'))),
    row(E.sendmsg(-1, Buffer.from('abc'))),
  ], [
    ['send(fd -1, 3 bytes, 0x0)', -1, 'EBADF'],
    ['sendto(fd -1, 4 bytes, 0x1)', -1, 'EBADF'],
    ['sendmsg(fd -1, 3 bytes)', -1, 'EBADF'],
  ]);
});

test('a pipe2 or socketpairRaw the kernel refuses before reserving descriptors leaves both at -1', () => {
  // socketpair writes the two numbers before it creates the sockets: only a refusal of the flags comes earlier
  const p = E.pipe2(1);
  const sp = E.socketpairRaw(C.AF_UNIX, C.SOCK_STREAM | 0x10, 0);
  assert.deepEqual([p.fds, row(sp), sp.fds], [[-1, -1], [`socketpair(${C.AF_UNIX}, 0x${(C.SOCK_STREAM | 0x10).toString(16)}, 0)`, -1, 'EINVAL'], [-1, -1]]);
});

test('socketpairRaw reports the two descriptors it made', (t) => {
  const sp = E.socketpairRaw(C.AF_UNIX, C.SOCK_DGRAM | C.SOCK_NONBLOCK, 0);
  t.after(() => sp.fds.forEach((fd) => fd >= 0 && close(fd)));
  assert.equal(sp.rc, 0);
  assert.equal(write(sp.fds[0], Buffer.from('p')).rc, 1);
  assert.equal(read(sp.fds[1], 4).data.toString(), 'p');
});

test('an oversized AF_UNIX address is extra bytes longer than sockaddr_un, in a buffer with room to spare', () => {
  const a = E.oversizedUnixAddr(3);
  assert.deepEqual([a.len, a.bytes.length, a.bytes.readUInt16LE(0), a.bytes[a.bytes.length - 1]], [C['sizeof(struct sockaddr_un)'] + 3, C['sizeof(struct sockaddr_un)'] + 3 + 8, C.AF_UNIX, 0x61]);
  assert.equal(E.oversizedUnixAddr().len, C['sizeof(struct sockaddr_un)'] + 1);
});

test('sendmsg with a destination reaches an unconnected datagram socket', (t) => {
  const name = `ipcc-unit-${process.pid}-sendmsg-to`;
  const rx = socket('SOCK_DGRAM').rc;
  const tx = socket('SOCK_DGRAM').rc;
  t.after(() => { close(rx); close(tx); });
  assert.equal(bind(rx, abstractAddr(name)).rc, 0);
  assert.deepEqual(row(E.sendmsg(tx, Buffer.from('hello'), { to: abstractAddr(name) })), [`sendmsg(fd ${tx}, 5 bytes)`, 5, 'OK']);
  assert.equal(recv(rx, 16).data.toString(), 'hello');
});

test('an SCM_RIGHTS message delivers a descriptor of the same open pipe', (t) => {
  const sp = socketpair('SOCK_DGRAM');
  const p = openPipe();
  const got: number[] = [];
  t.after(() => [...sp.fds, p.readEnd, p.writeEnd, ...got].forEach((fd) => close(fd)));
  const sent = E.sendmsg(sp.fds[0], Buffer.from('x'), { controls: [{ type: 'SCM_RIGHTS', data: E.fdsPayload([p.readEnd]) }] });
  assert.deepEqual(row(sent), [`sendmsg(fd ${sp.fds[0]}, 1 bytes, SCM_RIGHTS)`, 1, 'OK']);
  const r = receiveWithControls(sp.fds[1]);
  assert.deepEqual([r.rc, r.data.toString(), r.controls.map((c) => [c.level, c.type, c.data.length])], [1, 'x', [[C.SOL_SOCKET, C.SCM_RIGHTS, 4]]]);
  got.push(r.controls[0].data.readInt32LE(0));
  assert.equal(fstat(got[0]).ino, fstat(p.readEnd).ino);
});

test('SCM_RIGHTS and SCM_CREDENTIALS in one sendmsg both arrive, each with its payload', (t) => {
  const sp = socketpair('SOCK_DGRAM');
  const p = openPipe();
  const got: number[] = [];
  t.after(() => [...sp.fds, p.readEnd, p.writeEnd, ...got].forEach((fd) => close(fd)));
  assert.equal(E.setIntOption(sp.fds[1], 'SO_PASSCRED', 1).rc, 0);
  // root may claim other ids (CAP_SETUID, CAP_SETGID; 65534 and 65533 are mapped in the usual user namespaces):
  // then the ids received can only be the ones sent
  const [uid, gid] = process.geteuid!() === 0 ? [65534, 65533] : [process.getuid!(), process.getgid!()];
  const sent = E.sendmsg(sp.fds[0], Buffer.from('xy'), {
    controls: [{ type: 'SCM_RIGHTS', data: E.fdsPayload([p.writeEnd]) }, { type: 'SCM_CREDENTIALS', data: E.credsPayload(process.pid, uid, gid) }],
  });
  assert.deepEqual(row(sent), [`sendmsg(fd ${sp.fds[0]}, 2 bytes, SCM_RIGHTS, SCM_CREDENTIALS)`, 2, 'OK']);
  const r = receiveWithControls(sp.fds[1]);
  const rights = r.controls.find((c) => c.type === C.SCM_RIGHTS);
  const creds = r.controls.find((c) => c.type === C.SCM_CREDENTIALS);
  assert.ok(rights && creds, `both control messages arrive (got types ${r.controls.map((c) => c.type)})`);
  got.push(rights.data.readInt32LE(0));
  assert.deepEqual([r.data.toString(), fstat(got[0]).ino, creds.data.readInt32LE(0), creds.data.readUInt32LE(4), creds.data.readUInt32LE(8)],
    ['xy', fstat(p.writeEnd).ino, process.pid, uid, gid]);
});

test('sendmsg writes msg_iovlen in all 64 bits: a count of 2^32 + 1 is refused as too many, not read as 1', (t) => {
  const sp = socketpair('SOCK_DGRAM');
  t.after(() => sp.fds.forEach((fd) => close(fd)));
  assert.deepEqual(row(E.sendmsg(sp.fds[0], Buffer.from('x'), { iovLen: 2 ** 32 + 1 })), [`sendmsg(fd ${sp.fds[0]}, 1 bytes)`, -1, 'EMSGSIZE']);
});

test('recvmsg receives the waiting bytes and names its call with the size and flags', (t) => {
  const sp = socketpair('SOCK_STREAM');
  t.after(() => sp.fds.forEach((fd) => close(fd)));
  write(sp.fds[0], Buffer.from('abcdef'));
  assert.deepEqual(row(E.recvmsg(sp.fds[1], 4, C.MSG_PEEK)), [`recvmsg(fd ${sp.fds[1]}, 4 bytes, 0x2)`, 4, 'OK']);
  assert.deepEqual(row(E.recvmsg(sp.fds[1], 16)), [`recvmsg(fd ${sp.fds[1]}, 16 bytes, 0x0)`, 6, 'OK']);
});

test('awaitEvents returns the revents and logs its poll with the events joined by |', (t) => {
  const p = openPipe();
  t.after(() => { close(p.readEnd); close(p.writeEnd); });
  assert.equal(E.awaitEvents(p.writeEnd, ['POLLIN', 'POLLOUT'], 0), C.POLLOUT);
  assert.equal(lastLogged(), `poll(fd ${p.writeEnd}, POLLIN|POLLOUT, 0 ms) = 1`);
});

test('awaitEvent returns when the event is there and throws, naming what was awaited, when it never came', (t) => {
  const p = openPipe();
  t.after(() => { close(p.readEnd); close(p.writeEnd); });
  assert.throws(() => E.awaitEvent(p.readEnd, 'POLLIN', 0, 'the data'), { message: `the data did not arrive within 0 ms (no POLLIN on fd ${p.readEnd})` });
  write(p.writeEnd, Buffer.from('x'));
  assert.equal(E.awaitEvent(p.readEnd, 'POLLIN', 0, 'the data'), undefined);
});

test('fillUntilFull stops at EAGAIN; any other refusal is a kit error naming the call', (t) => {
  const p = openPipe();
  t.after(() => { close(p.readEnd); close(p.writeEnd); });
  fcntl(p.writeEnd, 'F_SETFL', C.O_NONBLOCK);
  E.fillUntilFull(p.writeEnd, write);
  assert.equal(write(p.writeEnd, Buffer.from('x')).errnoName, 'EAGAIN');
  assert.throws(() => E.fillUntilFull(p.readEnd, write), { message: `filling fd ${p.readEnd}: write(fd ${p.readEnd}, 65536 bytes) failed with EBADF, not EAGAIN` });
});
