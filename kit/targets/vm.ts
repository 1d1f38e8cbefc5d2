/**
 * VM runner: QEMU boots a Debian release's kernel on its system disk (a
 * snapshot: the cached image stays clean) with a second disk holding the kit,
 * Node and npm; the init runs `npm test`, the results are read back from that
 * disk with debugfs (no loop mount needed).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kitStage, targetsDir, vmImage } from './images';
import { lowPriority, must, runCommand, succeeds } from './process';
import type { RunEnd, RunOptions } from './types';

const QEMU = 'qemu-system-x86_64';
const TIMEOUT_MS = 90 * 60_000;
/** IPC_TIME_SCALE under TCG: the 64 MiB pipe stream (PIPE-44) outran its fixture's usual 4 s limit in the trixie TCG guest. */
export const TCG_TIME_SCALE = 20;

export function qemuUnavailable(): string | undefined {
  if (process.arch !== 'x64') return `the VM targets boot amd64 kernels; this is ${process.arch}`;
  if (!succeeds([QEMU, '--version'])) return `${QEMU} is not installed (Debian: apt-get install qemu-system-x86)`;
  if (!succeeds(['debootstrap', '--version']) && !succeeds(['sh', '-c', 'command -v debootstrap'])) return 'debootstrap is not installed (Debian: apt-get install debootstrap)';
  if (!succeeds(['sh', '-c', 'command -v mkfs.ext4 && command -v debugfs'])) return 'mkfs.ext4 and debugfs are not installed (Debian: e2fsprogs)';
  if (process.geteuid?.() !== 0) return 'building the root filesystems (debootstrap) needs root';
  return undefined;
}

let accel: Promise<string[]> | undefined;

/** KVM when a guest really boots with it (it may hang before the kernel prints a line), else TCG. */
function acceleration(kernel: string, initrd: string): Promise<string[]> {
  const tcg = ['-accel', 'tcg,thread=multi'];
  accel ??= (async () => {
    if (!existsSync('/dev/kvm')) return tcg;
    const r = await runCommand([QEMU, '-accel', 'kvm', '-cpu', 'host', '-m', '512', '-nographic', '-no-reboot', '-kernel', kernel, '-initrd', initrd,
      '-append', 'console=ttyS0 panic=-1'], { timeoutMs: 20_000 });
    const boots = /Linux version/.test(r.output);
    process.stdout.write(`targets: KVM ${boots ? 'boots a kernel: using it' : 'did not boot a kernel in 20 s: using TCG'}\n`);
    return boots ? ['-accel', 'kvm', '-cpu', 'host'] : tcg;
  })();
  return accel;
}

/** The file at path on an ext4 image, or undefined. */
function debugfsCat(image: string, path: string): string | undefined {
  try {
    return must(['debugfs', '-R', `cat ${path}`, image]);
  } catch {
    return undefined;
  }
}

/**
 * One VM at a time on this machine, also across runs of `npm run targets`: a lock folder holding the owner's pid
 * (taken over when that process is gone).
 */
async function vmLock(): Promise<() => void> {
  const lock = join(targetsDir, 'vm.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      const owner = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function runInVm(name: string, release: string, dir: string, options: RunOptions): Promise<RunEnd> {
  let image;
  let stage;
  try {
    image = await vmImage(release);
    stage = await kitStage(release);
  } catch (e) {
    return { unavailable: `the ${release} VM image could not be built: ${(e as Error).message}` };
  }
  const a = await acceleration(image.kernel, image.initrd);
  // an emulated CPU is 10 to 50 times slower: the kit's safety timeouts (how long before a fixture is called stuck) grow alike
  const timeScale = a.includes('kvm') ? 1 : TCG_TIME_SCALE;
  writeFileSync(join(stage, 'run.sh'), [
    'cd /work/kit',
    `export PATH=/work/bin:/work/node/bin:$PATH HOME=/tmp IPC_TARGET=${name} IPC_REPORTS_DIR=/work/kit/reports IPC_TIME_SCALE=${timeScale} LC_ALL=C.UTF-8 npm_config_update_notifier=false`,
    'echo "ipcc-vm: kernel $(uname -r), node $(node --version)"',
    'npm test -- --format summary',
    'echo $? > /work/exit-code', '',
  ].join('\n'));
  const work = join(targetsDir, 'vm-runs', name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const kitDisk = join(work, 'kit.img');
  must(['mkfs.ext4', '-q', '-F', '-L', 'ipcc-kit', '-d', stage, kitDisk, '2048M']);
  const unlock = await vmLock();
  const r = await runCommand(lowPriority([QEMU, ...a, '-m', '3072', '-smp', '2', '-nographic', '-no-reboot', '-nic', 'none',
    '-kernel', image.kernel, '-initrd', image.initrd,
    '-drive', `file=${image.system},if=virtio,format=raw,snapshot=on`, '-drive', `file=${kitDisk},if=virtio,format=raw`,
    '-append', 'root=/dev/vda rw console=ttyS0 init=/sbin/ipcc-init panic=-1 quiet']), { log: join(dir, 'console.log'), timeoutMs: TIMEOUT_MS }).finally(unlock);
  try {
    must(['debugfs', '-R', `rdump /kit/reports ${dir}`, kitDisk]);
    // rdump puts the folder inside dir: move its files up
    must(['sh', '-c', 'cp -a "$1"/reports/. "$1"/ && rm -rf "$1"/reports', 'sh', dir]);
  } catch {
    // the suite wrote no reports: the output says why
  }
  const output = debugfsCat(kitDisk, '/output.log') ?? r.output;
  const code = debugfsCat(kitDisk, '/exit-code');
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  return { exitCode: r.timedOut ? 124 : code === undefined ? (r.code || 1) : Number(code.trim()), output };
}
