/**
 * Run by test/blocked.test.ts inside a sandbox (a seccomp filter, a private IPC
 * or network namespace): makes one call through the kit's own helpers and
 * prints what became of its failure: {"outcome":"skip"|"fail"|"ok","message":...}.
 *   blocked-child.ts shmget|kill|msgget|connect
 */
import { NotAvailable } from '../../native/not-available';
import { lib, must, sys } from '../../native/libc';
import { blockedCalls } from '../../native/syscall-probe';
import { C } from '../../native/constants';
import { shmget } from '../../native/sysv-shm';
import { createQueue } from '../../native/sysv-msg';
import { connect, loopbackAddr, socket } from '../../native/socket';
import { expectSuccess } from '../../steps/support/expect';

const calls: Record<string, () => void> = {
  // blocked by the seccomp-eperm-sysv-shm-sem filter: a named skip
  shmget: () => expectSuccess(shmget(C.IPC_PRIVATE, 4096, C.IPC_CREAT | 0o600)),
  // allowed by that filter; as uid 65534, signalling root's pid 1 is the kernel's real EPERM: a failure
  kill: () => expectSuccess(sys('kill(1, 0)', lib.func('int kill(int, int)'), 1, 0)),
  // in an IPC namespace whose msgmni is 0: ENOSPC, a named skip
  msgget: () => void createQueue(0o600),
  // in a new network namespace (lo down): ENETUNREACH, a named skip
  connect: () => void must(connect(must(socket('SOCK_STREAM', 'AF_INET', 0, 0)), loopbackAddr(9))),
};

const which = process.argv[2];
let result: { outcome: string; message?: string };
try {
  calls[which]();
  result = { outcome: 'ok' };
} catch (e) {
  result = { outcome: e instanceof NotAvailable ? 'skip' : 'fail', message: (e as Error).message };
}
process.stdout.write(`${JSON.stringify({ ...result, blocked: blockedCalls() })}\n`);
