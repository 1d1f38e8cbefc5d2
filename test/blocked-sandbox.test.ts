/**
 * The skip decisions of native/blocked.ts under the real mechanisms: a small
 * script (test/support/blocked-child.ts) runs under a seccomp filter, in an IPC
 * namespace whose msgmni is 0, or in a network namespace whose lo is down.
 * Kept apart from test/blocked.test.ts because each case starts a process
 * (seconds each): the kit mutation run, which reruns a file per mutant, uses
 * the in-process tests only.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildDir, root } from '../kit/paths';

const seccompDeny = join(buildDir, 'tools', 'seccomp-deny');
const isRoot = process.geteuid?.() === 0;
const works = (cmd: string[]) => spawnSync(cmd[0], cmd.slice(1), { stdio: 'ignore' }).status === 0;

/** Runs the child script under the wrapper; its one JSON line. */
function child(wrap: string[], call: string): { outcome: string; message?: string; blocked: string[] } {
  const cmd = [...wrap, process.execPath, '-r', 'ts-node/register/transpile-only', join(root, 'test', 'support', 'blocked-child.ts'), call];
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `${cmd.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const filter = ['EPERM', 'shmget', 'shmat', 'shmdt', 'shmctl', 'semget', 'semop', 'semtimedop', 'semctl', '--'];
const asNobody = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
const canFilter = existsSync(seccompDeny) && works([seccompDeny, 'EPERM', 'shmget', '--', 'true']);

test('under a filter answering EPERM to SysV shm and semaphores: shmget is a named skip, with the probe\'s word', { skip: !canFilter && 'seccomp filters cannot be installed here' }, () => {
  const r = child([seccompDeny, ...filter], 'shmget');
  assert.deepEqual([r.outcome, r.message], ['skip', 'not available here: shmget → EPERM (blocked, probed)']);
  assert.deepEqual(r.blocked, ['semget', 'semop', 'semtimedop', 'semctl', 'shmget', 'shmat', 'shmdt', 'shmctl'].map((c) => `${c} → EPERM`));
});

// uid 65534 must be able to read the checkout (not so in a Stryker sandbox, a private 0700 temp dir)
const nobodyReads = !isRoot || works([...asNobody, 'test', '-r', join(root, 'test', 'support', 'blocked-child.ts')]);

test('under the same filter, a real EPERM from a call it allows (kill of root\'s pid 1 as uid 65534) is a failure, not a skip',
  { skip: (!canFilter && 'seccomp filters cannot be installed here') || (!isRoot && works(['kill', '-0', '1']) && 'this user may signal pid 1')
    || (!nobodyReads && 'uid 65534 cannot read this checkout') }, () => {
    const r = child([seccompDeny, ...filter, ...asNobody], 'kill');
    assert.deepEqual([r.outcome, r.message], ['fail', 'kill(1, 0) failed with EPERM']);
  });

test('under a filter answering ENOSYS to SysV message queues, creating a queue is a named skip, and only those calls are blocked', { skip: !canFilter && 'seccomp filters cannot be installed here' }, () => {
  const r = child([seccompDeny, 'ENOSYS', 'msgget', 'msgsnd', 'msgrcv', 'msgctl', '--'], 'msgget');
  assert.deepEqual([r.outcome, r.message], ['skip', 'not available here: msgget → ENOSYS (blocked, probed)']);
  assert.deepEqual(r.blocked, ['msgget → ENOSYS', 'msgsnd → ENOSYS', 'msgrcv → ENOSYS', 'msgctl → ENOSYS']);
});

test('in an IPC namespace whose msgmni is 0, creating a queue is a named skip naming the limit', { skip: !works(['unshare', '--ipc', 'true']) && 'creating an IPC namespace needs CAP_SYS_ADMIN' }, () => {
  const r = child(['unshare', '--ipc', '--', 'sh', '-c', 'sysctl -qw kernel.msgmni=0 && exec "$@"', 'sh'], 'msgget');
  assert.equal(r.outcome, 'skip');
  assert.match(r.message!, /^not available here: msgget → ENOSPC: a kernel IPC limit is used up here \(kernel\.msgmni = 0\)$/);
});

test('in a network namespace whose lo is down, TCP over loopback is a named skip', { skip: !works(['unshare', '-n', 'true']) && 'creating a network namespace needs CAP_SYS_ADMIN' }, () => {
  const r = child(['unshare', '-n', '--'], 'connect');
  assert.deepEqual([r.outcome, r.message], ['skip', 'not available here: connect → ENETUNREACH: the loopback interface lo is down here']);
});
