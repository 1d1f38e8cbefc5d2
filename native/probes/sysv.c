/*
 * The SysV shared-memory and semaphore probe: flags, commands, limits macros
 * and the layouts of struct shmid_ds, shminfo, semid_ds, seminfo and sembuf,
 * as this host's headers define them. Read in TypeScript through
 * native/constants.ts (C.SHM_DEST, field('struct shmid_ds', 'shm_cpid')).
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "probe.h"

int main(void)
{
	probe_begin();
	/* shmat flags, shmctl commands, shm_perm.mode bits */
	C(SHM_RDONLY); C(SHM_RND); C(SHM_REMAP); C(SHM_EXEC); C(SHMLBA);
	C(SHM_LOCK); C(SHM_UNLOCK); C(SHM_STAT); C(SHM_INFO);
	C(SHM_DEST); C(SHM_LOCKED);
	/* semop flags and semctl commands; the caller defines union semun when this is 1 */
	C(SEM_UNDO); C(GETPID); C(GETVAL); C(GETALL); C(GETNCNT); C(GETZCNT); C(SETVAL); C(SETALL);
	C(SEM_STAT); C(SEM_INFO);
	C(_SEM_SEMUN_UNDEFINED);
	C(IPC_PRIVATE); C(IPC_CREAT); C(IPC_EXCL); C(IPC_NOWAIT); C(IPC_RMID); C(IPC_SET); C(IPC_STAT); C(IPC_INFO);

	SIZE(struct shmid_ds);
	OFF(struct shmid_ds, shm_perm); OFF(struct shmid_ds, shm_segsz); OFF(struct shmid_ds, shm_atime);
	OFF(struct shmid_ds, shm_dtime); OFF(struct shmid_ds, shm_ctime); OFF(struct shmid_ds, shm_cpid);
	OFF(struct shmid_ds, shm_lpid); OFF(struct shmid_ds, shm_nattch);
	FSIZE(struct shmid_ds, shm_perm); FSIZE(struct shmid_ds, shm_segsz); FSIZE(struct shmid_ds, shm_atime); FSIZE(struct shmid_ds, shm_dtime);
	FSIZE(struct shmid_ds, shm_ctime); FSIZE(struct shmid_ds, shm_cpid); FSIZE(struct shmid_ds, shm_lpid);
	FSIZE(struct shmid_ds, shm_nattch);

	SIZE(struct shminfo);
	OFF(struct shminfo, shmmax); OFF(struct shminfo, shmmin); OFF(struct shminfo, shmmni);
	OFF(struct shminfo, shmseg); OFF(struct shminfo, shmall);
	FSIZE(struct shminfo, shmmax); FSIZE(struct shminfo, shmmin); FSIZE(struct shminfo, shmmni);
	FSIZE(struct shminfo, shmseg); FSIZE(struct shminfo, shmall);

	SIZE(struct semid_ds);
	OFF(struct semid_ds, sem_perm); OFF(struct semid_ds, sem_otime); OFF(struct semid_ds, sem_ctime);
	OFF(struct semid_ds, sem_nsems);
	FSIZE(struct semid_ds, sem_perm); FSIZE(struct semid_ds, sem_otime); FSIZE(struct semid_ds, sem_ctime); FSIZE(struct semid_ds, sem_nsems);

	SIZE(struct seminfo);
	OFF(struct seminfo, semmni); OFF(struct seminfo, semmns); OFF(struct seminfo, semmsl);
	OFF(struct seminfo, semopm); OFF(struct seminfo, semvmx); OFF(struct seminfo, semaem);
	FSIZE(struct seminfo, semmni); FSIZE(struct seminfo, semmns); FSIZE(struct seminfo, semmsl);
	FSIZE(struct seminfo, semopm); FSIZE(struct seminfo, semvmx); FSIZE(struct seminfo, semaem);

	SIZE(struct sembuf);
	OFF(struct sembuf, sem_num); OFF(struct sembuf, sem_op); OFF(struct sembuf, sem_flg);
	FSIZE(struct sembuf, sem_num); FSIZE(struct sembuf, sem_op); FSIZE(struct sembuf, sem_flg);
	SIZE(unsigned short);
	return probe_end();
}
