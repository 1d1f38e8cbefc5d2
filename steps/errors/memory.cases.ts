/**
 * How each condition of features/errors/inventory/memory.yaml is brought
 * about: the cases are fixtures/err-ipc-memory.c's, run as one batch
 * (ipc-batch.ts). Limits are the process's own (RLIMIT_MEMLOCK, RLIMIT_DATA,
 * RLIMIT_FSIZE, RLIMIT_NOFILE, vm.max_map_count reached by mapping pages), so
 * nothing outside the fixture's child is touched.
 */
import { errnoCases } from './cases';
import { batchedCases } from './ipc-batch';

const memory = (ids: Parameters<typeof batchedCases>[1]) => batchedCases('err-ipc-memory', ids);

errnoCases('mmap', memory({
  'fd refers to a non-regular file, a pipe': 'mmap.ENODEV.pipe',
  'a file mapping is asked for on a descriptor not open for reading': 'mmap.EACCES.wronly',
  'MAP_SHARED and PROT_WRITE are asked for on a descriptor not open read-write': 'mmap.EACCES.shared-write',
  'MAP_SHARED and PROT_WRITE are asked for on an append-only file': ['mmap.EACCES.append', { needs: 'CAP_LINUX_IMMUTABLE' }],
  'MAP_LOCKED would pass RLIMIT_MEMLOCK': 'mmap.EAGAIN.memlock',
  'MAP_LOCKED is asked for with RLIMIT_MEMLOCK at 0 and without CAP_IPC_LOCK': 'mmap.EPERM.memlock',
  'fd is not a valid descriptor and MAP_ANONYMOUS is not given': 'mmap.EBADF',
  'MAP_FIXED_NOREPLACE names a range that is already mapped': 'mmap.EEXIST',
  'offset is not a multiple of the page size': 'mmap.EINVAL.offset',
  'MAP_FIXED is given an addr that is not page-aligned': 'mmap.EINVAL.addr',
  'length is 0': 'mmap.EINVAL.zero',
  'flags hold none of MAP_PRIVATE, MAP_SHARED and MAP_SHARED_VALIDATE': 'mmap.EINVAL.notype',
  'the file system of fd does not support mapping, a directory': 'mmap.ENODEV.directory',
  'the process is at vm.max_map_count': 'mmap.ENOMEM.count',
  'a private writable mapping would pass RLIMIT_DATA': 'mmap.ENOMEM.data',
  'MAP_FIXED names an addr beyond the address space': 'mmap.ENOMEM.beyond',
  'offset plus length passes the largest file offset': 'mmap.EOVERFLOW',
  'PROT_EXEC is asked for on a file of a noexec mount': ['mmap.EPERM.noexec', { needs: 'CAP_SYS_ADMIN' }],
  'a file seal forbids the mapping': 'mmap.EPERM.seal',
  'MAP_HUGETLB is asked for by a caller without CAP_IPC_LOCK': 'mmap.ENOMEM.hugetlb',
}));

errnoCases('munmap', memory({
  'addr is not page-aligned': 'munmap.EINVAL.unaligned',
  'length is 0': 'munmap.EINVAL.zero',
  'the range lies beyond the address space': 'munmap.EINVAL.beyond',
  'unmapping the middle of a mapping would pass vm.max_map_count': 'munmap.ENOMEM.split',
}));

errnoCases('msync', memory({
  'MS_INVALIDATE is given for a locked range': 'msync.EBUSY',
  'addr is not page-aligned': 'msync.EINVAL.unaligned',
  'flags hold a bit other than MS_ASYNC, MS_INVALIDATE and MS_SYNC': 'msync.EINVAL.flags',
  'both MS_SYNC and MS_ASYNC are given': 'msync.EINVAL.both',
  'the range is not mapped': 'msync.ENOMEM',
}));

errnoCases('mprotect', memory({
  'PROT_WRITE is asked for on a shared mapping of a descriptor open read-only': 'mprotect.EACCES',
  'addr is not page-aligned': 'mprotect.EINVAL.unaligned',
  'pkey_mprotect is given a pkey that pkey_alloc did not allocate': 'mprotect.EINVAL.pkey',
  'both PROT_GROWSUP and PROT_GROWSDOWN are given': 'mprotect.EINVAL.grows',
  'prot holds a bit that is no protection': 'mprotect.EINVAL.flags',
  'the range is not mapped': 'mprotect.ENOMEM.unmapped',
  'changing the middle of a mapping would pass vm.max_map_count': 'mprotect.ENOMEM.split',
}));

/** Before 2.34, glibc's shm_open and shm_unlink refuse a name of NAME_MAX bytes or more themselves (EINVAL, ENOENT). */
const OLD_SHM_NAME_CHECK = (errno: string) => ({ below: [2, 34] as [number, number], errno, why: 'its own name check, before 2.34, refuses a name of NAME_MAX bytes or more' });

errnoCases('shm_open', memory({
  "the object's mode denies the access asked for": 'shm_open.EACCES',
  'O_TRUNC is given without write permission on the object': 'shm_open.EACCES.trunc',
  'O_CREAT and O_EXCL name an existing object': 'shm_open.EEXIST',
  'the name holds a slash after the first': 'shm_open.EINVAL',
  'the per-process limit on open file descriptors has been reached': 'shm_open.EMFILE',
  'the name is longer than NAME_MAX': ['shm_open.ENAMETOOLONG', { olderGlibc: OLD_SHM_NAME_CHECK('EINVAL') }],
  'the name is longer than PATH_MAX': ['shm_open.ENAMETOOLONG.pathmax', {
    olderGlibc: { below: [2, 41], errno: 'EINVAL', why: 'its name buffer refuses the name; measured with glibc 2.31 and 2.36, while 2.41 answers ENAMETOOLONG' },
  }],
  'the name does not exist and O_CREAT is not given': 'shm_open.ENOENT',
}));

errnoCases('shm_unlink', memory({
  'the object belongs to another user': 'shm_unlink.EACCES',
  'the name is longer than NAME_MAX': ['shm_unlink.ENAMETOOLONG', { olderGlibc: OLD_SHM_NAME_CHECK('ENOENT') }],
  'the name is longer than PATH_MAX': 'shm_unlink.ENOENT.pathmax',
  'the name does not exist': 'shm_unlink.ENOENT',
}));

errnoCases('ftruncate', memory({
  'fd is not a valid descriptor': 'ftruncate.EBADF',
  'fd is not open for writing': 'ftruncate.EINVAL.rdonly',
  'fd is not a regular file or shared-memory object, a pipe': 'ftruncate.EINVAL.pipe',
  'length is negative': 'ftruncate.EINVAL.negative',
  'length passes RLIMIT_FSIZE': 'ftruncate.EFBIG',
  'a file seal forbids the new size': 'ftruncate.EPERM.seal',
}));
