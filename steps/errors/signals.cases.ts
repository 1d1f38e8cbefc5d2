/**
 * How each condition of features/errors/inventory/signals.yaml is brought
 * about: the cases are fixtures/err-ipc-signals.c's, run as one batch
 * (ipc-batch.ts). Blocked waits are proven asleep before the signal; limits
 * (RLIMIT_NPROC, RLIMIT_SIGPENDING) are lowered in the case's child only; a
 * root run drops to uid 65534 where the condition needs a caller without privilege.
 */
import { errnoCases } from './cases';
import { batchedCases } from './ipc-batch';

const signals = (ids: Parameters<typeof batchedCases>[1]) => batchedCases('err-ipc-signals', ids);

errnoCases('signal', signals({
  'signum is not a signal number': 'signal.EINVAL.number',
  'signum is SIGKILL': 'signal.EINVAL.kill',
}));

errnoCases('sigaction', signals({
  'act is not a valid address': 'sigaction.EFAULT.act',
  'oldact is not a valid address': 'sigaction.EFAULT.oldact',
  'signum is not a signal number': 'sigaction.EINVAL.number',
  'signum is SIGKILL': 'sigaction.EINVAL.kill',
  'signum is SIGSTOP': 'sigaction.EINVAL.stop',
  'signum is a real-time signal glibc keeps for itself': 'sigaction.EINVAL.reserved',
}));

errnoCases('kill', signals({
  'sig is not a signal number': 'kill.EINVAL',
  'the target belongs to another user and the caller lacks CAP_KILL': 'kill.EPERM',
  'no process has the pid': 'kill.ESRCH',
  'no process group has the id': 'kill.ESRCH.group',
}));

errnoCases('sigqueue', signals({
  "the caller's RLIMIT_SIGPENDING is reached": 'sigqueue.EAGAIN',
  'sig is not a signal number': 'sigqueue.EINVAL',
  'the target belongs to another user and the caller lacks CAP_KILL': 'sigqueue.EPERM',
  'no process has the pid': 'sigqueue.ESRCH',
}));

errnoCases('fork', signals({
  "the caller's RLIMIT_NPROC is reached": 'fork.EAGAIN.nproc',
  'the caller runs under SCHED_DEADLINE without reset-on-fork': 'fork.EAGAIN.deadline',
  "the caller's PID namespace has lost its init": ['fork.ENOMEM.pidns', { needs: 'CAP_SYS_ADMIN' }],
}));

errnoCases('wait', signals({
  'the caller has no unwaited-for children': 'wait.ECHILD',
  'a signal handler interrupts the wait': 'wait.EINTR',
}));

errnoCases('waitpid', signals({
  'the pid is not a child of the caller': 'waitpid.ECHILD',
  'SIGCHLD is ignored and the child has exited': 'waitpid.ECHILD.ignored',
  'a signal handler interrupts the wait': 'waitpid.EINTR',
  'options hold a bit that is no option': 'waitpid.EINVAL',
  'pid is INT_MIN': 'waitpid.ESRCH',
}));
