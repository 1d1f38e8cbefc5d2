/*
 * The mmap probe: protections, mapping flags, MAP_FAILED and the struct stat
 * fields the mmap claims read (st_rdev of /dev/zero and /dev/null).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	C(PROT_NONE); C(PROT_READ); C(PROT_WRITE); C(PROT_EXEC);
	C(MAP_SHARED); C(MAP_PRIVATE); C(MAP_ANONYMOUS); C(MAP_ANON); C(MAP_FIXED);
	probe_num("MAP_FAILED", (long long)(intptr_t)MAP_FAILED);
	OFF(struct stat, st_rdev); FSIZE(struct stat, st_rdev);
	return probe_end();
}
