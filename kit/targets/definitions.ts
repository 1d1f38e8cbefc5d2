/**
 * The targets `npm run targets` knows: this host, the project's container image
 * under the runtime settings users deploy with, and Debian releases in VMs
 * (three kernels, three C libraries).
 */
import { join } from 'node:path';
import { root } from '../paths';
import { podmanUnavailable, runInContainer } from './container';
import { lowPriority, runCommand } from './process';
import { rootlessPrefix, rootlessUnavailable } from './rootless';
import type { RunEnd, Target } from './types';
import { qemuUnavailable, runInVm } from './vm';

const hostRun = async (dir: string): Promise<RunEnd> => {
  const r = await runCommand(lowPriority(['npm', 'test', '--', '--format', 'summary']), {
    cwd: root, log: join(dir, 'console.log'), timeoutMs: 30 * 60_000, env: { ...process.env, IPC_REPORTS_DIR: dir, IPC_TARGET: 'host' },
  });
  return { exitCode: r.timedOut ? 124 : r.code, output: r.output };
};

const CONTAINER_NEEDS = 'root, podman and runc (Debian: apt-get install podman runc), debootstrap, the Debian mirror and the npm registry (the image is built locally)';

const container = (name: string, settings: string, options: string[]): Target => ({
  name, kind: 'container', settings: `podman + runc, Debian 12 image from the project's Dockerfile, Node 24; ${settings}`,
  needs: CONTAINER_NEEDS, unavailable: podmanUnavailable,
  run: (dir, o) => runInContainer(name, options, dir, o),
});

const VM_NEEDS = 'root, qemu-system-x86_64 (KVM if it boots, else TCG), debootstrap, e2fsprogs, the Debian mirror and the npm registry; about 6 min under TCG on 2 CPUs';

const vm = (release: string, version: string, kernel: string, glibc: string): Target => ({
  name: `vm-${release}`, kind: 'vm',
  settings: `QEMU, Debian ${version} (${release}) kernel ${kernel} and root filesystem (glibc ${glibc}), Node 24, as root, lo up`,
  needs: VM_NEEDS, unavailable: qemuUnavailable,
  run: (dir, o) => runInVm(`vm-${release}`, release, dir, o),
});

export const TARGETS: Target[] = [
  { name: 'host', kind: 'host', settings: 'this machine as it is, as the user running npm run targets', needs: 'nothing', unavailable: () => undefined, run: hostRun },
  container('podman-default', 'the Dockerfile\'s user node (uid 1000), default seccomp profile and capabilities', []),
  container('podman-root', 'root, default seccomp profile and capabilities', ['--user', 'root']),
  container('podman-root-cap-drop-all', 'root with every capability dropped (--cap-drop=ALL)', ['--user', 'root', '--cap-drop=ALL']),
  container('podman-nobody-no-caps', 'uid 65534 with every capability dropped', ['--user', '65534:65534', '--cap-drop=ALL']),
  container('podman-ipc-host', 'root, the host\'s IPC namespace (--ipc=host)', ['--user', 'root', '--ipc=host']),
  container('podman-shm-1m', 'root, a 1 MiB /dev/shm (--shm-size=1m)', ['--user', 'root', '--shm-size=1m']),
  container('podman-read-only', 'root, a read-only root filesystem (--read-only; /tmp is a tmpfs, reports a mount)', ['--user', 'root', '--read-only']),
  container('podman-seccomp-unconfined', 'root, no seccomp filter (--security-opt seccomp=unconfined)', ['--user', 'root', '--security-opt', 'seccomp=unconfined']),
  {
    name: 'podman-rootless', kind: 'container',
    settings: 'rootless podman (a user namespace: root in the container is an unprivileged user outside), default seccomp profile',
    needs: `${CONTAINER_NEEDS}; a user with /etc/subuid and /etc/subgid ranges (IPC_ROOTLESS_USER, default ipcc-rootless) and newuidmap (Debian: uidmap)`,
    unavailable: () => podmanUnavailable() ?? rootlessUnavailable(),
    run: async (dir, o) => {
      const prefix = await rootlessPrefix();
      if (typeof prefix === 'string') return { unavailable: prefix };
      return runInContainer('podman-rootless', ['--user', 'root'], dir, o, prefix);
    },
  },
  vm('bullseye', '11', '5.10', '2.31'),
  vm('bookworm', '12', '6.1', '2.36'),
  vm('trixie', '13', '6.12', '2.41'),
];

