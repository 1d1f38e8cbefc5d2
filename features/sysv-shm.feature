@mechanism:sysv-shm
Feature: SysV shared memory
  What notes 000 §6, 001 §4 and 002 (共享内存, the comparison and the table)
  say about shmget, shmat, shmdt and shmctl, checked on this host. Where a
  note is wrong, the scenario states what Linux does; the ledger
  (features/ledger/sysv-shm.yaml) holds the note's words and the verdict.

  Rule: <sys/shm.h> declares the four calls as the note writes them

    @claim:SHM-18 @claim:SHM-26 @claim:SHM-30 @claim:SHM-31
    Scenario: shmget, shmat, shmdt and shmctl compile with the note's prototypes
      When a C file that includes <sys/ipc.h> and <sys/shm.h> and declares the note's prototypes is compiled:
        | int shmget(key_t key, size_t size, int shmflg);                |
        | void *shmat(int shm_id, const void* shm_addr, int shmflg);     |
        | int shmdt(const void* shm_addr);                               |
        | int shmctl(int shm_id, int command, struct shmid_ds *buf);     |
      Then the declarations compile without a diagnostic

  Rule: shmget creates a segment of a size in bytes, or finds an existing one by its key

    @claim:SHM-20 @claim:SHM-32
    Scenario: IPC_STAT reports exactly the size asked for, while the attachment spans whole pages
      Given a new private segment of 100 bytes
      Then IPC_STAT reports a size of 100 bytes
      When the segment is attached
      Then its mapping in this process spans one page

    @claim:SHM-32 @claim:SHM-37
    Scenario: The creator picks any size up to kernel.shmmax, and the size is fixed once created
      Then shmctl IPC_INFO reports the limits kernel.shmmax, kernel.shmmni and kernel.shmall of /proc/sys
      When private segments of 1, 5000 and 16777216 bytes, or kernel.shmmax where that is smaller, are created
      Then IPC_STAT reports each of their sizes exactly
      When a private segment of 0 bytes is requested
      Then shmget fails with EINVAL
      When a private segment of kernel.shmmax plus 1 bytes is requested
      Then shmget fails with EINVAL
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      When shmget looks up that key with size 8192 and no flags
      Then shmget fails with EINVAL

    @claim:SHM-21 @claim:SHM-22 @claim:SHM-45
    Scenario: The same key finds the same segment; size 0 or any size up to its own will do
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      When shmget looks up that key with size 0 and no flags
      Then shmget returns the segment's id
      When shmget looks up that key with size 4096 and no flags
      Then shmget returns the segment's id
      When shmget looks up that key with size 0 and IPC_CREAT
      Then shmget returns the segment's id
      When shmget looks up that key with size 4096 and IPC_CREAT|IPC_EXCL
      Then shmget fails with EEXIST
      And IPC_STAT reports mode 0600 and this process's user as owner and creator

    @claim:SHM-24
    Scenario: shmget returns -1 and sets errno ENOENT for a key nobody created
      When shmget looks up an unused key with size 4096 and no flags
      Then shmget fails with ENOENT

    @claim:SHM-45 @claim:SHM-27
    Scenario: A separate process that uses the same key gets the same id and the same bytes
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      And the segment is attached
      And "agreed key" is stored at offset 0 of the attachment
      When a separate process gets the segment by that key and reads 10 bytes at offset 0
      Then that process got the segment's id
      And that process read "agreed key"
      When a separate process looks up another unused key
      Then that process's lookup failed with ENOENT

    @claim:SHM-19
    Scenario: IPC_PRIVATE is not a key: every shmget(IPC_PRIVATE) makes a new segment
      Given a new private segment of 4096 bytes
      And another new private segment of 4096 bytes
      Then the two segments have different ids
      And IPC_STAT reports key 0 for both

    @claim:SHM-19 @claim:SHM-40
    Scenario: A key names a segment only within one IPC namespace of this machine
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      When a process in a new IPC namespace looks up that key
      Then that process's lookup in the new namespace failed with ENOENT

    @claim:SHM-23
    Scenario: shmget's id is not always positive: the first segment of a fresh IPC namespace gets id 0
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      When a process in a new IPC namespace looks up that key
      Then that process's first segment in the new namespace got id 0

  Rule: A segment is used through an attachment in the process's address space

    @claim:SHM-25 @claim:SHM-38 @claim:SHM-46
    Scenario: A segment has no address until shmat maps it into the process
      Given a new private segment of 4096 bytes
      Then IPC_STAT reports 0 attachments
      And this process has no mapping of the segment
      When the segment is attached
      Then IPC_STAT reports 1 attachment
      And /proc/self/maps shows a shared "rw-s" mapping of the segment at the attach address, named after its key

    @claim:SHM-28 @claim:SHM-29
    Scenario: shm_addr NULL lets the kernel choose; a given address must be SHMLBA-aligned unless SHM_RND rounds it
      Given a new private segment of 4096 bytes
      When a process attaches it at NULL, at that address plus 1, with SHM_RND, and at the address itself
      Then the kernel chose an address aligned to SHMLBA
      And the address plus 1 was refused with EINVAL
      And with SHM_RND it was rounded down to a multiple of SHMLBA
      And the aligned address was used as given

    @claim:SHM-29 @claim:SHM-42
    Scenario: An attachment made with SHM_RDONLY can be read, and a store through it is killed by SIGSEGV
      Given a new private segment of 4096 bytes
      And the segment is attached
      And "R" is stored at offset 0 of the attachment
      When a child attaches the segment with SHM_RDONLY and loads a byte
      Then the child survived and loaded "R"
      When a child attaches the segment with SHM_RDONLY and stores a byte
      Then the child was killed by SIGSEGV

    @claim:SHM-30 @claim:SHM-16
    Scenario: shmdt unmaps the segment; the segment and its bytes stay for the next process
      Given a new private segment of 4096 bytes
      And the segment is attached
      And "kept" is stored at offset 0 of the attachment
      When the segment is detached
      Then shmdt returned 0
      And IPC_STAT reports 0 attachments
      And this process has no mapping of the segment
      When a separate process attaches the segment by its id and reads 4 bytes at offset 0
      Then that process read "kept"
      When a child attaches the segment, detaches it and stores a byte at the old address
      Then the child was killed by SIGSEGV

    @claim:SHM-31
    Scenario: shmctl reads the segment's state with IPC_STAT, changes its mode with IPC_SET and removes it with IPC_RMID
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      Then IPC_STAT reports this process as the creator, no attach or detach yet and 0 attachments
      When a separate process attaches the segment by its id and reads 1 bytes at offset 0
      Then IPC_STAT reports that process as the last to attach or detach, and 0 attachments
      When the segment's mode is set to 0640 with IPC_SET
      Then IPC_STAT reports mode 0640 and this process's user as owner and creator
      When the segment is removed with IPC_RMID
      Then IPC_STAT fails with EINVAL
      And shmget of the segment's key fails with ENOENT

    @claim:SHM-31 @claim:SHM-30
    Scenario: A segment removed while attached stays usable until the last detach
      Given a segment of 4096 bytes created with a fresh key and mode 0600
      And the segment is attached
      And "alive" is stored at offset 0 of the attachment
      When the segment is removed with IPC_RMID
      Then IPC_STAT shows SHM_DEST in its mode, key 0 and 1 attachment
      And shmget of the segment's key fails with ENOENT
      And the attachment still reads "alive" at offset 0
      When a separate process attaches the segment by its id and reads 5 bytes at offset 0
      Then that process read "alive"
      When the segment is detached
      Then IPC_STAT fails with EINVAL

  Rule: Processes that attach one segment share the same memory, with no copying

    @claim:SHM-01 @claim:SHM-06 @claim:SHM-10 @claim:SHM-27 @claim:SHM-36
    Scenario: A separate process attaches the segment by its id, and each reads what the other stored
      Given a new private segment of 4096 bytes
      And the segment is attached
      And "from node" is stored at offset 0 of the attachment
      When a separate process attaches the segment by its id, reads 9 bytes at offset 0 and stores "from the fixture" at offset 100
      Then that process read "from node"
      And the attachment reads "from the fixture" at offset 100

    @claim:SHM-02 @claim:SHM-06 @claim:SHM-10 @claim:SHM-41 @claim:SHM-46
    Scenario: Four processes attached at once each write their own slot and every one reads all the slots
      Given a new private segment of 4096 bytes
      And the segment is attached
      And "greetings from the creator" is stored at offset 0 of the attachment
      When 4 processes attach the segment at once, each writes its slot and then reads every slot
      Then all 4 were attached at the same time
      And each of them read the creator's greeting and all 4 slots
      And the attachment reads all 4 slots

    @claim:SHM-15 @claim:SHM-36
    Scenario: Two attachments of one segment are the same memory: a store through one is read through the other with no call in between
      Given a new private segment of 4096 bytes
      When the segment is attached twice
      Then the two attachments have different addresses
      And 4096 bytes stored through the first attachment are read back through the second with no call in between

    @claim:SHM-35
    Scenario: Threads of one process already share its memory, with no segment at all
      When a second thread writes a global variable and a heap buffer of its process
      Then the main thread reads 42 from the global and "from the thread" from the buffer

  Rule: The kernel does not synchronise access to the segment; the programs must

    @claim:SHM-17 @claim:SHM-34 @claim:SHM-39 @claim:SHM-05 @claim:SHM-09 @claim:SHM-13 @claim:SEM-08
    Scenario: Without a lock, another process's increment between a load and a store is lost
      When two processes increment a counter in a segment, the second loading it after the first loaded and before it stored
      Then the counter ends at 1 after 2 increments
      And the second process had read 0

    @claim:SHM-17 @claim:SHM-34 @claim:SHM-39 @claim:SHM-05 @claim:SHM-09 @claim:SHM-13 @claim:SEM-08
    Scenario: With a semaphore around the increment, the second process sleeps in P until V, and no increment is lost
      When two processes increment a counter in a segment inside P and V of a semaphore
      Then while the first was between its load and store, the kernel counted 1 process waiting in P
      And the counter ends at 2 after 2 increments
      And the second process had read 1

    @claim:SHM-43 @claim:SHM-47 @claim:SHM-48 @claim:SHM-49
    Scenario: Stores are not messages: with nobody reading, 1000 stores never wait and each overwrites the last
      Given a new private segment of 4096 bytes
      And the segment is attached
      When 1000 messages are stored one after another at offset 0 while no other process is attached
      Then IPC_STAT reports 1 attachment
      When a separate process attaches the segment by its id and reads 11 bytes at offset 0
      Then that process read "message 999"

  Rule: Only the permission bits guard a segment, whatever key it was made with

    @claim:SHM-44
    Scenario: An IPC_PRIVATE segment is open to any process of its user that finds its id, and /proc lists the id
      Given a new private segment of 4096 bytes
      And the segment is attached
      And "not private" is stored at offset 0 of the attachment
      Then /proc/sysvipc/shm lists the segment with key 0
      When a separate process attaches the segment by its id and reads 11 bytes at offset 0
      Then that process read "not private"

    @claim:SHM-44 @claim:SHM-42
    Scenario: A segment with mode 0600 is closed to uid 65534 unless that is its owner
      Given a new private segment of 4096 bytes
      When a process running as uid 65534 attaches the segment by its id
      Then that process was refused with EACCES unless it is the segment's owner

    @claim:SHM-42
    Scenario: With read permission only, a process can attach only with SHM_RDONLY
      Given a segment of 4096 bytes created with a fresh key and mode 0444
      When a process running as uid 65534 attaches the segment by its id
      Then that process was refused with EACCES
      When a process running as uid 65534 attaches the segment by its id with SHM_RDONLY
      Then that process was attached
