/**
 * Rootless podman: podman run by an unprivileged user, so the container lives
 * in a user namespace (its root is that user outside). Needs a user with
 * subordinate uid/gid ranges; the kit image is copied into that user's storage.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { KIT_IMAGE, kitImage, PODMAN, ulimitArgs } from './images';
import { runCommand, succeeds } from './process';

export const rootlessUser = () => process.env.IPC_ROOTLESS_USER ?? 'ipcc-rootless';

const hasRange = (file: string, user: string, uid: number) =>
  existsSync(file) && readFileSync(file, 'utf8').split('\n').some((l) => l.startsWith(`${user}:`) || l.startsWith(`${uid}:`));

function account(): { uid: number; gid: number; home: string } | undefined {
  const r = spawnSync('getent', ['passwd', rootlessUser()], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const f = r.stdout.trim().split(':');
  return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] };
}

export function rootlessUnavailable(): string | undefined {
  const user = rootlessUser();
  const a = account();
  if (!a) return `no user ${user} (create one: useradd --create-home ${user}; it gets /etc/subuid and /etc/subgid ranges)`;
  if (!hasRange('/etc/subuid', user, a.uid) || !hasRange('/etc/subgid', user, a.gid)) return `${user} has no range in /etc/subuid or /etc/subgid`;
  if (!succeeds(['sh', '-c', 'command -v newuidmap && command -v newgidmap'])) return 'newuidmap is not installed (Debian: uidmap)';
  if (!existsSync(a.home)) return `${user}'s home ${a.home} does not exist (podman keeps its images there)`;
  return undefined;
}

/** The command prefix that runs podman as the rootless user, once the kit image is in its storage; or why it cannot. */
export async function rootlessPrefix(): Promise<string[] | string> {
  const a = account()!;
  const runtimeDir = `/tmp/ipcc-rootless-${a.uid}`;
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  chownSync(runtimeDir, a.uid, a.gid);
  const prefix = ['runuser', '-u', rootlessUser(), '--', 'env', `HOME=${a.home}`, `XDG_RUNTIME_DIR=${runtimeDir}`];
  const shell = (script: string) => runCommand(['sh', '-c', script], { timeoutMs: 30 * 60_000 });
  const q = (args: string[]) => args.map((x) => `'${x}'`).join(' ');
  const info = await runCommand([...prefix, ...PODMAN, 'info'], { timeoutMs: 120_000 });
  if (info.code !== 0) return `rootless podman does not start here: ${lastLines(info.output)}`;
  try {
    await kitImage();
  } catch (e) {
    return `the kit image could not be built: ${(e as Error).message}`;
  }
  const id = (await shell(`${q(PODMAN)} image inspect --format '{{.Id}}' ${KIT_IMAGE}`)).output.trim();
  const theirs = (await shell(`${q([...prefix, ...PODMAN])} image inspect --format '{{.Id}}' ${KIT_IMAGE} 2>/dev/null`)).output.trim();
  if (id !== theirs) {
    const load = await shell(`${q(PODMAN)} save ${KIT_IMAGE} | ${q([...prefix, ...PODMAN])} load`);
    if (load.code !== 0) return `the kit image cannot be loaded into ${rootlessUser()}'s storage: ${lastLines(load.output)}`;
  }
  const probe = await runCommand([...prefix, ...PODMAN, 'run', '--rm', ...ulimitArgs(), KIT_IMAGE, 'true'], { timeoutMs: 300_000 });
  if (probe.code !== 0) return `rootless podman cannot start a container here: ${lastLines(probe.output)}`;
  return prefix;
}

const lastLines = (output: string) => output.trim().split('\n').slice(-2).join(' / ');
