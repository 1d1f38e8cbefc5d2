/*
 * The SysV message-queue probe: what native/sysv-msg.ts and the msg steps need
 * beyond the core probe. The whole struct msqid_ds as the note lists it, field
 * by field (offset and size), the sizes of its types, and the flags of msgrcv.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(IPC_NOWAIT); C(IPC_CREAT); C(IPC_EXCL); C(IPC_STAT); C(IPC_SET); C(IPC_RMID);
	C(MSG_NOERROR); C(MSG_EXCEPT);
	SIZE(struct msqid_ds); SIZE(msgqnum_t); SIZE(msglen_t); SIZE(time_t); SIZE(long);
	OFF(struct msqid_ds, msg_perm); FSIZE(struct msqid_ds, msg_perm);
	OFF(struct msqid_ds, msg_stime); FSIZE(struct msqid_ds, msg_stime);
	OFF(struct msqid_ds, msg_rtime); FSIZE(struct msqid_ds, msg_rtime);
	OFF(struct msqid_ds, msg_ctime); FSIZE(struct msqid_ds, msg_ctime);
	OFF(struct msqid_ds, __msg_cbytes); FSIZE(struct msqid_ds, __msg_cbytes);
	OFF(struct msqid_ds, msg_qnum); FSIZE(struct msqid_ds, msg_qnum);
	OFF(struct msqid_ds, msg_qbytes); FSIZE(struct msqid_ds, msg_qbytes);
	OFF(struct msqid_ds, msg_lspid); FSIZE(struct msqid_ds, msg_lspid);
	OFF(struct msqid_ds, msg_lrpid); FSIZE(struct msqid_ds, msg_lrpid);
	/* what a signal can carry besides its number (sigqueue), for "queues carry more than signals" */
	SIZE(union sigval);
	return probe_end();
}
