/*
 * The socket and FIFO probe: what features/fifo.feature, socketpair.feature and
 * unix-socket.feature need beyond the core probe: address layouts, socket
 * options, peer credentials, statfs and file-system magic numbers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/magic.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/un.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(AF_UNIX); C(AF_INET); C(AF_INET6); C(SOCK_STREAM); C(SOCK_DGRAM); C(SOCK_SEQPACKET); C(SOCK_RAW);
	C(SOCK_NONBLOCK); C(SOCK_CLOEXEC); C(IPPROTO_TCP); C(SOMAXCONN); C(INADDR_LOOPBACK);
	C(SOL_SOCKET); C(SO_PEERCRED); C(SO_TYPE); C(SO_SNDBUF); C(SO_RCVBUF); C(SO_ERROR);
	C(MSG_DONTWAIT); C(MSG_PEEK); C(MSG_TRUNC); C(MSG_NOSIGNAL);
	SIZE(sa_family_t);
	SIZE(struct sockaddr_un);
	OFF(struct sockaddr_un, sun_family); FSIZE(struct sockaddr_un, sun_family);
	OFF(struct sockaddr_un, sun_path); FSIZE(struct sockaddr_un, sun_path);
	SIZE(struct sockaddr_in);
	OFF(struct sockaddr_in, sin_family); FSIZE(struct sockaddr_in, sin_family);
	OFF(struct sockaddr_in, sin_port); FSIZE(struct sockaddr_in, sin_port);
	OFF(struct sockaddr_in, sin_addr); FSIZE(struct sockaddr_in, sin_addr);
	SIZE(struct ucred);
	OFF(struct ucred, pid); FSIZE(struct ucred, pid);
	OFF(struct ucred, uid); FSIZE(struct ucred, uid);
	OFF(struct ucred, gid); FSIZE(struct ucred, gid);
	SIZE(struct statfs);
	OFF(struct statfs, f_type); FSIZE(struct statfs, f_type);
	C(EXT4_SUPER_MAGIC); C(TMPFS_MAGIC); C(OVERLAYFS_SUPER_MAGIC); C(BTRFS_SUPER_MAGIC); C(XFS_SUPER_MAGIC);
	C(PIPEFS_MAGIC); C(SOCKFS_MAGIC);
	C(S_IFIFO); C(S_IFSOCK); C(O_NONBLOCK); C(O_RDONLY); C(O_WRONLY); C(O_RDWR);
	return probe_end();
}
