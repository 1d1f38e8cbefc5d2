/**
 * Calls the errno cases need that the mechanism modules do not offer: the
 * *at() variants, mknod, shutdown, accept4 with any flags, sendmsg/recvmsg
 * with control messages, and variants that take a raw address, so a pointer
 * the kernel must refuse (EFAULT) can be passed as a number.
 */
import { C, field, sizeOf } from './constants';
import { lib, mknodFunc, sys, SysResult, untilRefused } from './libc';
import type { SockAddr } from './socket';

const fn = {
  pipeAt: lib.func('int pipe(intptr_t pipefd)'),
  pipe2: lib.func('int pipe2(_Out_ int *pipefd, int flags)'),
  mkfifoat: lib.func('int mkfifoat(int dirfd, const char *path, uint32_t mode)'),
  mknod: mknodFunc('mknod', 'const char *path'),
  mknodAt: mknodFunc('mknod', 'intptr_t path'),
  mknodat: mknodFunc('mknodat', 'const char *path'),
  openat: lib.func('int openat(int dirfd, const char *path, int flags, ...)'),
  openPtr: lib.func('int open(intptr_t path, int flags, ...)'),
  readPtr: lib.func('intptr_t read(int fd, intptr_t buf, size_t n)'),
  writePtr: lib.func('intptr_t write(int fd, intptr_t buf, size_t n)'),
  socketpairPtr: lib.func('int socketpair(int domain, int type, int protocol, intptr_t sv)'),
  bindPtr: lib.func('int bind(int fd, intptr_t addr, uint32_t len)'),
  connectPtr: lib.func('int connect(int fd, intptr_t addr, uint32_t len)'),
  accept4Ptr: lib.func('int accept4(int fd, intptr_t addr, intptr_t len, int flags)'),
  accept4: lib.func('int accept4(int fd, _Out_ uint8_t *addr, _Inout_ uint32_t *len, int flags)'),
  acceptNull: lib.func('int accept(int fd, intptr_t addr, intptr_t len)'),
  sendtoPtr: lib.func('intptr_t sendto(int fd, intptr_t buf, size_t n, int flags, intptr_t addr, uint32_t len)'),
  recvfromPtr: lib.func('intptr_t recvfrom(int fd, intptr_t buf, size_t n, int flags, intptr_t addr, intptr_t len)'),
  sendmsg: lib.func('intptr_t sendmsg(int fd, const uint8_t *msg, int flags)'),
  sendmsgPtr: lib.func('intptr_t sendmsg(int fd, intptr_t msg, int flags)'),
  recvmsg: lib.func('intptr_t recvmsg(int fd, _Inout_ uint8_t *msg, int flags)'),
  recvmsgPtr: lib.func('intptr_t recvmsg(int fd, intptr_t msg, int flags)'),
  shutdown: lib.func('int shutdown(int fd, int how)'),
  fcntl: lib.func('int fcntl(int fd, int cmd, ...)'),
  setsockopt: lib.func('int setsockopt(int fd, int level, int name, const uint8_t *val, uint32_t len)'),
  addressOf: lib.func('intptr_t memchr(const uint8_t *s, int c, size_t n)'),
};

/** An address no process has mapped: the kernel answers EFAULT for it (page 1 of the address space). */
export const BAD_ADDRESS = 4096 + 1;

export const pipeToBadAddress = (): SysResult => sys('pipe(bad address)', fn.pipeAt, BAD_ADDRESS);

export function pipe2(flags: number): SysResult & { fds: [number, number] } {
  const fds = new Int32Array(2).fill(-1);
  const r = sys(`pipe2(fd, 0x${flags.toString(16)})`, fn.pipe2, fds, flags);
  return { ...r, fds: [fds[0], fds[1]] };
}

export const mkfifoat = (dirfd: number, path: string, mode = 0o600): SysResult =>
  sys(`mkfifoat(${dirfd}, ${path})`, fn.mkfifoat, dirfd, path, mode);
export const mknod = (path: string, mode: number, dev = 0): SysResult =>
  sys(`mknod(${path}, 0${mode.toString(8)}, ${dev})`, fn.mknod, path, mode, dev);
export const mknodBadPath = (mode: number): SysResult => sys('mknod(bad address)', fn.mknodAt, BAD_ADDRESS, mode, 0);
export const mknodat = (dirfd: number, path: string, mode: number): SysResult =>
  sys(`mknodat(${dirfd}, ${path}, 0${mode.toString(8)})`, fn.mknodat, dirfd, path, mode, 0);
export const openat = (dirfd: number, path: string, flags: number): SysResult =>
  sys(`openat(${dirfd}, ${path}, 0x${flags.toString(16)})`, fn.openat, dirfd, path, flags, 'uint32_t', 0o600);
export const openBadPath = (flags: number): SysResult => sys('open(bad address)', fn.openPtr, BAD_ADDRESS, flags, 'uint32_t', 0);

export const readToBadAddress = (fd: number, n = 16): SysResult => sys(`read(fd ${fd}, bad address)`, fn.readPtr, fd, BAD_ADDRESS, n);
export const writeFromBadAddress = (fd: number, n = 16): SysResult => sys(`write(fd ${fd}, bad address)`, fn.writePtr, fd, BAD_ADDRESS, n);
export const socketpairToBadAddress = (type: number): SysResult =>
  sys('socketpair(AF_UNIX, bad address)', fn.socketpairPtr, C.AF_UNIX, type, 0, BAD_ADDRESS);
export const bindBadAddress = (fd: number): SysResult => sys(`bind(fd ${fd}, bad address)`, fn.bindPtr, fd, BAD_ADDRESS, sizeOf('struct sockaddr_un'));
export const connectBadAddress = (fd: number): SysResult => sys(`connect(fd ${fd}, bad address)`, fn.connectPtr, fd, BAD_ADDRESS, sizeOf('struct sockaddr_un'));

/** accept4 with any flags (the room for the peer's address and its length given). */
export function accept4(fd: number, flags: number, addrLen = sizeOf('struct sockaddr_un')): SysResult {
  const addr = Buffer.alloc(Math.max(addrLen, 1) + 8);
  return sys(`accept4(fd ${fd}, len ${addrLen}, 0x${flags.toString(16)})`, fn.accept4, fd, addr, new Int32Array([addrLen]) as any, flags);
}
export const acceptBadAddress = (fd: number, flags = 0): SysResult => {
  const len = new Uint32Array([sizeOf('struct sockaddr_un')]);
  const addrOfLen = Number(fn.addressOf(new Uint8Array(len.buffer), len[0] & 0xff, 4));
  return sys(`accept4(fd ${fd}, bad address)`, fn.accept4Ptr, fd, BAD_ADDRESS, addrOfLen, flags);
};
export const acceptNoAddress = (fd: number): SysResult => sys(`accept(fd ${fd}, NULL)`, fn.acceptNull, fd, 0, 0);

export const sendFromBadAddress = (fd: number, flags = C.MSG_DONTWAIT): SysResult =>
  sys(`send(fd ${fd}, bad address)`, fn.sendtoPtr, fd, BAD_ADDRESS, 16, flags, 0, 0);
export const recvToBadAddress = (fd: number): SysResult =>
  sys(`recv(fd ${fd}, bad address)`, fn.recvfromPtr, fd, BAD_ADDRESS, 16, C.MSG_DONTWAIT, 0, 0);
export const sendmsgBadAddress = (fd: number): SysResult => sys(`sendmsg(fd ${fd}, bad msghdr)`, fn.sendmsgPtr, fd, BAD_ADDRESS, C.MSG_DONTWAIT);
export const recvmsgBadAddress = (fd: number): SysResult => sys(`recvmsg(fd ${fd}, bad msghdr)`, fn.recvmsgPtr, fd, BAD_ADDRESS, C.MSG_DONTWAIT);

/** send/sendto with any flags (MSG_DONTWAIT added), to `to` when given. */
export function sendto(fd: number, data: Buffer, flags: number, to?: SockAddr): SysResult {
  return sys(`send${to ? 'to' : ''}(fd ${fd}, ${data.length} bytes, 0x${flags.toString(16)})`, fn.sendtoPtr, fd,
    data.length ? Number(fn.addressOf(data, data[0], 1)) : 0, data.length, flags | C.MSG_DONTWAIT,
    to ? Number(fn.addressOf(to.bytes, to.bytes[0], 1)) : 0, to ? to.len : 0);
}

/** fcntl with a command given by number (one this kernel may not know). */
export const fcntlCommand = (fd: number, cmd: number): SysResult => sys(`fcntl(fd ${fd}, ${cmd})`, fn.fcntl, fd, cmd);

export const shutdown = (fd: number, how: 'SHUT_RD' | 'SHUT_WR' | 'SHUT_RDWR'): SysResult => sys(`shutdown(fd ${fd}, ${how})`, fn.shutdown, fd, C[how]);

export function setIntOption(fd: number, name: string, value: number): SysResult {
  const v = Buffer.alloc(4);
  v.writeInt32LE(value);
  return sys(`setsockopt(fd ${fd}, ${name}, ${value})`, fn.setsockopt, fd, C.SOL_SOCKET, C[name], v, 4);
}

/** A control message: level SOL_SOCKET, type SCM_RIGHTS or SCM_CREDENTIALS, payload bytes. */
export interface Control { type: 'SCM_RIGHTS' | 'SCM_CREDENTIALS'; data: Buffer; level?: number; lenDelta?: number }

export const fdsPayload = (fds: number[]): Buffer => Buffer.from(new Int32Array(fds).buffer);
export function credsPayload(pid: number, uid: number, gid: number): Buffer {
  const b = Buffer.alloc(sizeOf('struct ucred'));
  b.writeInt32LE(pid, field('struct ucred', 'pid').offset);
  b.writeUInt32LE(uid >>> 0, field('struct ucred', 'uid').offset);
  b.writeUInt32LE(gid >>> 0, field('struct ucred', 'gid').offset);
  return b;
}

const put = (buf: Buffer, at: number, size: number, v: number) => (size === 8 ? buf.writeBigUInt64LE(BigInt(v), at) : buf.writeUInt32LE(v, at));
const addressOf = (b: Buffer): number => (b.length ? Number(fn.addressOf(b, b[0], 1)) : 0);

/**
 * sendmsg of `data` (MSG_DONTWAIT added) with optional control messages and
 * destination. The buffers stay referenced until the call returns.
 */
export function sendmsg(fd: number, data: Buffer, opts: { controls?: Control[]; to?: SockAddr; flags?: number; iovLen?: number } = {}): SysResult {
  const keep: Buffer[] = [];
  const msg = Buffer.alloc(sizeOf('struct msghdr'));
  const iov = Buffer.alloc(sizeOf('struct iovec'));
  const payload = data.length ? data : Buffer.alloc(1);
  keep.push(payload, iov);
  put(iov, C['offsetof(struct iovec,iov_base)'], 8, addressOf(payload));
  put(iov, C['offsetof(struct iovec,iov_len)'], 8, data.length);
  put(msg, C['offsetof(struct msghdr,msg_iov)'], 8, addressOf(iov));
  put(msg, C['offsetof(struct msghdr,msg_iovlen)'], C['sizeof(struct msghdr.msg_iovlen)'], opts.iovLen ?? 1);
  if (opts.to) {
    keep.push(opts.to.bytes);
    put(msg, C['offsetof(struct msghdr,msg_name)'], 8, addressOf(opts.to.bytes));
    put(msg, C['offsetof(struct msghdr,msg_namelen)'], 4, opts.to.len);
  }
  const controls = opts.controls ?? [];
  if (controls.length) {
    const space = (n: number) => C['CMSG_SPACE(0)'] + Math.ceil(n / C['CMSG_ALIGN(1)']) * C['CMSG_ALIGN(1)'];
    const total = controls.reduce((s, c) => s + space(c.data.length), 0);
    const ctl = Buffer.alloc(total);
    let at = 0;
    for (const c of controls) {
      put(ctl, at + C['offsetof(struct cmsghdr,cmsg_len)'], C['sizeof(struct cmsghdr.cmsg_len)'], C['CMSG_LEN(0)'] + c.data.length + (c.lenDelta ?? 0));
      ctl.writeInt32LE(c.level ?? C.SOL_SOCKET, at + C['offsetof(struct cmsghdr,cmsg_level)']);
      ctl.writeInt32LE(C[c.type], at + C['offsetof(struct cmsghdr,cmsg_type)']);
      c.data.copy(ctl, at + C['CMSG_LEN(0)']);
      at += space(c.data.length);
    }
    keep.push(ctl);
    put(msg, C['offsetof(struct msghdr,msg_control)'], 8, addressOf(ctl));
    put(msg, C['offsetof(struct msghdr,msg_controllen)'], C['sizeof(struct msghdr.msg_controllen)'], total);
  }
  const r = sys(`sendmsg(fd ${fd}, ${data.length} bytes${controls.map((c) => `, ${c.type}`).join('')})`, fn.sendmsg, fd, msg, (opts.flags ?? 0) | C.MSG_DONTWAIT);
  keep.length = 0;
  return r;
}

/** recvmsg of up to `max` bytes (MSG_DONTWAIT added), with `flags`. */
export function recvmsg(fd: number, max: number, flags = 0, iovLen = 1): SysResult {
  const msg = Buffer.alloc(sizeOf('struct msghdr'));
  const iov = Buffer.alloc(sizeOf('struct iovec'));
  const buf = Buffer.alloc(Math.max(max, 1));
  put(iov, C['offsetof(struct iovec,iov_base)'], 8, addressOf(buf));
  put(iov, C['offsetof(struct iovec,iov_len)'], 8, max);
  put(msg, C['offsetof(struct msghdr,msg_iov)'], 8, addressOf(iov));
  put(msg, C['offsetof(struct msghdr,msg_iovlen)'], C['sizeof(struct msghdr.msg_iovlen)'], iovLen);
  return sys(`recvmsg(fd ${fd}, ${max} bytes, 0x${flags.toString(16)})`, fn.recvmsg, fd, msg, flags | C.MSG_DONTWAIT);
}

const more = {
  socket: lib.func('int socket(int domain, int type, int protocol)'),
  socketpair: lib.func('int socketpair(int domain, int type, int protocol, _Out_ int *sv)'),
  bind: lib.func('int bind(int fd, const uint8_t *addr, uint32_t len)'),
  connect: lib.func('int connect(int fd, const uint8_t *addr, uint32_t len)'),
  recvBlocking: lib.func('intptr_t recv(int fd, _Out_ uint8_t *buf, size_t n, int flags)'),
  poll: lib.func('int poll(_Inout_ pollfd *fds, unsigned long nfds, int timeout)'),
  setsockopt: lib.func('int setsockopt(int fd, int level, int name, const uint8_t *val, uint32_t len)'),
};

/** socket() with numbers as given (a family or type this kernel may not know). */
export const socketRaw = (domain: number, type: number, protocol: number): SysResult =>
  sys(`socket(${domain}, 0x${type.toString(16)}, ${protocol})`, more.socket, domain, type, protocol);
export function socketpairRaw(domain: number, type: number, protocol: number): SysResult & { fds: [number, number] } {
  const sv = new Int32Array(2).fill(-1);
  const r = sys(`socketpair(${domain}, 0x${type.toString(16)}, ${protocol})`, more.socketpair, domain, type, protocol, sv);
  return { ...r, fds: [sv[0], sv[1]] };
}
/** An AF_INET address a.b.c.d:port. */
export function inetAddr(ip: string, port: number): SockAddr {
  const bytes = Buffer.alloc(sizeOf('struct sockaddr_in'));
  bytes.writeUInt16LE(C.AF_INET, field('struct sockaddr_in', 'sin_family').offset);
  bytes.writeUInt16BE(port, field('struct sockaddr_in', 'sin_port').offset);
  Buffer.from(ip.split('.').map(Number)).copy(bytes, field('struct sockaddr_in', 'sin_addr').offset);
  return { bytes, len: bytes.length };
}
/** An AF_UNIX address `extra` bytes longer than struct sockaddr_un. */
export function oversizedUnixAddr(extra = 1): SockAddr {
  const bytes = Buffer.alloc(sizeOf('struct sockaddr_un') + extra + 8, 0x61);
  bytes.writeUInt16LE(C.AF_UNIX, field('struct sockaddr_un', 'sun_family').offset);
  return { bytes, len: sizeOf('struct sockaddr_un') + extra };
}
export const bindAddr = (fd: number, a: SockAddr): SysResult => sys(`bind(fd ${fd}, ${a.len}-byte address)`, more.bind, fd, a.bytes, a.len);
export const connectAddr = (fd: number, a: SockAddr): SysResult => sys(`connect(fd ${fd}, ${a.len}-byte address)`, more.connect, fd, a.bytes, a.len);

/** A receive that may block (bounded by SO_RCVTIMEO on the socket). */
export const recvBlocking = (fd: number, max = 16): SysResult =>
  sys(`recv(fd ${fd}, ${max} bytes)`, more.recvBlocking, fd, Buffer.alloc(max), max, 0);

/** Waits up to `ms` for any of the events on fd (a kernel wait, not a sleep); returns the revents seen. */
export function awaitEvents(fd: number, events: string[], ms: number): number {
  const pfd = { fd, events: events.reduce((m, e) => m | C[e], 0), revents: 0 };
  sys(`poll(fd ${fd}, ${events.join('|')}, ${ms} ms)`, more.poll, pfd, 1, ms);
  return pfd.revents;
}

/** Waits up to ms for `event` on fd; an event that never came is a kit error that names what was awaited. */
export function awaitEvent(fd: number, event: string, ms: number, what: string): void {
  if (!(awaitEvents(fd, [event], ms) & C[event])) throw new Error(`${what} did not arrive within ${ms} ms (no ${event} on fd ${fd})`);
}

/**
 * Writes 64 KiB at a time to a non-blocking descriptor (write, or send) until the kernel refuses
 * with EAGAIN: its buffer is full. Any other refusal, or none in 10 000 writes, is a kit error.
 */
export function fillUntilFull(fd: number, put: (fd: number, data: Buffer) => SysResult): void {
  const chunk = Buffer.alloc(65536);
  const { refusal } = untilRefused(() => put(fd, chunk), 10_000);
  if (refusal.errnoName !== 'EAGAIN') throw new Error(`filling fd ${fd}: ${refusal.call} failed with ${refusal.errnoName}, not EAGAIN`);
}

/** setsockopt with a struct timeval (SO_RCVTIMEO, SO_SNDTIMEO) of `us` microseconds. */
export function setTimeout(fd: number, name: 'SO_RCVTIMEO' | 'SO_SNDTIMEO', us: number): SysResult {
  const tv = Buffer.alloc(16);
  tv.writeBigInt64LE(BigInt(Math.floor(us / 1e6)), 0);
  tv.writeBigInt64LE(BigInt(us % 1e6), 8);
  return sys(`setsockopt(fd ${fd}, ${name}, ${us} us)`, more.setsockopt, fd, C.SOL_SOCKET, C[name], tv, 16);
}
/** SO_LINGER on with a zero timeout: close resets the connection. */
export function lingerZero(fd: number): SysResult {
  const l = Buffer.alloc(8);
  l.writeInt32LE(1, 0);
  return sys(`setsockopt(fd ${fd}, SO_LINGER, {1, 0})`, more.setsockopt, fd, C.SOL_SOCKET, C.SO_LINGER, l, 8);
}
