/**
 * Sockets from this process: socket, socketpair, bind, listen, accept, connect,
 * send and receive, names and peer credentials. Every call that could block is
 * made non-blocking (SOCK_NONBLOCK / MSG_DONTWAIT): a blocked call would stop
 * the whole cucumber worker. Blocking behaviour belongs to fixtures.
 */
import { C, field, readField, sizeOf } from './constants';
import { lib, must, sys, SysResult } from './libc';
import { requiredProcText } from './platform';

const fn = {
  socket: lib.func('int socket(int domain, int type, int protocol)'),
  socketpair: lib.func('int socketpair(int domain, int type, int protocol, _Out_ int *sv)'),
  bind: lib.func('int bind(int fd, const uint8_t *addr, uint32_t len)'),
  listen: lib.func('int listen(int fd, int backlog)'),
  accept4: lib.func('int accept4(int fd, _Out_ uint8_t *addr, _Inout_ uint32_t *len, int flags)'),
  connect: lib.func('int connect(int fd, const uint8_t *addr, uint32_t len)'),
  getsockname: lib.func('int getsockname(int fd, _Out_ uint8_t *addr, _Inout_ uint32_t *len)'),
  getpeername: lib.func('int getpeername(int fd, _Out_ uint8_t *addr, _Inout_ uint32_t *len)'),
  sendto: lib.func('ssize_t sendto(int fd, const uint8_t *buf, size_t n, int flags, const uint8_t *addr, uint32_t len)'),
  recvfrom: lib.func('ssize_t recvfrom(int fd, _Out_ uint8_t *buf, size_t n, int flags, _Out_ uint8_t *addr, _Inout_ uint32_t *len)'),
  getsockopt: lib.func('int getsockopt(int fd, int level, int name, _Out_ uint8_t *val, _Inout_ uint32_t *len)'),
  unlink: lib.func('int unlink(const char *path)'),
};

export type SockType = 'SOCK_STREAM' | 'SOCK_DGRAM' | 'SOCK_SEQPACKET';

/** A socket address as bytes, with the length that goes with it. */
export interface SockAddr { bytes: Buffer; len: number }

const pathOffset = () => field('struct sockaddr_un', 'sun_path').offset;

function unixAddr(pathBytes: Buffer, len?: number): SockAddr {
  const bytes = Buffer.alloc(sizeOf('struct sockaddr_un'));
  const fam = field('struct sockaddr_un', 'sun_family');
  if (fam.size !== 2) throw new Error(`sun_family has size ${fam.size}: write it another way`);
  bytes.writeUInt16LE(C.AF_UNIX, fam.offset); // sa_family_t is host-endian; the kit runs on little-endian hosts (x86_64, arm64)
  if (pathBytes.length > field('struct sockaddr_un', 'sun_path').size) throw new Error('socket name longer than sun_path');
  pathBytes.copy(bytes, pathOffset());
  return { bytes, len: len ?? pathOffset() + pathBytes.length };
}

/** A file-system name: the length counts the path and its terminating NUL, as the kernel records it. */
export const pathAddr = (path: string): SockAddr => unixAddr(Buffer.from(`${path}\0`));
/** The same name given with the whole struct's size as its length, as many programs do. */
export const pathAddrFull = (path: string): SockAddr => unixAddr(Buffer.from(`${path}\0`), sizeOf('struct sockaddr_un'));
/** An abstract name (Linux): a leading NUL byte, then the name; every byte of the length counts. */
export const abstractAddr = (name: string): SockAddr => unixAddr(Buffer.concat([Buffer.from([0]), Buffer.from(name)]));
/** No name at all: only the family (bind with it asks for an autobound abstract name). */
export const familyOnly = (): SockAddr => unixAddr(Buffer.alloc(0));

/** Decodes an AF_UNIX name of `len` bytes: unnamed, a path, or an abstract name shown with a leading "@". */
export function decodeName(bytes: Buffer, len: number): { kind: 'unnamed' | 'path' | 'abstract'; name: string; len: number } {
  const off = pathOffset();
  if (len <= off) return { kind: 'unnamed', name: '', len };
  const raw = bytes.subarray(off, len);
  if (raw[0] === 0) return { kind: 'abstract', name: `@${raw.subarray(1).toString('latin1')}`, len };
  const nul = raw.indexOf(0);
  return { kind: 'path', name: raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8'), len };
}

export function socket(type: SockType | number, domain = 'AF_UNIX', protocol = 0, flags = C.SOCK_NONBLOCK): SysResult {
  const t = typeof type === 'number' ? type : C[type];
  return sys(`socket(${domain}, ${type}, ${protocol})`, fn.socket, C[domain], t | flags, protocol);
}

export function socketpair(type: SockType | 'SOCK_RAW', domain = 'AF_UNIX', protocol = 0, flags = C.SOCK_NONBLOCK): SysResult & { fds: [number, number] } {
  const sv = new Int32Array(2).fill(-1);
  const r = sys(`socketpair(${domain}, ${type}, ${protocol})`, fn.socketpair, C[domain], C[type] | flags, protocol, sv);
  return { ...r, fds: [sv[0], sv[1]] };
}

export const bind = (fd: number, a: SockAddr): SysResult => sys(`bind(fd ${fd}, ${a.len}-byte address)`, fn.bind, fd, a.bytes, a.len);
export const listen = (fd: number, backlog: number): SysResult => sys(`listen(fd ${fd}, ${backlog})`, fn.listen, fd, backlog);
export const connect = (fd: number, a: SockAddr): SysResult => sys(`connect(fd ${fd}, ${a.len}-byte address)`, fn.connect, fd, a.bytes, a.len);

export interface NamedResult extends SysResult { addr: Buffer; len: number }

function named(call: string, f: (buf: Buffer, len: Uint32Array) => SysResult, room = sizeOf('struct sockaddr_un')): NamedResult {
  const addr = Buffer.alloc(Math.max(room, 1));
  const len = new Uint32Array([room]);
  const r = f(addr, len);
  return { ...r, call, addr, len: len[0] };
}

/** accept4 with SOCK_NONBLOCK; `room` is the address buffer's size passed in address_len. */
export const accept = (fd: number, room = sizeOf('struct sockaddr_un')): NamedResult =>
  named(`accept(fd ${fd})`, (b, l) => sys(`accept(fd ${fd})`, fn.accept4, fd, b, l, C.SOCK_NONBLOCK), room);
export const getsockname = (fd: number, room = sizeOf('struct sockaddr_un')): NamedResult =>
  named(`getsockname(fd ${fd})`, (b, l) => sys(`getsockname(fd ${fd})`, fn.getsockname, fd, b, l), room);
export const getpeername = (fd: number): NamedResult =>
  named(`getpeername(fd ${fd})`, (b, l) => sys(`getpeername(fd ${fd})`, fn.getpeername, fd, b, l));

/** send without waiting (MSG_DONTWAIT), to `to` when given. */
export function send(fd: number, data: Buffer, to?: SockAddr): SysResult {
  return sys(`send${to ? 'to' : ''}(fd ${fd}, ${data.length} bytes)`, fn.sendto, fd, data, data.length, C.MSG_DONTWAIT,
    to ? to.bytes : null, to ? to.len : 0);
}

/** recv without waiting; also reports the sender's address. */
export function recv(fd: number, max: number, flags = 0): NamedResult & { data: Buffer } {
  const buf = Buffer.alloc(Math.max(max, 1));
  const r = named(`recvfrom(fd ${fd}, ${max} bytes)`, (b, l) =>
    sys(`recvfrom(fd ${fd}, ${max} bytes)`, fn.recvfrom, fd, buf, max, flags | C.MSG_DONTWAIT, b, l));
  return { ...r, data: buf.subarray(0, Math.max(r.rc, 0)) };
}

export function socketOption(fd: number, name: string): number {
  const val = Buffer.alloc(4);
  const len = new Uint32Array([4]);
  must(sys(`getsockopt(fd ${fd}, ${name})`, fn.getsockopt, fd, C.SOL_SOCKET, C[name], val, len));
  return val.readInt32LE(0);
}

/** SO_PEERCRED: the credentials the kernel recorded for the peer when the connection was made. */
export function peerCredentials(fd: number): { pid: number; uid: number; gid: number } {
  const val = Buffer.alloc(sizeOf('struct ucred'));
  const len = new Uint32Array([val.length]);
  must(sys(`getsockopt(fd ${fd}, SO_PEERCRED)`, fn.getsockopt, fd, C.SOL_SOCKET, C.SO_PEERCRED, val, len));
  return { pid: readField(val, 'struct ucred', 'pid'), uid: readField(val, 'struct ucred', 'uid'), gid: readField(val, 'struct ucred', 'gid') };
}

/** An AF_INET address on 127.0.0.1 with the given port (network byte order, as the kernel wants it). */
export function loopbackAddr(port = 0): SockAddr {
  const bytes = Buffer.alloc(sizeOf('struct sockaddr_in'));
  bytes.writeUInt16LE(C.AF_INET, field('struct sockaddr_in', 'sin_family').offset);
  bytes.writeUInt16BE(port, field('struct sockaddr_in', 'sin_port').offset);
  bytes.writeUInt32BE(C.INADDR_LOOPBACK, field('struct sockaddr_in', 'sin_addr').offset);
  return { bytes, len: bytes.length };
}

export const inetPort = (addr: Buffer): number => addr.readUInt16BE(field('struct sockaddr_in', 'sin_port').offset);

export const unlink = (path: string): SysResult => sys(`unlink(${path})`, fn.unlink, path);

/** One socket of /proc/net/unix: its kernel address ("Num"), and its name as shown ("@…" abstract, a path, or ""). */
export interface ProcNetUnixSocket { num: string; refCount: number; inode: number; name: string }

/**
 * /proc/net/unix: its header's columns and its sockets. A line that is not
 * "<hex>: <8 hex digits refcount> … <inode> [name]" is a kit error with the line.
 */
export function procNetUnix(): { columns: string[]; sockets: ProcNetUnixSocket[] } {
  const [header, ...lines] = requiredProcText('/proc/net/unix').split('\n');
  const sockets = lines.map((line) => {
    const m = /^([0-9a-f]+): ([0-9A-F]{8}) [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{4} [0-9A-F]{2} +(\d+)(?: (.*))?$/.exec(line);
    if (!m) throw new Error(`/proc/net/unix has a line that does not parse: ${line}`);
    return { num: m[1], refCount: parseInt(m[2], 16), inode: Number(m[3]), name: m[4] ?? '' };
  });
  return { columns: header.trim().split(/\s+/), sockets };
}

