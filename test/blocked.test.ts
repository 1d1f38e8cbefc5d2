/**
 * "Not available here" is decided per system call, by probing it: an EPERM or
 * ENOSYS is a named skip only for a call the probe found blocked; ENOSPC from a
 * used-up IPC limit and ENETUNREACH with lo down are named skips; everything
 * else is the kernel's real answer. The sandboxed cases run a small script
 * (test/support/blocked-child.ts) under the real mechanism.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildDir, root } from '../kit/paths';
import { callName, isBlocked, skipIfBlocked, unavailableReason } from '../native/blocked';
import { NotAvailable } from '../native/not-available';
import { blockedCalls, probedCall, probeSyscalls, type ProbeResult } from '../native/syscall-probe';

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

test('callName takes the function out of a call as the kit and the fixtures write it', () => {
  assert.deepEqual(['msgget(key 0x1, 0600)', 'msgctl IPC_RMID', 'shmat', 'mq_open(/x, O_RDONLY)'].map(callName),
    ['msgget', 'msgctl', 'shmat', 'mq_open']);
});

const filtered = /^Seccomp:\s*2$/m.test(readFileSync('/proc/self/status', 'utf8'));

test('on a host without a seccomp filter every probed call answers with the errno the kernel must give, so nothing is blocked', { skip: filtered && 'this process runs under a seccomp filter' }, () => {
  const results = [...probeSyscalls().values()];
  assert.ok(results.length >= 40, `only ${results.length} probes`);
  for (const r of results) assert.equal(r.got, r.expected, `${r.call}: expected ${r.expected}, got ${r.got}`);
  assert.deepEqual(blockedCalls(), []);
  assert.equal(probeSyscalls(), probeSyscalls(), 'probed once per process, then cached');
});

test('the probe covers the calls of the notes, each with the errno the kernel must give to its refused arguments', () => {
  const byErrno: Record<string, string[]> = {};
  for (const r of probeSyscalls().values()) (byErrno[r.expected] ??= []).push(r.call);
  assert.deepEqual(byErrno, {
    ENOENT: ['msgget', 'semget', 'shmget', 'mq_open', 'mq_unlink', 'shm_open', 'shm_unlink', 'mkfifo'],
    EINVAL: ['msgsnd', 'msgrcv', 'msgctl', 'semop', 'semtimedop', 'semctl', 'shmat', 'shmdt', 'shmctl', 'mmap', 'munmap', 'mprotect',
      'memfd_create', 'pipe2', 'socket', 'socketpair', 'kill', 'sigqueue', 'unshare', 'process_vm_readv'],
    EBADF: ['mq_send', 'mq_timedsend', 'mq_receive', 'mq_timedreceive', 'mq_notify', 'mq_getattr', 'mq_setattr', 'ftruncate', 'bind',
      'connect', 'getsockname', 'getpeername', 'accept', 'listen', 'send', 'sendto', 'sendmsg', 'recv', 'recvfrom', 'recvmsg',
      'getsockopt', 'setsockopt'],
    EFAULT: ['pipe'],
    ESRCH: ['ptrace'],
  });
  assert.deepEqual(probedCall('msgget'), probeSyscalls().get('msgget'));
  assert.equal(probedCall('pidfd_getfd'), undefined);
});

/** A probe that found msgget blocked with `got` and everything else answering as the kernel must. */
const probeBlocking = (got: string) => (call: string): ProbeResult | undefined =>
  call === 'msgget' ? { call, expected: 'ENOENT', got, blocked: true }
    : call === 'kill' ? { call, expected: 'EINVAL', got: 'EINVAL', blocked: false } : undefined;

test('a call the probe found blocked is a named skip only with the errno the probe saw', () => {
  const eperm = probeBlocking('EPERM');
  assert.equal(unavailableReason('msgget(key 0x1, IPC_CREAT|0600)', 'EPERM', eperm), 'msgget → EPERM (blocked, probed)');
  assert.equal(unavailableReason('msgget(key 0x1)', 'ENOSYS', eperm), undefined, 'ENOSYS where the probe saw EPERM: not this filter\'s answer');
  assert.equal(isBlocked('msgget', 'ENOSYS', probeBlocking('ENOSYS')), true);
  assert.equal(isBlocked('msgget', 'EPERM', probeBlocking('ENOSYS')), false);
  assert.equal(isBlocked('msgget', 'EACCES', eperm), false, 'only ENOSYS and EPERM can mean blocked');
  assert.equal(isBlocked('kill(1, 0)', 'EPERM', eperm), false, 'a call the probe found allowed: the kernel\'s real EPERM');
  assert.equal(isBlocked('kill(1, 0)', 'ENOSYS', eperm), false);
  assert.throws(() => skipIfBlocked('msgget(key 0x1)', 'EPERM', undefined, eperm), (e: Error) => e instanceof NotAvailable && e.message === 'not available here: msgget → EPERM (blocked, probed)');
  assert.doesNotThrow(() => skipIfBlocked('msgget(key 0x1)', 'EPERM', 'EPERM', eperm), 'the errno the scenario expects is never a skip');
  assert.doesNotThrow(() => skipIfBlocked('kill(1, 0)', 'EPERM', undefined, eperm));
});

test('the blocked calls are listed as "call → errno", in the probe\'s order', () => {
  const r = (call: string, got: string, blocked: boolean): ProbeResult => ({ call, expected: 'EINVAL', got, blocked });
  assert.deepEqual(blockedCalls([r('msgsnd', 'EPERM', true), r('semop', 'EINVAL', false), r('shmat', 'ENOSYS', true)]), ['msgsnd → EPERM', 'shmat → ENOSYS']);
  assert.deepEqual(blockedCalls([]), []);
});

test('a call string without a function name at its start is taken whole', () => {
  assert.deepEqual(['(weird)', ' msgget', '9p'].map(callName), ['(weird)', ' msgget', '9p']);
});

test('without a blocking probe, EPERM is the kernel\'s answer and no skip, whatever seccomp mode the process has', () => {
  assert.equal(probedCall('msgctl')?.blocked, false);
  assert.equal(isBlocked('msgctl(3, IPC_RMID)', 'EPERM'), false);
  assert.equal(unavailableReason('kill(1, 0)', 'EPERM'), undefined);
  assert.doesNotThrow(() => skipIfBlocked('msgctl(3, IPC_RMID)', 'EPERM'));
  assert.equal(unavailableReason('msgsnd(3)', 'EAGAIN'), undefined);
});

test('ENOSYS from a call the probe does not cover means the call does not exist here', () => {
  assert.equal(isBlocked('pidfd_getfd(3)', 'ENOSYS'), true);
  assert.equal(isBlocked('pidfd_getfd(3)', 'EPERM'), false);
  assert.throws(() => skipIfBlocked('pidfd_getfd(3)', 'ENOSYS'), (e: Error) => e instanceof NotAvailable && e.message === 'not available here: pidfd_getfd → ENOSYS (no such call here)');
  assert.doesNotThrow(() => skipIfBlocked('pidfd_getfd(3)', 'ENOSYS', 'ENOSYS'), 'the errno the scenario expects is never a skip');
});

test('ENOSPC from creating a SysV object or a POSIX queue names the used-up limit; from anything else it is a failure', () => {
  assert.match(unavailableReason('msgget(key 0x1, IPC_CREAT|0600)', 'ENOSPC') ?? '', /^msgget → ENOSPC: a kernel IPC limit is used up here \(kernel\.msgmni = \d+\)$/);
  assert.match(unavailableReason('semget(IPC_PRIVATE, 1)', 'ENOSPC') ?? '', /kernel\.sem = \d+ \d+ \d+ \d+/);
  assert.match(unavailableReason('shmget(IPC_PRIVATE, 4096)', 'ENOSPC') ?? '', /kernel\.shmmni = \d+, kernel\.shmall = \d+/);
  assert.match(unavailableReason('mq_open(/x, O_CREAT)', 'ENOSPC') ?? '', /fs\.mqueue\.queues_max = \d+/);
  assert.equal(unavailableReason('write(fd 3, 1 byte)', 'ENOSPC'), undefined);
  assert.doesNotThrow(() => skipIfBlocked('msgget(key 0x1)', 'ENOSPC', 'ENOSPC'));
});

test('ENETUNREACH is a failure while lo is up', () => {
  assert.equal(unavailableReason('connect(fd 3)', 'ENETUNREACH'), undefined);
});

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
