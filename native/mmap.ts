/**
 * Memory mappings from this process: mmap, munmap, mprotect, and the file
 * calls the mmap claims need (open with a mode, ftruncate, pread, pwrite).
 *
 * A mapping is read and written through koffi.view, one short-lived view per
 * access, so no ArrayBuffer over the mapping outlives munmap (touching one
 * after munmap would crash the worker). A Mapping refuses use after unmap().
 */
import koffi from 'koffi';
import { readFileSync } from 'node:fs';
import { C, readField, sizeOf } from './constants';
import { errnoName } from './errno';
import { callLog, lib, statFunc, sys, SysResult } from './libc';

const raw = {
  mmap: lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)'),
  munmap: lib.func('int munmap(void *addr, size_t length)'),
  mprotect: lib.func('int mprotect(void *addr, size_t length, int prot)'),
  open: lib.func('int open(const char *path, int flags, ...)'),
  ftruncate: lib.func('int ftruncate(int fd, off_t length)'),
  pread: lib.func('ssize_t pread(int fd, _Out_ uint8_t *buf, size_t count, off_t offset)'),
  pwrite: lib.func('ssize_t pwrite(int fd, const uint8_t *buf, size_t count, off_t offset)'),
  stat: statFunc('stat', 'const char *path'),
  major: lib.func('unsigned int gnu_dev_major(dev_t dev)'),
  minor: lib.func('unsigned int gnu_dev_minor(dev_t dev)'),
};

/** (void *)-1 as koffi returns it: an unsigned 64-bit BigInt. */
export const MAP_FAILED = BigInt.asUintN(64, BigInt(C.MAP_FAILED));

/** 'PROT_READ|PROT_WRITE' or 'MAP_SHARED|MAP_ANONYMOUS' to its value; '0' is 0. */
export function flagValue(names: string): number {
  return names.split('|').map((n) => n.trim()).reduce((v, n) => v | (n === '0' ? 0 : C[n]), 0);
}

export class Mapping {
  private live = true;

  constructor(readonly addr: bigint, readonly length: number, readonly call: string) {}

  get mapped(): boolean {
    return this.live;
  }

  private bytes(offset: number, n: number): Uint8Array {
    if (!this.live) throw new Error(`${this.call}: the mapping was unmapped; touching it would crash`);
    return new Uint8Array(koffi.view(this.addr + BigInt(offset), n));
  }

  /** A copy of n bytes at offset (the view is dropped at once). */
  read(offset: number, n: number): Buffer {
    return Buffer.from(this.bytes(offset, n));
  }

  write(offset: number, data: Buffer): void {
    this.bytes(offset, data.length).set(data);
  }

  unmap(): SysResult {
    const r = sys(`munmap(${this.call})`, raw.munmap, this.addr, this.length);
    if (r.rc === 0) this.live = false;
    return r;
  }

  protect(prot: string): SysResult {
    return sys(`mprotect(${this.call}, ${prot})`, raw.mprotect, this.addr, this.length, flagValue(prot));
  }
}

export type MapResult = SysResult & { addr: bigint; mapping?: Mapping };

export interface MapRequest { addr?: bigint; length: number; prot: string; flags: string; fd?: number; offset?: number }

/** mmap(); rc is 0 on success and -1 when it returned MAP_FAILED, with errno captured at once. */
export function mmap(req: MapRequest): MapResult {
  const fd = req.fd ?? -1;
  const offset = req.offset ?? 0;
  const call = `mmap(${req.addr === undefined ? 'NULL' : `0x${req.addr.toString(16)}`}, ${req.length}, ${req.prot}, ${req.flags}, fd ${fd}, ${offset})`;
  koffi.errno(0);
  const addr = BigInt(raw.mmap(req.addr ?? null, req.length, flagValue(req.prot), flagValue(req.flags), fd, offset) as bigint);
  const failed = addr === MAP_FAILED;
  const errno = failed ? koffi.errno() : 0;
  const result: MapResult = { call, rc: failed ? -1 : 0, errno, errnoName: errnoName(errno), addr };
  callLog.push(`${call} = ${failed ? `MAP_FAILED ${result.errnoName}` : `0x${addr.toString(16)}`}`);
  if (!failed) result.mapping = new Mapping(addr, req.length, call);
  return result;
}

// ---- files ------------------------------------------------------------------------

export function open(path: string, flags: string, mode = 0o600): SysResult {
  return sys(`open(${path}, ${flags})`, raw.open, path, flagValue(flags), 'uint32_t', mode);
}

export function ftruncate(fd: number, length: number): SysResult {
  return sys(`ftruncate(fd ${fd}, ${length})`, raw.ftruncate, fd, length);
}

export function pread(fd: number, n: number, offset: number): SysResult & { data: Buffer } {
  const buf = Buffer.alloc(n);
  const r = sys(`pread(fd ${fd}, ${n}, ${offset})`, raw.pread, fd, buf, n, offset);
  return { ...r, data: buf.subarray(0, Math.max(r.rc, 0)) };
}

export function pwrite(fd: number, data: Buffer, offset: number): SysResult {
  return sys(`pwrite(fd ${fd}, ${data.length}, ${offset})`, raw.pwrite, fd, data, data.length, offset);
}

/** st_rdev of a device file, as "major:minor". */
export function deviceNumbers(path: string): string {
  const buf = Buffer.alloc(sizeOf('struct stat'));
  const r = sys(`stat(${path})`, raw.stat, path, buf);
  if (r.rc === -1) throw new Error(`${r.call} failed with ${r.errnoName}`);
  const rdev = BigInt(readField(buf, 'struct stat', 'st_rdev'));
  return `${raw.major(rdev)}:${raw.minor(rdev)}`;
}

// ---- /proc/self/maps ----------------------------------------------------------------

export interface MapsEntry { start: bigint; end: bigint; perms: string; inode: number; path: string }

/** Every area of /proc/self/maps: start, end, permissions, inode and name (the path, or "" for none). */
export function mapsAreas(): MapsEntry[] {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').flatMap((line) => {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    return m ? [{ start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`), perms: m[3], inode: Number(m[4]), path: m[5] }] : [];
  });
}

/**
 * The /proc/self/maps area that holds addr. The kernel merges a new anonymous
 * mapping with a neighbour of the same kind into one area, so it may start below addr.
 */
export function mapsEntry(addr: bigint): MapsEntry | undefined {
  return mapsAreas().find((e) => e.start <= addr && addr < e.end);
}

/** The length of the /proc/self/maps area that contains addr; undefined where none does. */
export function mapsAreaLength(addr: bigint): number | undefined {
  const e = mapsEntry(addr);
  return e === undefined ? undefined : Number(e.end - e.start);
}
