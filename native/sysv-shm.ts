/**
 * SysV shared memory from this process: shmget, shmat, shmdt, shmctl, and
 * zero-copy views of an attachment (koffi.view). A view must not be used after
 * shmdt: the memory behind it is gone, and touching it would kill the worker.
 */
import { endianness } from 'node:os';
import koffi from 'koffi';
import { C, field, readField, sizeOf } from './constants';
import { lib, must, sys, SysResult } from './libc';
import { mapsAreas, MapsEntry } from './mmap';
import { IpcPerm, decodeIpcPerm, noteSysvId } from './sysv';

const fn = {
  shmget: lib.func('int shmget(int key, size_t size, int shmflg)'),
  shmat: lib.func('void *shmat(int shmid, void *shmaddr, int shmflg)'),
  shmdt: lib.func('int shmdt(void *shmaddr)'),
  shmctl: lib.func('int shmctl(int shmid, int cmd, void *buf)'),
};

/** (void *) -1, what shmat returns on failure. */
const FAILED = 0xffffffffffffffffn;

const flagNames = (flags: number): string =>
  ['IPC_CREAT', 'IPC_EXCL', 'SHM_RDONLY', 'SHM_RND'].filter((n) => flags & C[n]).concat(flags & 0o777 ? [`0${(flags & 0o777).toString(8)}`] : []).join('|') || '0';

const keyName = (key: number): string => (key === C.IPC_PRIVATE ? 'IPC_PRIVATE' : `0x${key.toString(16)}`);

export function shmget(key: number, size: number | bigint, flags: number): SysResult {
  return noteSysvId('shm', key, flags, sys(`shmget(${keyName(key)}, ${size}, ${flagNames(flags)})`, fn.shmget, key, size, flags));
}

export interface Attach extends SysResult { addr: bigint }

/** shmat: rc is 0 on success (the address is in addr) and -1 on failure, with errno captured at once. */
export function shmat(id: number, addr: bigint | null, flags: number): Attach {
  const call = `shmat(${id}, ${addr === null ? 'NULL' : `0x${addr.toString(16)}`}, ${flagNames(flags)})`;
  let value = FAILED;
  const r = sys(call, () => {
    const p = fn.shmat(id, addr, flags);
    value = p === null ? 0n : BigInt(koffi.address(p));
    return value === FAILED ? -1 : 0;
  });
  return { ...r, addr: value };
}

export function shmdt(addr: bigint): SysResult {
  return sys(`shmdt(0x${addr.toString(16)})`, fn.shmdt, addr);
}

/** A read-write view of `length` bytes at an attachment. */
export function view(addr: bigint, length: number): Buffer {
  return Buffer.from(koffi.view(addr as any, length));
}

/**
 * A segment attached in this process. Bytes are read and written through views
 * made for the one access, and never after a successful detach (which would
 * fault and take Node with it).
 */
export class Attachment {
  mapped = true;

  constructor(readonly id: number, readonly addr: bigint, readonly size: number) {}

  read(offset: number, length: number): Buffer {
    this.mustBeMapped('reading');
    return Buffer.from(view(this.addr, this.size).subarray(offset, offset + length));
  }

  /** Stores the text and a NUL after it (latin1, one byte per character). */
  store(offset: number, text: string): void {
    this.mustBeMapped('writing');
    view(this.addr, this.size).write(`${text}\0`, offset, 'latin1');
  }

  /** shmdt; after it succeeded reads and writes throw instead of faulting. */
  detach(): SysResult {
    const r = shmdt(this.addr);
    if (r.rc === 0) this.mapped = false;
    return r;
  }

  /** For the tracker: detach unless the scenario did. */
  unmap(): SysResult {
    return this.detach();
  }

  private mustBeMapped(what: string): void {
    if (!this.mapped) throw new Error(`the attachment at 0x${this.addr.toString(16)} was detached; ${what} it would fault`);
  }
}

export interface ShmStat {
  perm: IpcPerm;
  /** shm_perm.mode with the upper flag bits (SHM_DEST, SHM_LOCKED) */
  rawMode: number;
  segsz: number;
  cpid: number;
  lpid: number;
  nattch: number;
  atime: number;
  dtime: number;
}

export function shmStat(id: number): SysResult & { stat?: ShmStat } {
  const buf = Buffer.alloc(sizeOf('struct shmid_ds'));
  const r = sys(`shmctl(${id}, IPC_STAT)`, fn.shmctl, id, C.IPC_STAT, buf);
  if (r.rc === -1) return r;
  const f = (name: string) => readField(buf, 'struct shmid_ds', name);
  const base = field('struct shmid_ds', 'shm_perm').offset;
  const stat: ShmStat = {
    perm: decodeIpcPerm(buf, base),
    rawMode: readField(buf, 'struct ipc_perm', 'mode', base),
    segsz: f('shm_segsz'), cpid: f('shm_cpid'), lpid: f('shm_lpid'), nattch: f('shm_nattch'),
    atime: f('shm_atime'), dtime: f('shm_dtime'),
  };
  return { ...r, stat };
}

/** IPC_STAT that must succeed. */
export function statOf(id: number): ShmStat {
  const r = shmStat(id);
  must(r);
  return r.stat!;
}

/** IPC_SET of the permission bits, keeping owner and group. */
export function shmSetMode(id: number, mode: number): SysResult {
  const buf = Buffer.alloc(sizeOf('struct shmid_ds'));
  must(sys(`shmctl(${id}, IPC_STAT)`, fn.shmctl, id, C.IPC_STAT, buf));
  const at = field('struct shmid_ds', 'shm_perm').offset + field('struct ipc_perm', 'mode').offset;
  const size = field('struct ipc_perm', 'mode').size;
  const le = endianness() === 'LE';
  if (size === 2) (le ? buf.writeUInt16LE : buf.writeUInt16BE).call(buf, mode, at);
  else (le ? buf.writeUInt32LE : buf.writeUInt32BE).call(buf, mode, at);
  return sys(`shmctl(${id}, IPC_SET, mode 0${mode.toString(8)})`, fn.shmctl, id, C.IPC_SET, buf);
}

export function shmRemove(id: number): SysResult {
  return sys(`shmctl(${id}, IPC_RMID)`, fn.shmctl, id, C.IPC_RMID, null);
}

export interface ShmInfo { shmmax: bigint; shmmin: bigint; shmmni: bigint; shmall: bigint }

/** shmctl(IPC_INFO): the limits the kernel applies (struct shminfo). Values may exceed 2^53, so bigint. */
export function shmInfo(): ShmInfo {
  const buf = Buffer.alloc(sizeOf('struct shminfo'));
  must(sys('shmctl(0, IPC_INFO)', fn.shmctl, 0, C.IPC_INFO, buf));
  const get = (name: string): bigint => {
    const { offset, size } = field('struct shminfo', name);
    if (size !== 8) return BigInt(readField(buf, 'struct shminfo', name));
    return endianness() === 'LE' ? buf.readBigUInt64LE(offset) : buf.readBigUInt64BE(offset);
  };
  return { shmmax: get('shmmax'), shmmin: get('shmmin'), shmmni: get('shmmni'), shmall: get('shmall') };
}

/** Areas of this process whose inode is the SysV shm id (the kernel names them /SYSV<key>). */
export function sysvMappingsOf(id: number): MapsEntry[] {
  return mapsAreas().filter((e) => e.inode === id && e.path.startsWith('/SYSV'));
}
