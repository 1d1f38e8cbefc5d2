/**
 * What the reports say about the host (reports/platform.json, the claims report's
 * header) is read from the host: each fact here is compared with the same fact
 * asked another way (getconf, /proc read by hand, a fresh network namespace).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../kit/paths';
import { C } from '../native/constants';
import { NotAvailable } from '../native/not-available';
import { containerHint, hasCapability, libcVersion, loopbackDown, pageSize, platformFacts, runHostTool, sysctl, sysctlText } from '../native/platform';

const procSys = (name: string) => readFileSync(`/proc/sys/${name}`, 'utf8').trim();
const status = (field: string): string => readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`))!.split(':')[1].trim();
const filtered = status('Seccomp') !== '0';

test('the host facts of the reports are what getconf and /proc say, each under its own name', () => {
  const capEff = status('CapEff');
  assert.deepEqual(platformFacts(), {
    'kernel.release': release(),
    'kernel.arch': arch(),
    'libc.glibc_version': execFileSync('getconf', ['GNU_LIBC_VERSION'], { encoding: 'utf8' }).trim().replace(/^glibc /, ''),
    'node.version': process.version,
    'page_size': Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })),
    'PIPE_BUF': Number(execFileSync('getconf', ['PIPE_BUF', '/'], { encoding: 'utf8' })),
    'fs.pipe-max-size': Number(procSys('fs/pipe-max-size')),
    'fs.pipe-user-pages-soft': Number(procSys('fs/pipe-user-pages-soft')),
    'uid': process.getuid!(),
    'euid': process.geteuid!(),
    'cap.effective': capEff,
    'cap.CAP_SYS_RESOURCE': ((BigInt(`0x${capEff}`) >> 24n) & 1n) === 1n,
    'seccomp': status('Seccomp'),
    'container': containerHint(),
    'syscalls.blocked': platformFacts()['syscalls.blocked'],
    'loopback': 'up',
    'kernel.msgmnb': Number(procSys('kernel/msgmnb')),
    'kernel.msgmax': Number(procSys('kernel/msgmax')),
    'kernel.shmmax': Number(procSys('kernel/shmmax')),
    'kernel.sem': procSys('kernel/sem').split(/\s+/).join(' '),
    'fs.mqueue.msg_max': Number(procSys('fs/mqueue/msg_max')),
    'fs.mqueue.msgsize_max': Number(procSys('fs/mqueue/msgsize_max')),
  });
  assert.equal(pageSize(), Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })));
  assert.match(libcVersion(), /^\d+\.\d+$/);
});

test('without a seccomp filter the report says no call is blocked, in words', { skip: filtered && 'this process runs under a seccomp filter' }, () => {
  assert.equal(platformFacts()['syscalls.blocked'], 'none (every probed call answered as the kernel does)');
});

test('a /proc/sys number is its first field; a missing file is undefined, never 0', () => {
  assert.equal(sysctl('kernel/sem'), Number(procSys('kernel/sem').split(/\s+/)[0]));
  assert.equal(sysctlText('kernel/sem'), procSys('kernel/sem'));
  assert.equal(sysctl('kernel/ipcc-no-such-limit'), undefined);
  assert.equal(sysctlText('kernel/ipcc-no-such-limit'), undefined);
});

test('each capability is read from its own bit of CapEff; an unknown name is an error', () => {
  const eff = BigInt(`0x${status('CapEff')}`);
  const bits: Record<string, number> = { CAP_CHOWN: 0, CAP_DAC_OVERRIDE: 1, CAP_DAC_READ_SEARCH: 2, CAP_FOWNER: 3, CAP_SETUID: 7, CAP_LINUX_IMMUTABLE: 9,
    CAP_NET_BIND_SERVICE: 10, CAP_NET_RAW: 13, CAP_IPC_LOCK: 14, CAP_IPC_OWNER: 15, CAP_SYS_PTRACE: 19, CAP_SYS_ADMIN: 21, CAP_SYS_RESOURCE: 24, CAP_MKNOD: 27 };
  for (const [name, bit] of Object.entries(bits)) assert.equal(hasCapability(name), ((eff >> BigInt(bit)) & 1n) === 1n, name);
  assert.throws(() => hasCapability('CAP_NO_SUCH'), { message: 'unknown capability CAP_NO_SUCH' });
});

const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
const nobodySkip = process.geteuid?.() !== 0 ? 'needs root to become uid 65534'
  : spawnSync(asNobody[0], [...asNobody.slice(1), 'test', '-r', join(root, 'native', 'platform.ts')]).status !== 0 ? 'uid 65534 cannot read this checkout' : false;

test('as uid 65534 no capability is effective', { skip: nobodySkip }, () => {
  const r = spawnSync(asNobody[0], [...asNobody.slice(1), process.execPath, '-r', 'ts-node/register/transpile-only', '-e',
    "const p = require('./native/platform'); process.stdout.write(JSON.stringify(['CAP_SYS_ADMIN', 'CAP_IPC_OWNER', 'CAP_DAC_OVERRIDE'].map(p.hasCapability)))"],
  { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '[false,false,false]');
});

test('in a fresh network namespace lo is down, and the facts say so', { skip: spawnSync('unshare', ['-n', 'true']).status !== 0 && 'creating a network namespace needs CAP_SYS_ADMIN' }, () => {
  assert.equal(loopbackDown(), false, 'lo is up in this namespace');
  const r = spawnSync('unshare', ['-n', '--', process.execPath, '-r', 'ts-node/register/transpile-only', '-e',
    "const p = require('./native/platform'); process.stdout.write(JSON.stringify([p.loopbackDown(), p.platformFacts().loopback]))"],
  { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '[true,"down"]');
});

test('the container hint reads Docker\'s and Podman\'s marks, then the cgroup of pid 1', (t) => {
  const dir = mkdtempSync(join(tmpdir(), `ipcc-unit-${process.pid}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const at = (name: string) => join(dir, name);
  for (const d of ['a', 'b/run', 'c/proc/1', 'd/proc/1', 'e']) mkdirSync(at(d), { recursive: true });
  writeFileSync(at('a/.dockerenv'), '');
  writeFileSync(at('b/run/.containerenv'), '');
  writeFileSync(at('c/proc/1/cgroup'), '0::/system.slice/containerd.service/kubepods-abc\n');
  writeFileSync(at('d/proc/1/cgroup'), '0::/init.scope\n');
  assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map((d) => containerHint(at(d))), ['docker', 'podman', 'container (cgroup)', 'none detected', 'none detected']);
  for (const word of ['docker', 'libpod']) {
    writeFileSync(at('d/proc/1/cgroup'), `0::/machine.slice/${word}-1.scope\n`);
    assert.equal(containerHint(at('d')), 'container (cgroup)', word);
  }
});

test('host tools run in the C locale; one that exits 127 is not installed; PIPE_BUF is the POSIX minimum or more', () => {
  const r = runHostTool('sh', ['-c', 'printf %s "$LC_ALL"'], 'dash');
  assert.deepEqual([r.status, r.stdout], [0, 'C']);
  assert.throws(() => runHostTool('sh', ['-c', 'exit 127'], 'dash'), (e: Error) => e instanceof NotAvailable && e.message === 'not available here: sh is not installed (Debian: dash)');
  assert.equal(runHostTool('sh', ['-c', 'exit 3'], 'dash').status, 3, 'any other status is the caller\'s to judge');
  assert.ok(C.PIPE_BUF >= 512);
});
