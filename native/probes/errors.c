/*
 * The error-contract probe: flags, commands and layouts that the errno cases
 * (steps/errors/) need beyond the mechanism probes: *at() calls, mknod types,
 * sendmsg/recvmsg headers and their control messages.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <poll.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(AT_FDCWD); C(O_NOFOLLOW); C(O_NOATIME); C(O_DIRECTORY); C(O_PATH);
	C(S_IFBLK); C(F_DUPFD); C(F_GETFL);
	C(MSG_OOB); C(MSG_EOR); C(MSG_ERRQUEUE); C(SOCK_RAW); C(SOCK_RDM); C(SOCK_PACKET);
	C(AF_UNSPEC); C(AF_NETLINK); C(AF_MAX);
	C(SO_RCVTIMEO); C(SO_SNDTIMEO); C(SO_LINGER); C(SO_REUSEADDR); C(SO_BROADCAST); C(IPPROTO_ICMP); C(IPPROTO_UDP); C(POLLIN); C(POLLOUT); C(POLLERR);
	SIZE(struct msghdr);
	OFF(struct msghdr, msg_name); OFF(struct msghdr, msg_namelen); OFF(struct msghdr, msg_iov);
	OFF(struct msghdr, msg_iovlen); OFF(struct msghdr, msg_control); OFF(struct msghdr, msg_controllen);
	OFF(struct msghdr, msg_flags);
	FSIZE(struct msghdr, msg_namelen); FSIZE(struct msghdr, msg_iovlen); FSIZE(struct msghdr, msg_controllen);
	SIZE(struct iovec); OFF(struct iovec, iov_base); OFF(struct iovec, iov_len);
	SIZE(struct cmsghdr);
	OFF(struct cmsghdr, cmsg_len); OFF(struct cmsghdr, cmsg_level); OFF(struct cmsghdr, cmsg_type);
	FSIZE(struct cmsghdr, cmsg_len);
	probe_num("CMSG_LEN(0)", CMSG_LEN(0));
	probe_num("CMSG_SPACE(0)", CMSG_SPACE(0));
	probe_num("CMSG_ALIGN(1)", CMSG_ALIGN(1));
	/* errno values Linux has and Node's os.constants.errno lacks (native/errno.ts merges them) */
	probe_num("errno.ENOPKG", ENOPKG);
	probe_num("errno.ETOOMANYREFS", ETOOMANYREFS);
	probe_num("errno.ESOCKTNOSUPPORT", ESOCKTNOSUPPORT);
	return probe_end();
}
