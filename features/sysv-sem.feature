@mechanism:sysv-sem
Feature: SysV semaphores
  What notes 000 §4, 001 §3 and 002 (信号量, the comparison and the table) say
  about semget, semop and semctl, checked on this host. Where a note is wrong,
  the scenario states what Linux does; the ledger
  (features/ledger/sysv-sem.yaml) holds the note's words and the verdict.

  Rule: <sys/sem.h> declares the three calls as the note writes them; union semun is the caller's

    @claim:SEM-15 @claim:SEM-19 @claim:SEM-20
    Scenario: semget, semop and semctl compile with the note's prototypes, and the program defines union semun itself
      When a C file that includes <sys/ipc.h> and <sys/sem.h> and declares the note's prototypes is compiled:
        | int semget(key_t key, int num_sems, int sem_flags);                  |
        | int semop(int sem_id, struct sembuf *sem_ops, size_t num_sem_ops);   |
        | int semctl(int sem_id, int sem_num, int command, ...);               |
        | union semun { int val; struct semid_ds *buf; unsigned short *array; }; |
      Then the declarations compile without a diagnostic
      And <sys/sem.h> sets _SEM_SEMUN_UNDEFINED to 1

  Rule: A semaphore is a counter: P takes one, V gives one back, and it never goes below 0

    @claim:SEM-01 @claim:SEM-05 @claim:SEM-20
    Scenario: SETVAL sets the counter, P takes 1 from it and GETVAL reads it
      Given a new private set of 1 semaphore
      When semaphore 0 is set to 3 with SETVAL
      And P is done on semaphore 0 without waiting
      Then GETVAL of semaphore 0 reads 2

    @claim:SEM-09
    Scenario: A semaphore of value 3 lets three P operations through and refuses the fourth with EAGAIN
      Given a new private set of 1 semaphore
      When semaphore 0 is set to 3 with SETVAL
      And P is done on semaphore 0 without waiting 3 times
      Then GETVAL of semaphore 0 reads 0
      When P is done on semaphore 0 without waiting
      Then semop fails with EAGAIN
      And GETVAL of semaphore 0 reads 0

    @claim:SEM-12 @claim:SEM-13 @claim:SEM-11 @claim:SEM-19 @claim:SEM-04 @claim:SEM-07
    Scenario: P on a semaphore at 0 sleeps until another process's V wakes it
      Given a new private set of 1 semaphore
      When a separate process does P on semaphore 0
      Then the kernel counts 1 process waiting for semaphore 0 to grow
      And that process's semop has not returned
      When V is done on semaphore 0
      Then that process's semop returned 0
      And GETVAL of semaphore 0 reads 0
      And the kernel counts 0 processes waiting for semaphore 0 to grow
      And GETPID of semaphore 0 names that process

    @claim:SEM-03 @claim:SEM-06
    Scenario: A semaphore of value 1 is a lock: while one process holds it, another's P with IPC_NOWAIT gets EAGAIN
      Given a new private set of 1 semaphore
      When semaphore 0 is set to 1 with SETVAL
      And P is done on semaphore 0 without waiting
      And a separate process does P on semaphore 0 without waiting
      Then that process's semop failed with EAGAIN
      When V is done on semaphore 0
      And a separate process does P on semaphore 0 without waiting
      Then that process's semop returned 0

    @claim:SEM-10
    Scenario: semop does more than wait and signal: it waits for zero, adds any amount and applies several operations at once
      Given a new private set of 2 semaphores
      When semaphore 0 is set to 1 with SETVAL
      And semop waits for semaphore 0 to be zero without waiting
      Then semop fails with EAGAIN
      When semaphore 0 is set to 0 with SETVAL
      And semop waits for semaphore 0 to be zero without waiting
      Then semop returns 0
      When semop adds 5 to semaphore 0 and 3 to semaphore 1 in one call
      Then GETALL reads 5, 3
      When semop takes 2 from semaphore 0 and 10 from semaphore 1 in one call without waiting
      Then semop fails with EAGAIN
      And GETALL reads 5, 3
      When semop takes 2 from semaphore 0 and 3 from semaphore 1 in one call without waiting
      Then GETALL reads 3, 0
      When semop is given one operation more than kernel.sem's SEMOPM
      Then semop fails with E2BIG

    @claim:SEM-21 @claim:SEM-25
    Scenario: The value stays within 0 and SEMVMX: beyond either end SETVAL and V fail with ERANGE
      Given a new private set of 1 semaphore
      When semaphore 0 is set to SEMVMX with SETVAL
      Then GETVAL of semaphore 0 reads SEMVMX
      When V is done on semaphore 0
      Then semop fails with ERANGE
      When semaphore 0 is set to SEMVMX plus 1 with SETVAL
      Then semctl fails with ERANGE
      When semaphore 0 is set to -1 with SETVAL
      Then semctl fails with ERANGE

    @claim:SEM-22
    Scenario: A semaphore's value carries a number from one process to another
      Given a new private set of 1 semaphore
      When semaphore 0 is set to 12345 with SETVAL
      And a separate process reads semaphore 0
      Then that process read the value 12345

    @claim:SEM-26
    Scenario: A semaphore operation has no message type or priority: struct sembuf is sem_num, sem_op and sem_flg
      Then struct sembuf holds exactly sem_num, sem_op and sem_flg, of 2 bytes each

  Rule: semget creates a new set or gets an existing one by its key

    @claim:SEM-14 @claim:SEM-16 @claim:SEM-17 @claim:SEM-18
    Scenario: The same key gets the same set with nsems 0 or up to its size; IPC_CREAT|IPC_EXCL refuses it
      Given a set of 2 semaphores created with a fresh key and mode 0600
      When semget looks up that key with 0 semaphores and no flags
      Then semget returns the set's id
      When semget looks up that key with 2 semaphores and no flags
      Then semget returns the set's id
      When semget looks up that key with 3 semaphores and no flags
      Then semget fails with EINVAL
      When semget looks up that key with 2 semaphores and IPC_CREAT|IPC_EXCL
      Then semget fails with EEXIST
      And IPC_STAT reports 2 semaphores and mode 0600

    @claim:SEM-14 @claim:SEM-16
    Scenario: Another process gets the set by its key with nsems 0 and sees its values
      Given a set of 2 semaphores created with a fresh key and mode 0600
      When semaphore 0 is set to 7 with SETVAL
      And a separate process gets the set by that key with 0 semaphores and reads semaphore 0
      Then that process got the set's id
      And that process read the value 7

    @claim:SEM-16
    Scenario: IPC_PRIVATE is not a key: every semget(IPC_PRIVATE) makes a new set
      Given a new private set of 1 semaphore
      And another new private set of 1 semaphore
      Then the two sets have different ids

    @claim:SEM-17
    Scenario: A new set needs between 1 and SEMMSL semaphores, the limits of kernel.sem
      Then semctl IPC_INFO reports SEMMSL, SEMMNS, SEMOPM and SEMMNI as kernel.sem does
      When semget creates a private set of 0 semaphores
      Then semget fails with EINVAL
      When semget creates a private set of SEMMSL semaphores
      Then semget returned a set of SEMMSL semaphores
      When semget creates a private set of SEMMSL plus 1 semaphores
      Then semget fails with EINVAL

    @claim:SEM-20
    Scenario: SETALL and GETALL set and read the whole set, and IPC_RMID removes it
      Given a new private set of 3 semaphores
      When the set is set to 4, 5, 6 with SETALL
      Then GETALL reads 4, 5, 6
      When the set is removed with IPC_RMID
      Then GETVAL of semaphore 0 fails with EINVAL

  Rule: Semaphores synchronise threads of one process as well as processes

    @claim:SEM-04 @claim:SEM-07
    Scenario: A thread blocked in P is released by another thread's V in the same process
      When a thread of a process does P on a semaphore at 0 and the main thread does V once the kernel counts it waiting
      Then the kernel counted 1 waiter while the thread had not returned
      And the thread's P returned 0 in the same process

    @claim:SEM-12 @claim:SEM-13
    Scenario: Removing a set wakes its sleeping waiters with EIDRM
      Given a new private set of 1 semaphore
      When a separate process does P on semaphore 0
      Then the kernel counts 1 process waiting for semaphore 0 to grow
      When the set is removed with IPC_RMID
      Then that process's semop failed with EIDRM

    @claim:SEM-03 @claim:SEM-06
    Scenario: SEM_UNDO gives back what a process took when it exits; without it the value stays taken
      Given a new private set of 2 semaphores
      When the set is set to 1, 1 with SETALL
      And a separate process takes semaphore 0 with SEM_UNDO and semaphore 1 without, and stays
      Then GETALL reads 0, 0
      When that process exits
      Then GETALL reads 1, 0

    @claim:SEM-02 @claim:SEM-05 @claim:SEM-08 @claim:SEM-24 @claim:SHM-05 @claim:SHM-17
    Scenario: Four processes each doing 1000 locked increments of a shared counter end at exactly 4000, and their 4000 V operations too
      When 4 processes each increment a counter in a segment 1000 times inside P and V, and do V on a second semaphore each time
      Then the counter ends at 4000
      And the second semaphore's value is 4000
      And the lock semaphore is back at 1

    @claim:SEM-08
    Scenario: Without a semaphore, another process's increment between a load and a store is lost
      When two processes increment a counter in a segment, the second loading it after the first loaded and before it stored
      Then the counter ends at 1 after 2 increments

    @claim:SEM-23
    Scenario: No connection is set up: a process that never called semget operates on a set by its id number alone
      Given a new private set of 1 semaphore
      When a separate process that never called semget does V on semaphore 0 by the set's id
      Then that process's semop returned 0
      And GETVAL of semaphore 0 reads 1
