/**
 * SysV semaphores from this process: semget, semop, semctl. semop is only
 * ever called here in ways that cannot block (IPC_NOWAIT, or V operations):
 * a blocked call would freeze the worker's event loop, so blocking belongs to
 * fixtures (fixtures/sem-*.c).
 *
 * semctl's fourth argument is the caller's union semun (glibc leaves it
 * undefined, _SEM_SEMUN_UNDEFINED): an int for SETVAL, a pointer otherwise,
 * passed as a variadic (type, value) pair.
 */
import { endianness } from 'node:os';
import { C, field, readField, sizeOf } from './constants';
import { lib, must, sys, SysResult } from './libc';
import { IpcPerm, decodeIpcPerm, noteSysvId } from './sysv';

const fn = {
  semget: lib.func('int semget(int key, int nsems, int semflg)'),
  semop: lib.func('int semop(int semid, void *sops, size_t nsops)'),
  semctl: lib.func('int semctl(int semid, int semnum, int cmd, ...)'),
};

const keyName = (key: number): string => (key === C.IPC_PRIVATE ? 'IPC_PRIVATE' : `0x${key.toString(16)}`);
const flagNames = (flags: number): string =>
  ['IPC_CREAT', 'IPC_EXCL', 'IPC_NOWAIT', 'SEM_UNDO'].filter((n) => flags & C[n]).concat(flags & 0o777 ? [`0${(flags & 0o777).toString(8)}`] : []).join('|') || '0';

export function semget(key: number, nsems: number, flags: number): SysResult {
  return noteSysvId('sem', key, flags, sys(`semget(${keyName(key)}, ${nsems}, ${flagNames(flags)})`, fn.semget, key, nsems, flags));
}

export interface SemOp { num: number; op: number; flags?: number }

/** Encodes struct sembuf[] with the probe's layout. */
function encode(ops: SemOp[]): Buffer {
  const size = sizeOf('struct sembuf');
  const buf = Buffer.alloc(size * ops.length);
  const le = endianness() === 'LE';
  const put = (name: string, value: number, base: number, signed: boolean) => {
    const { offset, size: width } = field('struct sembuf', name);
    if (width !== 2) throw new Error(`struct sembuf.${name} has size ${width}: encode it another way`);
    const at = base + offset;
    if (signed) (le ? buf.writeInt16LE : buf.writeInt16BE).call(buf, value, at);
    else (le ? buf.writeUInt16LE : buf.writeUInt16BE).call(buf, value, at);
  };
  ops.forEach((o, i) => {
    put('sem_num', o.num, i * size, false);
    put('sem_op', o.op, i * size, true);
    put('sem_flg', o.flags ?? 0, i * size, true);
  });
  return buf;
}

/** semop with all ops applied atomically. Pass IPC_NOWAIT on any op that could block. */
export function semop(id: number, ops: SemOp[]): SysResult {
  const one = (o: SemOp) => `{${o.num}, ${o.op > 0 ? '+' : ''}${o.op}, ${flagNames(o.flags ?? 0)}}`;
  const text = ops.length > 4 ? `${ops.length} ops like ${one(ops[0])}` : ops.map(one).join(', ');
  if (ops.some((o) => o.op <= 0 && !((o.flags ?? 0) & C.IPC_NOWAIT))) {
    throw new Error(`semop(${id}, ${text}) could block the worker: add IPC_NOWAIT or use a fixture`);
  }
  return sys(`semop(${id}, [${text}])`, fn.semop, id, encode(ops), ops.length);
}

// ---- semctl ------------------------------------------------------------------

const cmdCall = (id: number, num: number, cmd: string, arg = '') => `semctl(${id}, ${num}, ${cmd}${arg})`;

export function getval(id: number, num = 0): SysResult {
  return sys(cmdCall(id, num, 'GETVAL'), fn.semctl, id, num, C.GETVAL);
}

export function setval(id: number, num: number, value: number): SysResult {
  return sys(cmdCall(id, num, 'SETVAL', `, ${value}`), fn.semctl, id, num, C.SETVAL, 'int', value);
}

/** GETNCNT (processes waiting for the value to grow), GETZCNT (waiting for zero), GETPID (last semop's pid). */
export function semCount(id: number, num: number, cmd: 'GETNCNT' | 'GETZCNT' | 'GETPID'): SysResult {
  return sys(cmdCall(id, num, cmd), fn.semctl, id, num, C[cmd]);
}

export function setall(id: number, values: number[]): SysResult {
  const array = Uint16Array.from(values);
  return sys(cmdCall(id, 0, 'SETALL', `, [${values.join(', ')}]`), fn.semctl, id, 0, C.SETALL, 'void *', array);
}

export function getall(id: number, nsems: number): SysResult & { values: number[] } {
  if (sizeOf('unsigned short') !== 2) throw new Error('unsigned short is not 2 bytes here: GETALL needs another array type');
  const array = new Uint16Array(nsems);
  const r = sys(cmdCall(id, 0, 'GETALL'), fn.semctl, id, 0, C.GETALL, 'void *', array);
  return { ...r, values: [...array] };
}

export interface SemStat { perm: IpcPerm; nsems: number; otime: number; ctime: number }

export function semStat(id: number): SysResult & { stat?: SemStat } {
  const buf = Buffer.alloc(sizeOf('struct semid_ds'));
  const r = sys(cmdCall(id, 0, 'IPC_STAT'), fn.semctl, id, 0, C.IPC_STAT, 'void *', buf);
  if (r.rc === -1) return r;
  const f = (name: string) => readField(buf, 'struct semid_ds', name);
  return { ...r, stat: { perm: decodeIpcPerm(buf, field('struct semid_ds', 'sem_perm').offset), nsems: f('sem_nsems'), otime: f('sem_otime'), ctime: f('sem_ctime') } };
}

export function semRemove(id: number): SysResult {
  return sys(cmdCall(id, 0, 'IPC_RMID'), fn.semctl, id, 0, C.IPC_RMID);
}

export interface SemInfo { semmsl: number; semmns: number; semopm: number; semmni: number; semvmx: number; semaem: number }

/** semctl(IPC_INFO): the limits the kernel applies (struct seminfo). */
export function semInfo(): SemInfo {
  const buf = Buffer.alloc(sizeOf('struct seminfo'));
  must(sys('semctl(0, 0, IPC_INFO)', fn.semctl, 0, 0, C.IPC_INFO, 'void *', buf));
  const f = (name: string) => readField(buf, 'struct seminfo', name);
  return { semmsl: f('semmsl'), semmns: f('semmns'), semopm: f('semopm'), semmni: f('semmni'), semvmx: f('semvmx'), semaem: f('semaem') };
}

/** kernel.sem from /proc/sys: "SEMMSL SEMMNS SEMOPM SEMMNI". */
export function semSysctl(text: string | undefined): { semmsl: number; semmns: number; semopm: number; semmni: number } | undefined {
  if (text === undefined) return undefined;
  const [semmsl, semmns, semopm, semmni] = text.trim().split(/\s+/).map(Number);
  return { semmsl, semmns, semopm, semmni };
}
