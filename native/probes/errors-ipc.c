/*
 * The probe of the error contract's second part (features/errors/inventory/
 * memory, sysv, posix-mq, signals): errno names the inventory uses that
 * Node's table lacks.
 */
#define _GNU_SOURCE
#include <errno.h>

#include "probe.h"

/* fork(2) lists ERESTARTNOINTR, a value of the kernel's include/linux/errno.h that user-space headers do not export. */
#ifndef ERESTARTNOINTR
#define ERESTARTNOINTR 513
#endif

int main(void)
{
	probe_begin();
	probe_num("errno.ERESTARTNOINTR", ERESTARTNOINTR);
	return probe_end();
}
