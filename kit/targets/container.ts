/**
 * Container runner: the project's Dockerfile image (built on a local Debian
 * base) run by podman with runc under one set of runtime settings; the
 * suite's reports land in a host folder mounted at /kit/reports.
 */
import { chmodSync } from 'node:fs';
import { kitImage, PODMAN, ulimitArgs } from './images';
import { runCommand, succeeds } from './process';
import { summaryLine } from './results';
import type { RunEnd, RunOptions } from './types';

/** Why podman cannot run containers here, or undefined when it can. */
export function podmanUnavailable(): string | undefined {
  if (!succeeds(['podman', '--version'])) return 'podman is not installed (Debian: apt-get install podman runc)';
  if (!succeeds(['runc', '--version'])) return 'runc is not installed (Debian: apt-get install runc); crun refuses hybrid cgroups';
  if (process.geteuid?.() !== 0) return 'rootful podman needs root';
  return undefined;
}

const TIMEOUT_MS = 30 * 60_000;

/**
 * Runs `npm test` in a container of the kit image with these podman options (after `podman run`).
 * prefix runs podman itself differently (as another user, for rootless podman).
 */
export async function runInContainer(name: string, podmanOptions: string[], dir: string, options: RunOptions, prefix: string[] = []): Promise<RunEnd> {
  let image: string;
  try {
    image = await kitImage();
  } catch (e) {
    return { unavailable: `the kit image could not be built: ${(e as Error).message}` };
  }
  chmodSync(dir, 0o777); // any uid the container runs as writes its reports here
  const container = `ipcc-target-${name}-${process.pid}`;
  const command = [...prefix, ...PODMAN, 'run', '--name', container, ...(options.keep ? [] : ['--rm']), ...ulimitArgs(),
    '-v', `${dir}:/kit/reports`, '-e', 'IPC_REPORTS_DIR=/kit/reports', '-e', 'HOME=/tmp', '-e', 'npm_config_update_notifier=false', '-e', `IPC_TARGET=${name}`,
    ...podmanOptions, image, 'npm', 'test', '--', '--format', 'summary'];
  const r = await runCommand(command, {
    log: `${dir}/console.log`, timeoutMs: TIMEOUT_MS,
    onTimeout: () => runCommand([...prefix, ...PODMAN, 'rm', '-f', container], { timeoutMs: 60_000 }),
  });
  // 125: podman itself refused (the runtime cannot create such a container here), before the suite started
  if (r.code === 125 && !summaryLine(r.output)) return { unavailable: `podman refused to run the container: ${r.output.trim().split('\n').slice(-2).join(' / ')}` };
  return { exitCode: r.timedOut ? 124 : r.code, output: r.output };
}
