/**
 * Which system calls a sandbox took away here, asked of the kernel itself.
 * Each call the kit (or a fixture) makes is tried once with arguments the
 * kernel must refuse with a known errno (EINVAL, EBADF, ENOENT, ...) before it
 * does anything: a bad id, descriptor -1, a name that does not exist, a zero
 * length. Getting ENOSYS or EPERM instead means a filter (seccomp) or the
 * kernel answered for the call as a whole: the call is blocked. Nothing is
 * created and no signal is sent.
 *
 * The probe runs once per process, on first use, and is cached; it costs about
 * fifty failing calls. A filter that looks at arguments (say, only some socket
 * families) is outside what a probe with refused arguments can see.
 */
import koffi from 'koffi';
import { C } from './constants';
import { errnoName } from './errno';
import { lib, rtFunc } from './libc';

export interface ProbeResult {
  /** the libc function, as the kit and the fixtures name it in messages */
  call: string;
  /** what the kernel must answer to the refused arguments */
  expected: string;
  /** what it answered */
  got: string;
  blocked: boolean;
}

type Probe = { call: string; expected: string; run: () => unknown };

const ABSENT = `/ipcc-probe-absent-${process.pid}`;

/** The probes, bound when first needed (libc.ts imports this module's user, blocked.ts). */
function probes(): Probe[] {
  const f = (decl: string) => lib.func(decl);
  const rt = (decl: string) => rtFunc(decl);
  const buf = Buffer.alloc(256);
  const fds = Buffer.alloc(8);
  const bad = -1;
  const badKey = 0x7ffe1b5d; // msgget/semget/shmget without IPC_CREAT only look a key up
  const p = (call: string, expected: string, run: () => unknown): Probe => ({ call, expected, run });
  return [
    // SysV message queues, semaphores, shared memory
    p('msgget', 'ENOENT', () => f('int msgget(int, int)')(badKey, 0)),
    p('msgsnd', 'EINVAL', () => f('int msgsnd(int, void *, size_t, int)')(bad, buf, 0, 0)),
    p('msgrcv', 'EINVAL', () => f('intptr_t msgrcv(int, _Out_ uint8_t *, size_t, long, int)')(bad, buf, 0, 0, C.IPC_NOWAIT)),
    p('msgctl', 'EINVAL', () => f('int msgctl(int, int, _Out_ uint8_t *)')(bad, C.IPC_STAT, buf)),
    p('semget', 'ENOENT', () => f('int semget(int, int, int)')(badKey, 0, 0)),
    p('semop', 'EINVAL', () => f('int semop(int, void *, size_t)')(bad, null, 0)),
    p('semtimedop', 'EINVAL', () => f('int semtimedop(int, void *, size_t, void *)')(bad, null, 0, null)),
    p('semctl', 'EINVAL', () => f('int semctl(int, int, int, ...)')(bad, 0, C.IPC_STAT, 'void *', buf)),
    p('shmget', 'ENOENT', () => f('int shmget(int, size_t, int)')(badKey, 0, 0)),
    p('shmat', 'EINVAL', () => f('void *shmat(int, void *, int)')(bad, null, 0)),
    p('shmdt', 'EINVAL', () => f('int shmdt(uintptr_t)')(1)),
    p('shmctl', 'EINVAL', () => f('int shmctl(int, int, _Out_ uint8_t *)')(bad, C.IPC_STAT, buf)),
    // POSIX message queues and shared memory (glibc: mq_send is mq_timedsend, mq_getattr mq_getsetattr)
    p('mq_open', 'ENOENT', () => rt('int mq_open(const char *, int, ...)')(ABSENT, C.O_RDONLY)),
    p('mq_unlink', 'ENOENT', () => rt('int mq_unlink(const char *)')(ABSENT)),
    p('mq_send', 'EBADF', () => rt('int mq_send(int, const uint8_t *, size_t, unsigned int)')(bad, buf, 0, 0)),
    p('mq_timedsend', 'EBADF', () => rt('int mq_timedsend(int, const uint8_t *, size_t, unsigned int, void *)')(bad, buf, 0, 0, null)),
    p('mq_receive', 'EBADF', () => rt('intptr_t mq_receive(int, _Out_ uint8_t *, size_t, void *)')(bad, buf, buf.length, null)),
    p('mq_timedreceive', 'EBADF', () => rt('intptr_t mq_timedreceive(int, _Out_ uint8_t *, size_t, void *, void *)')(bad, buf, buf.length, null, null)),
    p('mq_notify', 'EBADF', () => rt('int mq_notify(int, void *)')(bad, null)),
    p('mq_getattr', 'EBADF', () => rt('int mq_getattr(int, _Out_ uint8_t *)')(bad, buf)),
    p('mq_setattr', 'EBADF', () => rt('int mq_setattr(int, const uint8_t *, void *)')(bad, buf, null)),
    p('shm_open', 'ENOENT', () => rt('int shm_open(const char *, int, uint32_t)')(ABSENT, C.O_RDONLY, 0)),
    p('shm_unlink', 'ENOENT', () => rt('int shm_unlink(const char *)')(ABSENT)),
    // memory
    p('mmap', 'EINVAL', () => f('void *mmap(void *, size_t, int, int, int, int64_t)')(null, 0, C.PROT_READ, C.MAP_PRIVATE | C.MAP_ANONYMOUS, bad, 0)),
    p('munmap', 'EINVAL', () => f('int munmap(uintptr_t, size_t)')(1, 1)),
    p('mprotect', 'EINVAL', () => f('int mprotect(uintptr_t, size_t, int)')(1, 1, 0)),
    p('memfd_create', 'EINVAL', () => f('int memfd_create(const char *, unsigned int)')('ipcc-probe', 0xffffffff)),
    p('ftruncate', 'EBADF', () => f('int ftruncate(int, int64_t)')(bad, 0)),
    // pipes and FIFOs
    p('pipe', 'EFAULT', () => f('int pipe(void *)')(null)),
    p('pipe2', 'EINVAL', () => f('int pipe2(_Out_ uint8_t *, int)')(fds, -1)),
    p('mkfifo', 'ENOENT', () => f('int mkfifo(const char *, uint32_t)')('', 0o600)),
    // sockets
    p('socket', 'EINVAL', () => f('int socket(int, int, int)')(C.AF_UNIX, 0x7fff, 0)),
    p('socketpair', 'EINVAL', () => f('int socketpair(int, int, int, _Out_ uint8_t *)')(C.AF_UNIX, 0x7fff, 0, fds)),
    ...['bind', 'connect', 'getsockname', 'getpeername'].map((name) =>
      p(name, 'EBADF', () => f(`int ${name}(int, _Out_ uint8_t *, _Inout_ uint32_t *)`)(bad, buf, [0]))),
    p('accept', 'EBADF', () => f('int accept(int, void *, void *)')(bad, null, null)),
    p('listen', 'EBADF', () => f('int listen(int, int)')(bad, 1)),
    p('send', 'EBADF', () => f('intptr_t send(int, const uint8_t *, size_t, int)')(bad, buf, 1, 0)),
    p('sendto', 'EBADF', () => f('intptr_t sendto(int, const uint8_t *, size_t, int, void *, uint32_t)')(bad, buf, 1, 0, null, 0)),
    p('sendmsg', 'EBADF', () => f('intptr_t sendmsg(int, const uint8_t *, int)')(bad, buf, 0)),
    p('recv', 'EBADF', () => f('intptr_t recv(int, _Out_ uint8_t *, size_t, int)')(bad, buf, 1, 0)),
    p('recvfrom', 'EBADF', () => f('intptr_t recvfrom(int, _Out_ uint8_t *, size_t, int, void *, void *)')(bad, buf, 1, 0, null, null)),
    p('recvmsg', 'EBADF', () => f('intptr_t recvmsg(int, _Out_ uint8_t *, int)')(bad, buf, 0)),
    p('getsockopt', 'EBADF', () => f('int getsockopt(int, int, int, _Out_ uint8_t *, _Inout_ uint32_t *)')(bad, 1, 1, buf, [4])),
    p('setsockopt', 'EBADF', () => f('int setsockopt(int, int, int, const uint8_t *, uint32_t)')(bad, 1, 1, buf, 4)),
    // processes, signals, namespaces
    p('kill', 'EINVAL', () => f('int kill(int, int)')(process.pid, 0x7fff)),
    p('sigqueue', 'EINVAL', () => f('int sigqueue(int, int, void *)')(process.pid, 0x7fff, null)),
    p('unshare', 'EINVAL', () => f('int unshare(int)')(1)), // 1 is in CSIGNAL, never an unshare flag
    p('process_vm_readv', 'EINVAL', () => f('intptr_t process_vm_readv(int, void *, unsigned long, void *, unsigned long, unsigned long)')(process.pid, null, 0, null, 0, 1)),
    p('ptrace', 'ESRCH', () => f('long ptrace(int, ...)')(0x7fff, 'int', 0x7ffffffe, 'void *', null, 'void *', null)),
  ];
}

/** Runs one probe: errno is reset before and read at once after (every probe is made to fail). */
function run(probe: Probe): ProbeResult {
  koffi.errno(0);
  probe.run();
  const got = errnoName(koffi.errno());
  return { call: probe.call, expected: probe.expected, got, blocked: got === 'ENOSYS' || got === 'EPERM' };
}

let cache: Map<string, ProbeResult> | undefined;

/** Every probe's result in this process, probed on the first call. */
export function probeSyscalls(): Map<string, ProbeResult> {
  cache ??= new Map(probes().map((p) => [p.call, run(p)]));
  return cache;
}

/** The probe's answer for one call, or undefined for a call the probe does not cover. */
export function probedCall(call: string): ProbeResult | undefined {
  return probeSyscalls().get(call);
}

/** The calls found blocked, as "msgget → ENOSYS", for reports/platform.json. */
export function blockedCalls(results: Iterable<ProbeResult> = probeSyscalls().values()): string[] {
  return [...results].filter((r) => r.blocked).map((r) => `${r.call} → ${r.got}`);
}
