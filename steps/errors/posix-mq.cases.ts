/**
 * How each condition of features/errors/inventory/posix-mq.yaml is brought
 * about: the cases are fixtures/err-ipc-mq.c's, run as one batch
 * (ipc-batch.ts). Blocked senders and receivers are proven asleep before the
 * signal; timeouts are 1 ms; queues_max is lowered only in a private IPC
 * namespace, RLIMIT_MSGQUEUE and RLIMIT_NOFILE only in the case's child.
 */
import { errnoCases } from './cases';
import { batchedCases } from './ipc-batch';

const mq = (ids: Parameters<typeof batchedCases>[1]) => batchedCases('err-ipc-mq', ids);

errnoCases('mq_open', mq({
  'the queue exists and its mode denies the access asked for': 'mq_open.EACCES',
  'the name holds more than one slash': 'mq_open.EACCES.slashes',
  'O_CREAT and O_EXCL name an existing queue': 'mq_open.EEXIST',
  'the name does not start with a slash': 'mq_open.EINVAL.format',
  'O_CREAT is given with mq_maxmsg 0': 'mq_open.EINVAL.maxmsg0',
  'O_CREAT is given with mq_msgsize 0': 'mq_open.EINVAL.msgsize0',
  'mq_maxmsg passes fs.mqueue.msg_max without CAP_SYS_RESOURCE': ['mq_open.EINVAL.msg_max', { bypassedBy: ['CAP_SYS_RESOURCE'] }],
  'mq_msgsize passes fs.mqueue.msgsize_max without CAP_SYS_RESOURCE': ['mq_open.EINVAL.msgsize_max', { bypassedBy: ['CAP_SYS_RESOURCE'] }],
  'mq_maxmsg passes HARD_MAX': 'mq_open.EINVAL.hard_max',
  'the per-process limit on open file descriptors has been reached': 'mq_open.EMFILE',
  'the new queue would pass RLIMIT_MSGQUEUE': 'mq_open.EMFILE.msgqueue',
  'the name is longer than NAME_MAX': 'mq_open.ENAMETOOLONG',
  'O_CREAT is not given and the queue does not exist': 'mq_open.ENOENT',
  'the name is a slash alone': 'mq_open.ENOENT.slash',
  'fs.mqueue.queues_max queues exist': ['mq_open.ENOSPC', { bypassedBy: ['CAP_SYS_RESOURCE'] }],
}));

errnoCases('mq_send', mq({
  'the queue is full and O_NONBLOCK is set': 'mq_send.EAGAIN',
  'mqdes is not a valid descriptor': 'mq_send.EBADF',
  'mqdes is not open for writing': 'mq_send.EBADF.rdonly',
  'a signal handler interrupts a sender blocked on a full queue': 'mq_send.EINTR',
  'msg_prio is not below MQ_PRIO_MAX': 'mq_send.EINVAL.prio',
  'msg_len is greater than mq_msgsize': 'mq_send.EMSGSIZE',
}));

errnoCases('mq_timedsend', mq({
  "the queue is full and abs_timeout's tv_sec is negative": 'mq_timedsend.EINVAL.sec',
  "the queue is full and abs_timeout's tv_nsec is negative": 'mq_timedsend.EINVAL.nsec-negative',
  "the queue is full and abs_timeout's tv_nsec is not below 1000 million": 'mq_timedsend.EINVAL.nsec-big',
  'the queue has room and abs_timeout is invalid': 'mq_timedsend.EINVAL.room',
  'the queue stays full past an abs_timeout 1 ms ahead': 'mq_timedsend.ETIMEDOUT',
}));

errnoCases('mq_receive', mq({
  'the queue is empty and O_NONBLOCK is set': 'mq_receive.EAGAIN',
  'mqdes is not a valid descriptor': 'mq_receive.EBADF',
  'mqdes is not open for reading': 'mq_receive.EBADF.wronly',
  'a signal handler interrupts a receiver blocked on an empty queue': 'mq_receive.EINTR',
  'msg_len is less than mq_msgsize': 'mq_receive.EMSGSIZE',
}));

errnoCases('mq_timedreceive', mq({
  "the queue is empty and abs_timeout's tv_sec is negative": 'mq_timedreceive.EINVAL.sec',
  "the queue is empty and abs_timeout's tv_nsec is negative": 'mq_timedreceive.EINVAL.nsec-negative',
  "the queue is empty and abs_timeout's tv_nsec is not below 1000 million": 'mq_timedreceive.EINVAL.nsec-big',
  'a message is waiting and abs_timeout is invalid': 'mq_timedreceive.EINVAL.ready',
  'the queue stays empty past an abs_timeout 1 ms ahead': 'mq_timedreceive.ETIMEDOUT',
}));

errnoCases('mq_unlink', mq({
  'the queue belongs to another user': 'mq_unlink.EACCES',
  'the name is longer than NAME_MAX': 'mq_unlink.ENAMETOOLONG',
  'no queue has the name': 'mq_unlink.ENOENT',
}));

errnoCases('mq_getattr', mq({ 'mqdes is not a valid descriptor': 'mq_getattr.EBADF' }));

errnoCases('mq_setattr', mq({
  'mqdes is not a valid descriptor': 'mq_setattr.EBADF',
  'mq_flags hold a bit other than O_NONBLOCK': 'mq_setattr.EINVAL',
}));

errnoCases('mq_notify', mq({
  'mqdes is not a valid descriptor': 'mq_notify.EBADF',
  'another process is registered for the queue': 'mq_notify.EBUSY',
  'sigev_notify is not a permitted value': 'mq_notify.EINVAL.kind',
  'SIGEV_SIGNAL names an invalid signal number': 'mq_notify.EINVAL.signo',
}));
