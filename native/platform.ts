/**
 * Facts about this host, read at run time, never assumed: page size, limits,
 * libc version, privileges. The claims report and the steps both ask here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { C } from './constants';
import { raw } from './libc';

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
