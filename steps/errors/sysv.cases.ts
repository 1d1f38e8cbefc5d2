/**
 * How each condition of features/errors/inventory/sysv.yaml is brought about:
 * the cases are fixtures/err-ipc-sysv.c's, run as one batch (ipc-batch.ts).
 * Permission cases drop root to uid 65534 in the fixture; limit cases lower
 * SHMMNI, SEMMNI, MSGMNI... inside a private IPC namespace of their own, so
 * only a root run (CAP_SYS_ADMIN) reaches them and the host's limits are never touched.
 */
import { errnoCases } from './cases';
import { batchedCases } from './ipc-batch';

const sysv = (ids: Parameters<typeof batchedCases>[1]) => batchedCases('err-ipc-sysv', ids);

errnoCases('shmget', sysv({
  'the segment exists and the caller may not access it': 'shmget.EACCES',
  'IPC_CREAT and IPC_EXCL name a key that has a segment': 'shmget.EEXIST',
  'a new segment is smaller than SHMMIN': 'shmget.EINVAL.small',
  'a new segment is larger than SHMMAX': 'shmget.EINVAL.big',
  "the key's segment is smaller than the size asked for": 'shmget.EINVAL.larger',
  'no segment exists for the key and IPC_CREAT is not given': 'shmget.ENOENT',
  'all SHMMNI segment ids are taken': 'shmget.ENOSPC.mni',
  'the new segment would pass the system-wide SHMALL': 'shmget.ENOSPC.all',
  'SHM_HUGETLB is asked for without CAP_IPC_LOCK and with RLIMIT_MEMLOCK at 0': 'shmget.EPERM.huge',
}));

errnoCases('shmat', sysv({
  'the caller may not read the segment': 'shmat.EACCES',
  'a read-write attach is asked for on a segment the caller may only read': 'shmat.EACCES.rw',
  'the segment has been removed and no attachment kept it': 'shmat.EINVAL.removed',
  'shmid is not a valid identifier': 'shmat.EINVAL.id',
  'shmaddr is not page-aligned and SHM_RND is not given': 'shmat.EINVAL.unaligned',
  'shmaddr is already mapped and SHM_REMAP is not given': 'shmat.EINVAL.mapped',
  'SHM_REMAP is given with a null shmaddr': 'shmat.EINVAL.remap',
  'RLIMIT_AS leaves no room for the segment': 'shmat.ENOMEM.as',
}));

errnoCases('shmdt', sysv({
  'no segment is attached at shmaddr': 'shmdt.EINVAL.none',
  'shmaddr is not page-aligned': 'shmdt.EINVAL.unaligned',
}));

const statAndOwner = (call: string) => ({
  'IPC_STAT is asked for without read permission': `${call}.EACCES.stat`,
  'IPC_STAT is given a buf that is not a valid address': `${call}.EFAULT.stat`,
  'IPC_SET is given a buf that is not a valid address': `${call}.EFAULT.set`,
  'cmd is not a valid command': `${call}.EINVAL.cmd`,
  'IPC_SET is asked for by a caller who is neither creator nor owner': `${call}.EPERM.set`,
  'IPC_RMID is asked for by a caller who is neither creator nor owner': `${call}.EPERM.rmid`,
});

errnoCases('shmctl', sysv({
  ...statAndOwner('shmctl'),
  'SHM_STAT is asked for without read permission': 'shmctl.EACCES.shmstat',
  'the segment has been removed': 'shmctl.EINVAL.removed',
  'shmid is not a valid identifier': 'shmctl.EINVAL.id',
  'SHM_STAT names an unused slot': 'shmctl.EINVAL.slot',
  "SHM_LOCK would pass the caller's RLIMIT_MEMLOCK": 'shmctl.ENOMEM.lock',
  'SHM_LOCK is asked for without CAP_IPC_LOCK and with RLIMIT_MEMLOCK at 0': 'shmctl.EPERM.lock',
}));

errnoCases('semget', sysv({
  'the set exists and the caller may not access it': 'semget.EACCES',
  'IPC_CREAT and IPC_EXCL name a key that has a set': 'semget.EEXIST',
  'nsems is negative': 'semget.EINVAL.negative',
  'nsems is greater than SEMMSL': 'semget.EINVAL.semmsl',
  "the key's set has fewer semaphores than nsems": 'semget.EINVAL.larger',
  'no set exists for the key and IPC_CREAT is not given': 'semget.ENOENT',
  'all SEMMNI set ids are taken': 'semget.ENOSPC.mni',
  'the new set would pass the system-wide SEMMNS': 'semget.ENOSPC.mns',
}));

errnoCases('semop', sysv({
  'nsops is greater than SEMOPM': 'semop.E2BIG',
  'the caller may not alter the set': 'semop.EACCES',
  'an operation with IPC_NOWAIT cannot proceed': 'semop.EAGAIN',
  'sops is not a valid address': 'semop.EFAULT',
  'sem_num is not below the number of semaphores': 'semop.EFBIG',
  'the set is removed while the caller waits': 'semop.EIDRM',
  'a signal handler interrupts a blocked semop': 'semop.EINTR',
  'the set does not exist': 'semop.EINVAL.gone',
  'semid is negative': 'semop.EINVAL.negative',
  'nsops is 0': 'semop.EINVAL.nsops',
  'sem_op plus semval would pass SEMVMX': 'semop.ERANGE',
}));

errnoCases('semtimedop', sysv({
  'the timeout of 1 ms expires before the operation can proceed': 'semtimedop.EAGAIN',
  'timeout is not a valid address': 'semtimedop.EFAULT',
  "the timeout's tv_nsec is not below 1000 million": 'semtimedop.EINVAL',
}));

errnoCases('semctl', sysv({
  'GETVAL is asked for without read permission': 'semctl.EACCES.getval',
  'SETVAL is asked for without alter permission': 'semctl.EACCES.setval',
  'IPC_STAT is asked for without read permission': 'semctl.EACCES.stat',
  'IPC_STAT is given an arg.buf that is not a valid address': 'semctl.EFAULT.buf',
  'GETALL is given an arg.array that is not a valid address': 'semctl.EFAULT.array',
  'the set has been removed': 'semctl.EINVAL.removed',
  'cmd is not a valid command': 'semctl.EINVAL.cmd',
  'semid is not a valid identifier': 'semctl.EINVAL.id',
  'SEM_STAT names an unused slot': 'semctl.EINVAL.slot',
  'IPC_SET is asked for by a caller who is neither creator nor owner': 'semctl.EPERM.set',
  'IPC_RMID is asked for by a caller who is neither creator nor owner': 'semctl.EPERM.rmid',
  'SETVAL asks for more than SEMVMX': 'semctl.ERANGE.big',
  'SETVAL asks for a negative value': 'semctl.ERANGE.negative',
  'SETALL holds a value greater than SEMVMX': 'semctl.ERANGE.setall',
}));

errnoCases('msgget', sysv({
  'the queue exists and the caller may not access it': 'msgget.EACCES',
  'IPC_CREAT and IPC_EXCL name a key that has a queue': 'msgget.EEXIST',
  'no queue exists for the key and IPC_CREAT is not given': 'msgget.ENOENT',
  'all MSGMNI queue ids are taken': 'msgget.ENOSPC',
}));

errnoCases('msgsnd', sysv({
  'the caller may not write to the queue': 'msgsnd.EACCES',
  'the queue is full and IPC_NOWAIT is given': 'msgsnd.EAGAIN',
  'msgp is not a valid address': 'msgsnd.EFAULT',
  'the queue is removed while the sender waits on a full queue': 'msgsnd.EIDRM',
  'a signal handler interrupts a sender waiting on a full queue': 'msgsnd.EINTR',
  'msqid is not a valid identifier': 'msgsnd.EINVAL.id',
  'mtype is not positive': 'msgsnd.EINVAL.type',
  'msgsz is negative': 'msgsnd.EINVAL.negative',
  'msgsz is greater than MSGMAX': 'msgsnd.EINVAL.msgmax',
}));

errnoCases('msgrcv', sysv({
  'the message is longer than msgsz and MSG_NOERROR is not given': 'msgrcv.E2BIG',
  'the caller may not read the queue': 'msgrcv.EACCES',
  'msgp is not a valid address': 'msgrcv.EFAULT',
  'the queue is removed while the receiver waits': 'msgrcv.EIDRM',
  'a signal handler interrupts a waiting receiver': 'msgrcv.EINTR',
  'msqid is not a valid identifier': 'msgrcv.EINVAL.id',
  'msgsz is negative': 'msgrcv.EINVAL.negative',
  'MSG_COPY is given without IPC_NOWAIT': 'msgrcv.EINVAL.copy-wait',
  'MSG_COPY and MSG_EXCEPT are given together': 'msgrcv.EINVAL.copy-except',
  'IPC_NOWAIT is given and no message of the type is queued': 'msgrcv.ENOMSG.type',
  'IPC_NOWAIT and MSG_COPY ask for an index past the last message': 'msgrcv.ENOMSG.copy',
  'IPC_NOWAIT and MSG_EXCEPT are given and every message is of the excluded type': 'msgrcv.ENOMSG.except',
}));

errnoCases('msgctl', sysv({
  ...statAndOwner('msgctl'),
  'MSG_STAT is asked for without read permission': 'msgctl.EACCES.msgstat',
  'the queue has been removed': 'msgctl.EINVAL.removed',
  'msqid is not a valid identifier': 'msgctl.EINVAL.id',
  'MSG_STAT names an unused slot': 'msgctl.EINVAL.slot',
  'IPC_SET raises msg_qbytes beyond MSGMNB without CAP_SYS_RESOURCE': ['msgctl.EPERM.qbytes', { bypassedBy: ['CAP_SYS_RESOURCE'] }],
}));
