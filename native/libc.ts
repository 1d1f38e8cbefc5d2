/**
 * Typed koffi bindings to the C library. Every syscall wrapper returns a
 * SysResult with errno captured right after the call: any later JavaScript
 * that touches the OS (even fs.existsSync) can overwrite the thread's errno.
 */
import koffi from 'koffi';
import { skipIfBlocked } from './blocked';
import { errnoName } from './errno';

export const lib = koffi.load('libc.so.6');

/**
 * A function of the POSIX realtime library: in libc since glibc 2.34 (shm_open,
 * mq_*), in librt.so.1 only on older systems. The lookup happens when it is declared.
 */
export function rtFunc(declaration: string) {
  try {
    return lib.func(declaration);
  } catch {
    return koffi.load('librt.so.1').func(declaration);
  }
}

/**
 * stat, fstat, lstat: exported by libc since glibc 2.33; before, only as __xstat,
 * __fxstat, __lxstat with a version first (_STAT_VER: 1 on x86_64, 0 on aarch64).
 */
export function statFunc(name: 'stat' | 'fstat' | 'lstat', first: 'const char *path' | 'int fd') {
  try {
    return lib.func(`int ${name}(${first}, _Out_ uint8_t *statbuf)`);
  } catch {
    const versioned = lib.func(`int ${name === 'stat' ? '__xstat' : `__${name[0]}xstat`}(int ver, ${first}, _Out_ uint8_t *statbuf)`);
    const ver = process.arch === 'x64' ? 1 : 0;
    return (target: unknown, buf: unknown) => versioned(ver, target, buf);
  }
}

/**
 * mknod, mknodat: exported by libc since glibc 2.33; before, only as __xmknod and __xmknodat with a
 * version first (_MKNOD_VER, 0 on Linux) and the device number by pointer. `path` is a string, or a
 * raw address (intptr_t) for the EFAULT cases.
 */
export function mknodFunc(name: 'mknod' | 'mknodat', path: 'const char *path' | 'intptr_t path') {
  const dirfd = name === 'mknodat' ? 'int dirfd, ' : '';
  try {
    return lib.func(`int ${name}(${dirfd}${path}, uint32_t mode, uint64_t dev)`);
  } catch {
    const versioned = lib.func(`int __x${name}(int ver, ${dirfd}${path}, uint32_t mode, uint64_t *dev)`);
    return name === 'mknodat'
      ? (dir: unknown, target: unknown, mode: unknown, dev: unknown) => versioned(0, dir, target, mode, [dev])
      : (target: unknown, mode: unknown, dev: unknown) => versioned(0, target, mode, [dev]);
  }
}

koffi.alias('ssize_t', 'intptr_t');
koffi.alias('pid_t', 'int32_t');
koffi.alias('mode_t', 'uint32_t');
koffi.alias('off_t', 'int64_t');
koffi.alias('dev_t', 'uint64_t');
koffi.struct('pollfd', { fd: 'int', events: 'short', revents: 'short' });

export interface SysResult {
  /** the call, as the kit made it, for messages: "write(fd 7, 1 byte)" */
  call: string;
  rc: number;
  errno: number;
  errnoName: string;
}

type Fn = (...args: any[]) => unknown;

/**
 * The calls this process made since the last reset, one line each
 * ("write(fd 19, 4096 bytes) = -1 EAGAIN"): the syscall trace a failing
 * scenario attaches. Bounded, so a loop of a million calls keeps the last ones.
 */
export const callLog: string[] = [];
const CALL_LOG_LIMIT = 300;

/** Calls fn, converts its return value to a number and captures errno at once. */
export function sys(call: string, fn: Fn, ...args: unknown[]): SysResult {
  koffi.errno(0);
  const rc = Number(fn(...args));
  const errno = rc === -1 ? koffi.errno() : 0;
  const result = { call, rc, errno, errnoName: errnoName(errno) };
  callLog.push(`${call} = ${rc}${errno ? ` ${result.errnoName}` : ''}`);
  if (callLog.length > CALL_LOG_LIMIT) callLog.splice(0, callLog.length - CALL_LOG_LIMIT);
  return result;
}

/** A call that must succeed (set-up, not the claim under test): throws with errno otherwise. */
export function must(result: SysResult): number {
  if (result.rc === -1) skipIfBlocked(result.call, result.errnoName);
  if (result.rc === -1) throw new Error(`${result.call} failed with ${result.errnoName}, which the set-up did not expect`);
  return result.rc;
}

export const raw = {
  pipe: lib.func('int pipe(_Out_ int *pipefd)'),
  pipe2: lib.func('int pipe2(_Out_ int *pipefd, int flags)'),
  read: lib.func('ssize_t read(int fd, _Out_ void *buf, size_t count)'),
  write: lib.func('ssize_t write(int fd, const void *buf, size_t count)'),
  close: lib.func('int close(int fd)'),
  fcntl: lib.func('int fcntl(int fd, int cmd, ...)'),
  ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)'),
  lseek: lib.func('off_t lseek(int fd, off_t offset, int whence)'),
  fstat: statFunc('fstat', 'int fd'),
  lstat: statFunc('lstat', 'const char *path'),
  stat: statFunc('stat', 'const char *path'),
  readlink: lib.func('ssize_t readlink(const char *path, _Out_ uint8_t *buf, size_t size)'),
  poll: lib.func('int poll(_Inout_ pollfd *fds, unsigned long nfds, int timeout)'),
  getpid: lib.func('pid_t getpid(void)'),
  sysconf: lib.func('long sysconf(int name)'),
  gnuDevMajor: lib.func('unsigned int gnu_dev_major(dev_t dev)'),
  libcVersion: lib.func('const char *gnu_get_libc_version(void)'),
  strerror: lib.func('const char *strerror(int errnum)'),
};

/**
 * Repeats a call (the i-th attempt gets i) until it fails, at most `limit` times:
 * how many succeeded and the refusal. Never failing within the limit is a kit
 * error: the resource the scenario fills is larger than it can be.
 */
export function untilRefused(attempt: (i: number) => SysResult, limit: number): { accepted: number; refusal: SysResult } {
  for (let i = 0; i < limit; i++) {
    const r = attempt(i);
    if (r.rc === -1) return { accepted: i, refusal: r };
  }
  throw new Error(`${limit} attempts in a row succeeded: nothing was refused`);
}

/** Whether the C library exports a function of that name (koffi fails to bind one it lacks). */
export function libcExports(name: string): boolean {
  try {
    lib.func(`int ${name}(void)`);
    return true;
  } catch {
    return false;
  }
}

