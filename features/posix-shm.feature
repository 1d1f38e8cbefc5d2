@mechanism:posix-shm
Feature: POSIX shared memory (shm_open, shm_unlink)
  What note 001 §4.1 says about POSIX shared memory, checked on this host.
  Node opens and maps the objects through koffi; a second process
  (fixtures/mmap-peer.c, fixtures/pshm-unlinked.c) shows that the memory is shared.
  The ledger (features/ledger/posix-shm.yaml) holds the note's words and the verdicts.

  Rule: How a program gets shm_open: from libc since glibc 2.34, from librt before

    @claim:PSHM-01
    Scenario: A program that calls shm_open links without -lrt exactly where glibc is 2.34 or newer, and with -lrt everywhere
      When a program that calls shm_open is linked without -lrt
      Then it links exactly when glibc is 2.34 or newer, and runs
      When a program that calls shm_open is linked with -lrt
      Then it links and runs

    @claim:PSHM-02
    Scenario: <sys/mman.h> declares shm_open as the note writes it
      When a C file that includes <sys/mman.h> and declares the note's shm_open prototype is compiled
      Then it compiles without a diagnostic

  Rule: shm_open works like open() on a name in /dev/shm, and its fd is made for mmap

    @claim:PSHM-02 @claim:PSHM-03 @claim:PSHM-04 @claim:PSHM-07 @claim:PSHM-10
    Scenario: O_CREAT makes an empty object /dev/shm/<name>; ftruncate gives it a size, mmap maps it
      When a shared-memory object is opened with O_RDWR|O_CREAT|O_EXCL and mode 0600
      Then the call returns a descriptor with FD_CLOEXEC set
      And /dev/shm holds the name as a regular file of mode 0600 and size 0
      When the object is truncated to 1 page
      Then the call returns 0
      When the object is mapped with PROT_READ|PROT_WRITE and MAP_SHARED
      Then the call returns 0

    @claim:PSHM-07
    Scenario: The note's O_CREATE does not exist; the flag is O_CREAT
      When a C file that passes O_CREATE to shm_open is compiled
      Then the compiler rejects O_CREATE as undeclared

    @claim:PSHM-10 @claim:PSHM-06 @claim:PSHM-04
    Scenario: Another process maps the object by its name and sees our stores; we see its
      Given a shared-memory object of 1 page created O_RDWR and mapped MAP_SHARED
      When another process opens the object by name, maps it and stores "written by the peer" at offset 0
      Then our mapping shows "written by the peer" at offset 0
      When "written by node" is stored at offset 64 through our mapping
      Then another process that opens and maps the object reads "written by node" at offset 64

    @claim:PSHM-06 @claim:PSHM-05 @claim:PSHM-04
    Scenario: An object opened O_RDONLY maps for reading but not for shared writing
      Given a shared-memory object of 1 page created O_RDWR and mapped MAP_SHARED
      And "kept" is stored at offset 0 through our mapping
      When the object is opened again with O_RDONLY
      And the object is mapped with PROT_READ and MAP_SHARED
      Then the call returns 0
      And the new mapping shows "kept" at offset 0
      When the object is mapped with PROT_READ|PROT_WRITE and MAP_SHARED
      Then the call fails with EACCES
      When 4 bytes are written to the object's descriptor
      Then the call fails with EBADF

    @claim:PSHM-08
    Scenario: O_CREAT|O_EXCL on an existing name fails with EEXIST; O_CREAT alone opens the same object
      Given a shared-memory object of 1 page created O_RDWR and mapped MAP_SHARED
      When the object is opened again with O_RDWR|O_CREAT|O_EXCL
      Then the call fails with EEXIST
      When the object is opened again with O_RDWR|O_CREAT
      Then the new descriptor refers to the same object, 1 page long

    @claim:PSHM-09
    Scenario: O_TRUNC empties the existing object, it does not make a new one
      Given a shared-memory object of 1 page created O_RDWR and mapped MAP_SHARED
      And "old contents" is stored at offset 0 through our mapping
      When the object is opened again with O_RDWR|O_TRUNC
      Then the new descriptor refers to the same object, 0 pages long
      And the first descriptor sees the object 0 bytes long too

    @claim:PSHM-11
    Scenario: shm_open of a name that does not exist returns -1 with ENOENT
      When a shared-memory object that does not exist is opened with O_RDWR
      Then the call fails with ENOENT

  Rule: shm_unlink removes the name, not the memory: mappings keep working until they are gone

    @claim:PSHM-12
    Scenario: After shm_unlink the name is gone, while the mapping keeps its bytes and a new object of that name is a different one
      Given a shared-memory object of 1 page created O_RDWR and mapped MAP_SHARED
      And "before unlink" is stored at offset 0 through our mapping
      When the object's name is unlinked
      Then the call returns 0
      And /dev/shm no longer holds the name
      And our mapping shows "before unlink" at offset 0
      When the object is opened again with O_RDWR
      Then the call fails with ENOENT
      When the object is opened again with O_RDWR|O_CREAT|O_EXCL
      Then the new descriptor refers to a different object, 0 pages long

    @claim:PSHM-12
    Scenario: A parent and its child still share an object after its name was unlinked
      When a process maps a new object, forks, unlinks the name, and its child stores "after unlink"
      Then its shm_unlink returned 0
      And its shm_open of the name afterwards failed with ENOENT
      And the parent reads "after unlink" through its mapping
