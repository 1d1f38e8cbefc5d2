/**
 * Environment profiles: the kit's suite under conditions that containers and
 * CI runners impose, simulated with real kernel mechanisms (no container
 * engine needed). A profile wraps the test command; one that needs what this
 * host cannot give says why it is unavailable.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildDir } from './paths';

export interface Profile {
  name: string;
  description: string;
  /** the command prefix that sets the environment up, then runs the suite */
  wrap: string[];
  /** why this host cannot run the profile, or undefined when it can */
  unavailable: () => string | undefined;
  /** the profile runs as uid 65534, so its reports folder must belong to that user */
  unprivileged?: boolean;
}

const seccompDeny = join(buildDir, 'tools', 'seccomp-deny');
const works = (cmd: string[]) => spawnSync(cmd[0], cmd.slice(1), { stdio: 'ignore' }).status === 0;
const need = (cmd: string[], why: string) => () => (works(cmd) ? undefined : why);
const isRoot = () => process.geteuid?.() === 0;

/** Runs the rest of the command in a shell after a set-up line: sh -c 'setup && exec "$@"' sh cmd... */
const shellFirst = (setup: string) => ['sh', '-c', `${setup} && exec "$@"`, 'sh'];

const seccomp = (errno: string, calls: string[]) => [seccompDeny, errno, ...calls, '--'];

export const PROFILES: Profile[] = [
  { name: 'host', description: 'this host as it is', wrap: [], unavailable: () => undefined },
  {
    name: 'non-root',
    description: 'as uid 65534 with no capabilities (setpriv)',
    wrap: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--'],
    unprivileged: true,
    unavailable: () => (!isRoot() ? 'already not root: the host profile is the unprivileged run'
      : need(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', 'test', '-r', join(buildDir, 'manifest.json')],
        'uid 65534 cannot read the project (its folder is not readable by others)')()),
  },
  {
    name: 'root-no-caps',
    description: 'root (uid 0) with every capability dropped, as `docker run --cap-drop=ALL` as root (setpriv)',
    wrap: ['setpriv', '--inh-caps=-all', '--bounding-set=-all', '--'],
    unavailable: () => (!isRoot() ? 'not root: this profile drops the capabilities of root'
      : need(['setpriv', '--inh-caps=-all', '--bounding-set=-all', '--', 'true'], 'setpriv cannot drop the bounding set here (util-linux; needs CAP_SETPCAP)')()),
  },
  {
    name: 'seccomp-no-sysv-msg',
    description: 'a seccomp filter denies SysV message queues (msgget, msgsnd, msgrcv, msgctl → ENOSYS)',
    wrap: seccomp('ENOSYS', ['msgget', 'msgsnd', 'msgrcv', 'msgctl']),
    unavailable: need([seccompDeny, 'ENOSYS', 'msgget', '--', 'true'], 'seccomp filters cannot be installed here'),
  },
  {
    name: 'seccomp-no-posix-mq',
    description: 'a seccomp filter denies POSIX message queues (mq_* → ENOSYS)',
    wrap: seccomp('ENOSYS', ['mq_open', 'mq_unlink', 'mq_timedsend', 'mq_timedreceive', 'mq_notify', 'mq_getsetattr']),
    unavailable: need([seccompDeny, 'ENOSYS', 'mq_open', '--', 'true'], 'seccomp filters cannot be installed here'),
  },
  {
    name: 'seccomp-eperm-sysv-shm-sem',
    description: 'a Docker-style filter answers EPERM to SysV shared memory and semaphores',
    wrap: seccomp('EPERM', ['shmget', 'shmat', 'shmdt', 'shmctl', 'semget', 'semop', 'semtimedop', 'semctl']),
    unavailable: need([seccompDeny, 'EPERM', 'shmget', '--', 'true'], 'seccomp filters cannot be installed here'),
  },
  {
    name: 'ipc-namespace-small',
    description: 'a private IPC namespace with small limits (msgmnb 2048, msgmax 1024, shmmax 1 MiB)',
    wrap: ['unshare', '--ipc', '--', ...shellFirst('sysctl -qw kernel.msgmnb=2048 kernel.msgmax=1024 kernel.shmmax=1048576')],
    unavailable: need(['unshare', '--ipc', '--', 'sysctl', '-qw', 'kernel.msgmnb=2048'], 'creating an IPC namespace needs CAP_SYS_ADMIN'),
  },
  {
    name: 'ipc-limits-used-up',
    description: 'a private IPC namespace whose msgmni, shmmni and SEMMNI are 0: every SysV create gets ENOSPC',
    wrap: ['unshare', '--ipc', '--', ...shellFirst("sysctl -qw kernel.msgmni=0 kernel.shmmni=0 kernel.sem='250 32000 32 0'")],
    unavailable: need(['unshare', '--ipc', '--', 'sysctl', '-qw', 'kernel.msgmni=0'], 'creating an IPC namespace needs CAP_SYS_ADMIN'),
  },
  {
    name: 'tiny-dev-shm',
    description: 'a 1 MiB /dev/shm, as small container defaults give (tmpfs in a private mount namespace)',
    wrap: ['unshare', '--mount', '--propagation', 'private', '--', ...shellFirst('mount -t tmpfs -o size=1m,mode=1777 tmpfs /dev/shm')],
    unavailable: need(['unshare', '--mount', '--propagation', 'private', '--', 'mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', '/dev/shm'],
      'a private mount namespace needs CAP_SYS_ADMIN'),
  },
  {
    name: 'fd-limit-64',
    description: 'RLIMIT_NOFILE 64 (ulimit -n 64), as restrictive runners set',
    wrap: ['prlimit', '--nofile=64:64', '--'],
    unavailable: need(['prlimit', '--nofile=64:64', '--', 'true'], 'prlimit is not installed'),
  },
];

export function profileNamed(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name);
}
