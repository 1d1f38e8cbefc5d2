/** File-descriptor calls: read, write, fcntl, ioctl, stat, poll, on any kind of fd. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { C, readField, sizeOf } from './constants';
import { raw, sys, must, SysResult } from './libc';

export function read(fd: number, max: number): SysResult & { data: Buffer } {
  const buf = Buffer.alloc(max);
  const r = sys(`read(fd ${fd}, ${max} bytes)`, raw.read, fd, buf, max);
  return { ...r, data: buf.subarray(0, Math.max(r.rc, 0)) };
}

export function write(fd: number, data: Buffer): SysResult {
  return sys(`write(fd ${fd}, ${data.length} bytes)`, raw.write, fd, data, data.length);
}

export function close(fd: number): SysResult {
  return sys(`close(fd ${fd})`, raw.close, fd);
}

export function fcntl(fd: number, cmd: string, arg?: number): SysResult {
  const call = `fcntl(fd ${fd}, ${cmd}${arg === undefined ? '' : `, ${arg}`})`;
  return arg === undefined ? sys(call, raw.fcntl, fd, C[cmd]) : sys(call, raw.fcntl, fd, C[cmd], 'int', arg);
}

export function setNonBlocking(fd: number): void {
  const flags = must(fcntl(fd, 'F_GETFL'));
  must(fcntl(fd, 'F_SETFL', flags | C.O_NONBLOCK));
}

/** The access mode of an open fd: 'O_RDONLY', 'O_WRONLY' or 'O_RDWR'. */
export function accessMode(fd: number): string {
  const mode = must(fcntl(fd, 'F_GETFL')) & C.O_ACCMODE;
  return ['O_RDONLY', 'O_WRONLY', 'O_RDWR'].find((name) => C[name] === mode) ?? `mode ${mode}`;
}

/** ioctl(FIONREAD): how many bytes wait to be read. */
export function bytesReadable(fd: number): number {
  const n = new Int32Array(1);
  must(sys(`ioctl(fd ${fd}, FIONREAD)`, raw.ioctl, fd, C.FIONREAD, 'int *', n));
  return n[0];
}

export function lseek(fd: number, offset: number, whence: 'SEEK_SET' | 'SEEK_CUR'): SysResult {
  return sys(`lseek(fd ${fd}, ${offset}, ${whence})`, raw.lseek, fd, offset, C[whence]);
}

export interface Stat {
  dev: number;
  devMajor: number;
  ino: number;
  mode: number;
  nlink: number;
  size: number;
  blocks: number;
  type: 'fifo' | 'socket' | 'file' | 'directory' | 'symlink' | 'char-device' | 'other';
  perm: number;
}

function fileType(mode: number): Stat['type'] {
  const fmt = mode & C.S_IFMT;
  const types: Array<[string, Stat['type']]> = [
    ['S_IFIFO', 'fifo'], ['S_IFSOCK', 'socket'], ['S_IFREG', 'file'], ['S_IFDIR', 'directory'],
    ['S_IFLNK', 'symlink'], ['S_IFCHR', 'char-device'],
  ];
  return types.find(([c]) => C[c] === fmt)?.[1] ?? 'other';
}

function decodeStat(buf: Buffer): Stat {
  const get = (name: string) => readField(buf, 'struct stat', name);
  const mode = get('st_mode');
  const dev = get('st_dev');
  return {
    dev, devMajor: Number(raw.gnuDevMajor(BigInt(dev))), ino: get('st_ino'), mode, nlink: get('st_nlink'),
    size: get('st_size'), blocks: get('st_blocks'), type: fileType(mode), perm: mode & 0o7777,
  };
}

function statCall(call: string, fn: (buf: Buffer) => SysResult): Stat {
  const buf = Buffer.alloc(sizeOf('struct stat'));
  const r = fn(buf);
  if (r.rc === -1) throw new Error(`${call} failed with ${r.errnoName}`);
  return decodeStat(buf);
}

export const fstat = (fd: number) => statCall(`fstat(${fd})`, (b) => sys(`fstat(${fd})`, raw.fstat, fd, b));
export const lstat = (path: string) => statCall(`lstat(${path})`, (b) => sys(`lstat(${path})`, raw.lstat, path, b));
export const stat = (path: string) => statCall(`stat(${path})`, (b) => sys(`stat(${path})`, raw.stat, path, b));

/** The type lstat gives a path, or "absent" where nothing is there. */
export function typeAt(path: string): Stat['type'] | 'absent' {
  const buf = Buffer.alloc(sizeOf('struct stat'));
  const r = sys(`lstat(${path})`, raw.lstat, path, buf);
  return r.rc === -1 ? 'absent' : decodeStat(buf).type;
}

/** The socket files directly under a directory (none where it is absent or unreadable). */
export function socketFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((n) => join(dir, n)).filter((p) => typeAt(p) === 'socket');
}

export function readlink(path: string): string {
  const buf = Buffer.alloc(4096);
  const n = must(sys(`readlink(${path})`, raw.readlink, path, buf, buf.length));
  return buf.toString('utf8', 0, n);
}

/** poll() one fd without waiting; returns the names of the revents bits that are set. */
export function pollNow(fd: number, events: string[]): string[] {
  const pfd = { fd, events: events.reduce((m, e) => m | C[e], 0), revents: 0 };
  must(sys(`poll(fd ${fd})`, raw.poll, pfd, 1, 0));
  return ['POLLIN', 'POLLOUT', 'POLLHUP', 'POLLERR', 'POLLNVAL'].filter((e) => pfd.revents & C[e]);
}
