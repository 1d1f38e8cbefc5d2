/*
 * The core probe: files, descriptors, signals, sizes, struct stat. Each
 * probe in native/probes/ prints one JSON object of the constants, sizes and layouts
 * of this host's headers; `npm run build` merges them into constants.json.
 * Add a name to the probe of its mechanism before you use it in native/.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	/* files and descriptors */
	C(O_RDONLY); C(O_WRONLY); C(O_RDWR); C(O_ACCMODE); C(O_CREAT); C(O_EXCL); C(O_TRUNC);
	C(O_NONBLOCK); C(O_CLOEXEC); C(O_DIRECT); C(O_APPEND);
	C(F_GETFD); C(F_SETFD); C(F_GETFL); C(F_SETFL); C(FD_CLOEXEC);
	C(F_GETPIPE_SZ); C(F_SETPIPE_SZ);
	C(PIPE_BUF); C(FIONREAD); C(SEEK_SET); C(SEEK_CUR);
	C(POLLIN); C(POLLOUT); C(POLLHUP); C(POLLERR); C(POLLNVAL);
	C(S_IFMT); C(S_IFIFO); C(S_IFSOCK); C(S_IFREG); C(S_IFDIR); C(S_IFLNK); C(S_IFCHR);
	C(RLIMIT_NOFILE);
	/* signals */
	C(SIGPIPE); C(SIGBUS); C(SIGSEGV); C(SIGKILL); C(SIGTERM); C(SIGINT); C(SIGUSR1); C(SIGUSR2);
	C(SIGCHLD); C(SIGALRM); C(SIGRTMIN); C(SIGRTMAX);
	/* SysV IPC */
	C(IPC_PRIVATE); C(IPC_CREAT); C(IPC_EXCL); C(IPC_NOWAIT); C(IPC_RMID); C(IPC_SET); C(IPC_STAT); C(IPC_INFO);
	C(MSG_NOERROR); C(MSG_EXCEPT); C(MSG_COPY);
	C(GETVAL); C(SETVAL); C(GETALL); C(SETALL); C(GETPID); C(GETNCNT); C(GETZCNT); C(SEM_UNDO);
	C(SHM_RDONLY); C(SHM_RND); C(SHMLBA);
	/* mmap */
	C(PROT_NONE); C(PROT_READ); C(PROT_WRITE); C(PROT_EXEC);
	C(MAP_SHARED); C(MAP_PRIVATE); C(MAP_ANONYMOUS); C(MAP_FIXED);
	/* sockets */
	C(AF_UNIX); C(SOCK_STREAM); C(SOCK_DGRAM); C(SOCK_SEQPACKET); C(SOCK_NONBLOCK); C(SOCK_CLOEXEC);
	C(SOL_SOCKET); C(SCM_RIGHTS); C(SCM_CREDENTIALS); C(SO_PEERCRED); C(SO_SNDBUF); C(SO_RCVBUF); C(SO_PASSCRED);
	C(MSG_DONTWAIT); C(MSG_PEEK); C(MSG_TRUNC); C(MSG_CTRUNC); C(MSG_WAITALL); C(MSG_NOSIGNAL);
	C(SHUT_RD); C(SHUT_WR); C(SHUT_RDWR);
	/* sysconf names, so page size and friends are read at run time, never assumed */
	C(_SC_PAGESIZE); C(_SC_OPEN_MAX); C(_PC_PIPE_BUF);
	/* sizes and layouts */
	SIZE(long); SIZE(void *); SIZE(size_t); SIZE(off_t); SIZE(pid_t); SIZE(uid_t); SIZE(key_t); SIZE(mode_t); SIZE(time_t);
	SIZE(struct stat);
	OFF(struct stat, st_dev); OFF(struct stat, st_ino); OFF(struct stat, st_mode); OFF(struct stat, st_nlink);
	OFF(struct stat, st_uid); OFF(struct stat, st_size); OFF(struct stat, st_blocks);
	FSIZE(struct stat, st_dev);
	FSIZE(struct stat, st_ino);
	FSIZE(struct stat, st_mode);
	FSIZE(struct stat, st_nlink);
	FSIZE(struct stat, st_size);
	FSIZE(struct stat, st_blocks);
	SIZE(struct ipc_perm);
	OFF(struct ipc_perm, __key); OFF(struct ipc_perm, uid); OFF(struct ipc_perm, gid); OFF(struct ipc_perm, cuid);
	OFF(struct ipc_perm, cgid); OFF(struct ipc_perm, mode);
	FSIZE(struct ipc_perm, gid); FSIZE(struct ipc_perm, cuid); FSIZE(struct ipc_perm, cgid);
	FSIZE(struct ipc_perm, __key); FSIZE(struct ipc_perm, uid); FSIZE(struct ipc_perm, mode);
	SIZE(struct msqid_ds);
	OFF(struct msqid_ds, msg_stime); OFF(struct msqid_ds, msg_rtime); OFF(struct msqid_ds, msg_ctime);
	OFF(struct msqid_ds, msg_qnum); OFF(struct msqid_ds, msg_qbytes); OFF(struct msqid_ds, msg_lspid); OFF(struct msqid_ds, msg_lrpid);
	SIZE(struct semid_ds); OFF(struct semid_ds, sem_nsems);
	SIZE(struct shmid_ds); OFF(struct shmid_ds, shm_segsz); OFF(struct shmid_ds, shm_nattch);
	SIZE(struct sembuf);
	SIZE(struct mq_attr);
	SIZE(struct sockaddr_un); FSIZE(struct sockaddr_un, sun_path);
	return probe_end();
}
