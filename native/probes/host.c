/*
 * The host probe: what native/platform.ts needs to read facts about the host
 * that /proc and /sys cannot be trusted for, such as whether the loopback
 * interface is up in this network namespace (SIOCGIFFLAGS on struct ifreq).
 */
#define _GNU_SOURCE
#include <net/if.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(SIOCGIFFLAGS); C(IFF_UP); C(IFNAMSIZ);
	SIZE(struct ifreq);
	OFF(struct ifreq, ifr_flags); FSIZE(struct ifreq, ifr_flags);
	return probe_end();
}
