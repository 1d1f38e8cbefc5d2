/**
 * Facts about this host, read at run time, never assumed: page size, limits,
 * libc version, privileges. The claims report and the steps both ask here.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { join } from 'node:path';
import { C, readField, sizeOf } from './constants';
import { lib, raw, sys } from './libc';
import { blockedCalls } from './syscall-probe';
import { NotAvailable } from './not-available';
import { scaled } from './time-scale';

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** A number from /proc/sys (e.g. 'fs/pipe-max-size'); undefined where the file is absent. */
export function sysctl(name: string): number | undefined {
  const text = readText(`/proc/sys/${name}`);
  return text === undefined ? undefined : Number(text.split(/\s+/)[0]);
}

export function sysctlText(name: string): string | undefined {
  return readText(`/proc/sys/${name}`);
}

/** A /proc/sys number a step cannot do without: where the file is absent, a named skip. */
export function requiredSysctl(name: string): number {
  const value = sysctl(name);
  if (value === undefined) throw new NotAvailable(`/proc/sys/${name} is absent`);
  return value;
}

/** The text of a /proc/sys file a step cannot do without: where it is absent, a named skip. */
export function requiredSysctlText(name: string): string {
  const text = sysctlText(name);
  if (text === undefined) throw new NotAvailable(`/proc/sys/${name} is absent`);
  return text;
}

/** The text of a /proc file (e.g. /proc/sysvipc/shm, /proc/net/unix) a step needs: a named skip where it cannot be read. */
export function requiredProcText(path: string): string {
  const text = readText(path);
  if (text === undefined) throw new NotAvailable(`${path} is not readable here`);
  return text;
}

/** A host tool (ls, lsof, man) that has not answered by then is stuck; below cucumber's step timeout. */
const HOST_TOOL_TIMEOUT_MS = 4000;

/**
 * Runs a command-line tool (ls, lsof, man, mkfifo) with LC_ALL=C; a tool this
 * host lacks is a named skip that says which package brings it.
 */
export function runHostTool(tool: string, args: string[], pkg: string): SpawnSyncReturns<string> {
  const r = spawnSync(tool, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, timeout: scaled(HOST_TOOL_TIMEOUT_MS), killSignal: 'SIGKILL' });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw new Error(`${tool} ${args.join(' ')} did not finish within ${HOST_TOOL_TIMEOUT_MS / 1000} s`);
  if (r.error || r.status === 127) throw new NotAvailable(`${tool} is not installed (Debian: ${pkg})`);
  // killed by a signal (an interrupted run's SIGTERM reaches the whole group): say so, not an empty stderr
  if (r.signal) throw new Error(`${tool} ${args.join(' ')} was killed by ${r.signal}`);
  return r;
}

/** What `ls -ld` shows for a path: the mode column (without an ACL or SELinux mark), the size column and the whole line. */
export function lsLong(path: string): { mode: string; size: number; line: string } {
  const r = runHostTool('ls', ['-ld', path], 'coreutils');
  if (r.status !== 0) throw new Error(`ls -ld ${path} failed: ${r.stderr}`);
  const line = r.stdout.trim();
  const cols = line.split(/\s+/);
  return { mode: cols[0].replace(/[.+@]$/, ''), size: Number(cols[4]), line };
}

const statusField = (name: string): string | undefined =>
  readText('/proc/self/status')?.split('\n').find((l) => l.startsWith(`${name}:`))?.split(':')[1].trim();

const CAPABILITY_BITS: Record<string, number> = {
  CAP_CHOWN: 0, CAP_DAC_OVERRIDE: 1, CAP_DAC_READ_SEARCH: 2, CAP_FOWNER: 3, CAP_SETUID: 7, CAP_NET_BIND_SERVICE: 10, CAP_NET_RAW: 13, CAP_MKNOD: 27, CAP_LINUX_IMMUTABLE: 9,
  CAP_IPC_LOCK: 14, CAP_IPC_OWNER: 15, CAP_SYS_ADMIN: 21, CAP_SYS_RESOURCE: 24, CAP_SYS_PTRACE: 19 };

/** Whether this process has the capability in its effective set (bits from linux/capability.h). */
export function hasCapability(name: keyof typeof CAPABILITY_BITS | string): boolean {
  const bit = CAPABILITY_BITS[name];
  if (bit === undefined) throw new Error(`unknown capability ${name}`);
  const eff = statusField('CapEff');
  return eff !== undefined && ((BigInt(`0x${eff}`) >> BigInt(bit)) & 1n) === 1n;
}

const socketFn = () => lib.func('int socket(int domain, int type, int protocol)');

/**
 * Whether the loopback interface (lo) is down in this network namespace, as a
 * fresh `unshare -n` or a container without networking leaves it: asked with
 * SIOCGIFFLAGS, because /sys/class/net may show another namespace's lo.
 * False when it is up or cannot be asked.
 */
export function loopbackDown(): boolean {
  const s = sys('socket(AF_INET, SOCK_DGRAM)', socketFn(), C.AF_INET, C.SOCK_DGRAM, 0);
  if (s.rc === -1) return false;
  const ifr = Buffer.alloc(sizeOf('struct ifreq'));
  ifr.write('lo', 0, 'latin1');
  const r = sys('ioctl(SIOCGIFFLAGS, lo)', raw.ioctl, s.rc, C.SIOCGIFFLAGS, 'void *', ifr);
  raw.close(s.rc);
  if (r.rc === -1) return false;
  return (readField(ifr, 'struct ifreq', 'ifr_flags') & C.IFF_UP) === 0;
}

export const pageSize = (): number => Number(raw.sysconf(C._SC_PAGESIZE));
export const libcVersion = (): string => String(raw.libcVersion());

/** Whether this glibc is at least major.minor (e.g. 2.34, which moved shm_open from librt into libc). */
export function libcAtLeast(major: number, minor: number, version = libcVersion()): boolean {
  const [ma, mi] = version.split('.').map(Number);
  return ma > major || (ma === major && mi >= minor);
}

/** Which container this looks like, from the marks Docker and Podman leave (`root` is the file-system root to look in). */
export function containerHint(root = '/'): string {
  if (existsSync(join(root, '.dockerenv'))) return 'docker';
  if (existsSync(join(root, 'run', '.containerenv'))) return 'podman';
  const cgroup = readText(join(root, 'proc', '1', 'cgroup')) ?? '';
  if (/docker|containerd|kubepods|libpod/.test(cgroup)) return 'container (cgroup)';
  return 'none detected';
}

/** Everything the reports print about the host, as flat key/value pairs. */
export function platformFacts(): Record<string, string | number | boolean> {
  return {
    'kernel.release': release(),
    'kernel.arch': arch(),
    'libc.glibc_version': libcVersion(),
    'node.version': process.version,
    'page_size': pageSize(),
    'PIPE_BUF': C.PIPE_BUF,
    'fs.pipe-max-size': sysctl('fs/pipe-max-size') ?? 'absent',
    'fs.pipe-user-pages-soft': sysctl('fs/pipe-user-pages-soft') ?? 'absent',
    'uid': process.getuid?.() ?? -1,
    'euid': process.geteuid?.() ?? -1,
    'cap.effective': statusField('CapEff') ?? 'unknown',
    'cap.CAP_SYS_RESOURCE': hasCapability('CAP_SYS_RESOURCE'),
    'seccomp': statusField('Seccomp') ?? 'unknown',
    'container': containerHint(),
    'syscalls.blocked': blockedCalls().join(', ') || 'none (every probed call answered as the kernel does)',
    'loopback': loopbackDown() ? 'down' : 'up',
    'kernel.msgmnb': sysctl('kernel/msgmnb') ?? 'absent',
    'kernel.msgmax': sysctl('kernel/msgmax') ?? 'absent',
    'kernel.shmmax': sysctl('kernel/shmmax') ?? 'absent',
    'kernel.sem': sysctlText('kernel/sem')?.replace(/\s+/g, ' ') ?? 'absent',
    'fs.mqueue.msg_max': sysctl('fs/mqueue/msg_max') ?? 'absent',
    'fs.mqueue.msgsize_max': sysctl('fs/mqueue/msgsize_max') ?? 'absent',
  };
}
