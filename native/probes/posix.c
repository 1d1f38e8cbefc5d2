/*
 * The POSIX IPC probe: shm_open's and mq_open's flags and the layout of
 * struct mq_attr (mq_getattr fills it, mq_open reads it).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <sys/mman.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(O_RDONLY); C(O_WRONLY); C(O_RDWR); C(O_CREAT); C(O_EXCL); C(O_TRUNC); C(O_NONBLOCK);
	C(MQ_PRIO_MAX);
	SIZE(struct mq_attr);
	OFF(struct mq_attr, mq_flags); OFF(struct mq_attr, mq_maxmsg); OFF(struct mq_attr, mq_msgsize); OFF(struct mq_attr, mq_curmsgs);
	FSIZE(struct mq_attr, mq_flags); FSIZE(struct mq_attr, mq_maxmsg); FSIZE(struct mq_attr, mq_msgsize); FSIZE(struct mq_attr, mq_curmsgs);
	return probe_end();
}
