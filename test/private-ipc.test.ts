/**
 * kit/tools/private-ipc.sh, the wrapper of the mutation runs: what a command creates in SysV IPC,
 * /dev/shm and /tmp ends with it (Stryker kills hung test processes before their cleanup), and a
 * host that cannot give private namespaces is told so, not refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../kit/paths';

const wrapper = join(root, 'kit', 'tools', 'private-ipc.sh');
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(wrapper, args, { encoding: 'utf8', env, timeout: 30_000 });
const works = (cmd: string[]) => spawnSync(cmd[0], cmd.slice(1), { stdio: 'ignore' }).status === 0;
// as the wrapper asks: both namespaces, and tmpfs mounted in them (a container may allow one, not the other)
const canPrivate = works(['unshare', '--ipc', '--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none /dev/shm && mount -t tmpfs none /tmp']);
const sysvKeys = () => readFileSync('/proc/sysvipc/msg', 'utf8').trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/)[0]);

test('objects made under the wrapper (a SysV queue, a /dev/shm name, a /tmp file) are gone from the host when it ends', { skip: canPrivate ? false : 'no private IPC and mount namespace with tmpfs mounts can be made here (needs CAP_SYS_ADMIN, no seccomp or AppArmor rule against them)' }, () => {
  const name = `ipcc-unit-private-${process.pid}`;
  const r = run(['sh', '-c', `touch /dev/shm/${name} /tmp/${name} && ipcmk -Q >/dev/null && tail -n +2 /proc/sysvipc/msg | awk '{print $1}'`]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const inside = r.stdout.trim().split('\n');
  assert.equal(inside.length, 1, `the namespace sees only its own queue: ${r.stdout}`);
  assert.equal(sysvKeys().includes(inside[0]), false, `queue key ${inside[0]} is on the host`);
  assert.equal(existsSync(`/dev/shm/${name}`), false);
  assert.equal(existsSync(`/tmp/${name}`), false);
});

test("the command's exit status and output come through, whatever namespaces the host gives", () => {
  const r = run(['sh', '-c', 'echo "$1 $2"; exit 7', 'sh', 'a b', 'c']);
  assert.equal(r.status, 7);
  assert.equal(r.stdout, 'a b c\n');
});

/** Runs `sh -c 'echo ran'` under the wrapper with a stand-in `unshare` first on PATH; its stderr. */
function withUnshare(script: string): string {
  const bin = mkdtempSync(join(tmpdir(), `ipcc-unit-unshare-${process.pid}-`));
  try {
    writeFileSync(join(bin, 'unshare'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, 'unshare'), 0o755);
    const r = run(['sh', '-c', 'echo ran'], { ...process.env, PATH: `${bin}:${process.env.PATH}` });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'ran\n');
    return r.stderr;
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

test('without unshare the command still runs, and the wrapper says what is shared with the host', () => {
  assert.equal(withUnshare('exit 1'), 'ipc-conformance: no private IPC namespace here: SysV objects, /dev/shm and /tmp are the host\'s, and a killed test process can leave objects there\n');
});

test('an IPC namespace without a mount namespace: the wrapper says /dev/shm and /tmp are shared', () => {
  // an unshare that refuses --mount and, for --ipc alone, runs the command as it is
  const stderr = withUnshare('for a; do [ "$a" = --mount ] && exit 1; done\nshift\nexec "$@"');
  assert.equal(stderr, 'ipc-conformance: no private mount namespace here: /dev/shm and /tmp are the host\'s, and a killed test process can leave names there\n');
});

test('no command: one line and exit 2', () => {
  const r = run([]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'ipc-conformance: private-ipc.sh needs a command to run\n');
});
