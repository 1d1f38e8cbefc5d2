/**
 * "Not available here" is decided per system call, by probing it: an EPERM or
 * ENOSYS is a named skip only for a call the probe found blocked; ENOSPC from a
 * used-up IPC limit and ENETUNREACH with lo down are named skips; everything
 * else is the kernel's real answer. These tests run in this process, with the
 * probe's real answers or a probe of their own; test/blocked-sandbox.test.ts
 * runs the same decisions under real seccomp filters and namespaces.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { callName, isBlocked, skipIfBlocked, unavailableReason } from '../native/blocked';
import { NotAvailable } from '../native/not-available';
import { blockedCalls, probedCall, probeSyscalls, type ProbeResult } from '../native/syscall-probe';

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
