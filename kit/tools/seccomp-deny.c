/*
 * seccomp-deny: runs a command under a seccomp filter that makes the named
 * system calls fail with the given errno, the way a container runtime's
 * profile does. Used by `npm run matrix` to show that the kit reports a
 * blocked mechanism as "not available here", not as a crash or a pass.
 *
 *   seccomp-deny ENOSYS msgget msgsnd msgrcv msgctl -- npm test
 *
 * Every other call is allowed; the filter is inherited by every child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "seccomp-deny knows x86_64 and aarch64; add this architecture's AUDIT_ARCH"
#endif

#define SYSCALL(name) { #name, __NR_##name }
static const struct { const char *name; int nr; } known[] = {
	SYSCALL(msgget), SYSCALL(msgsnd), SYSCALL(msgrcv), SYSCALL(msgctl),
	SYSCALL(semget), SYSCALL(semop), SYSCALL(semtimedop), SYSCALL(semctl),
	SYSCALL(shmget), SYSCALL(shmat), SYSCALL(shmdt), SYSCALL(shmctl),
	SYSCALL(mq_open), SYSCALL(mq_unlink), SYSCALL(mq_timedsend), SYSCALL(mq_timedreceive),
	SYSCALL(mq_notify), SYSCALL(mq_getsetattr),
	SYSCALL(socketpair), SYSCALL(mknodat), SYSCALL(pipe2),
};

static const struct { const char *name; int value; } errnos[] = {
	{ "ENOSYS", ENOSYS }, { "EPERM", EPERM }, { "EACCES", EACCES },
};

static int lookup_syscall(const char *name)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(known[i].name, name)) return known[i].nr;
	fprintf(stderr, "seccomp-deny: unknown system call %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	int sep = 1;
	while (sep < argc && strcmp(argv[sep], "--")) sep++;
	if (argc < 4 || sep >= argc - 1 || sep < 3) {
		fprintf(stderr, "usage: seccomp-deny ENOSYS|EPERM|EACCES syscall... -- command [args]\n");
		return 2;
	}
	int err = -1;
	for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
		if (!strcmp(errnos[i].name, argv[1])) err = errnos[i].value;
	if (err < 0) {
		fprintf(stderr, "seccomp-deny: unknown errno %s\n", argv[1]);
		return 2;
	}
	int n = sep - 2;
	/* load arch; kill on a foreign arch; load nr; one JEQ per denied call; allow */
	struct sock_filter filter[4 + 2 * 32 + 1];
	if (n > 32) { fprintf(stderr, "seccomp-deny: at most 32 calls\n"); return 2; }
	int k = 0;
	filter[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	filter[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0);
	filter[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	filter[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	for (int i = 0; i < n; i++) {
		filter[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)lookup_syscall(argv[2 + i]), 0, 1);
		filter[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA));
	}
	filter[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { .len = (unsigned short)k, .filter = filter };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) { perror("seccomp-deny: PR_SET_NO_NEW_PRIVS"); return 3; }
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) { perror("seccomp-deny: PR_SET_SECCOMP"); return 3; }
	execvp(argv[sep + 1], argv + sep + 1);
	perror("seccomp-deny: exec");
	return 127;
}
