/**
 * Facts about this host, read at run time, never assumed: page size, limits,
 * libc version, privileges. The claims report and the steps both ask here.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { C } from './constants';
import { raw } from './libc';
import { NotAvailable } from './not-available';

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

/**
 * Runs a command-line tool (ls, lsof, man, mkfifo) with LC_ALL=C; a tool this
 * host lacks is a named skip that says which package brings it.
 */
export function runHostTool(tool: string, args: string[], pkg: string): SpawnSyncReturns<string> {
  const r = spawnSync(tool, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.error || r.status === 127) throw new NotAvailable(`${tool} is not installed (Debian: ${pkg})`);
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

const CAPABILITY_BITS: Record<string, number> = { CAP_IPC_LOCK: 14, CAP_IPC_OWNER: 15, CAP_SYS_ADMIN: 21, CAP_SYS_RESOURCE: 24, CAP_SYS_PTRACE: 19 };

/** Whether this process has the capability in its effective set (bits from linux/capability.h). */
export function hasCapability(name: keyof typeof CAPABILITY_BITS | string): boolean {
  const bit = CAPABILITY_BITS[name];
  if (bit === undefined) throw new Error(`unknown capability ${name}`);
  const eff = statusField('CapEff');
  return eff !== undefined && ((BigInt(`0x${eff}`) >> BigInt(bit)) & 1n) === 1n;
}

export const pageSize = (): number => Number(raw.sysconf(C._SC_PAGESIZE));
export const libcVersion = (): string => String(raw.libcVersion());

/** Whether this glibc is at least major.minor (e.g. 2.34, which moved shm_open from librt into libc). */
export function libcAtLeast(major: number, minor: number, version = libcVersion()): boolean {
  const [ma, mi] = version.split('.').map(Number);
  return ma > major || (ma === major && mi >= minor);
}

export function containerHint(): string {
  if (existsSync('/.dockerenv')) return 'docker';
  if (existsSync('/run/.containerenv')) return 'podman';
  const cgroup = readText('/proc/1/cgroup') ?? '';
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
    'kernel.msgmnb': sysctl('kernel/msgmnb') ?? 'absent',
    'kernel.msgmax': sysctl('kernel/msgmax') ?? 'absent',
    'kernel.shmmax': sysctl('kernel/shmmax') ?? 'absent',
    'kernel.sem': sysctlText('kernel/sem')?.replace(/\s+/g, ' ') ?? 'absent',
    'fs.mqueue.msg_max': sysctl('fs/mqueue/msg_max') ?? 'absent',
    'fs.mqueue.msgsize_max': sysctl('fs/mqueue/msgsize_max') ?? 'absent',
  };
}
