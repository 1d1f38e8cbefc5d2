@mechanism:mmap
Feature: Memory mappings (mmap)
  What notes 001 §2 and §2.1 and 003 (一些常见的IPC机制) say about mmap(2) and
  munmap(2), checked on this host. Node maps and touches memory through koffi;
  faults (SIGSEGV, SIGBUS) and fork are shown by C fixtures (fixtures/mmap-*.c).
  The ledger (features/ledger/mmap.yaml) holds the note's words and the verdicts.

  Rule: mmap(addr, length, prot, flags, fd, offset) returns the start of the mapping, or MAP_FAILED

    @claim:MMAP-01 @claim:MMAP-10
    Scenario: <sys/mman.h> declares mmap and munmap exactly as the note writes them
      When a C file that includes <sys/mman.h> and declares the note's mmap and munmap prototypes is compiled
      Then it compiles without a diagnostic

    @claim:MMAP-03 @claim:MMAP-09 @claim:MMAP-22
    Scenario: With addr NULL the kernel picks a page-aligned address
      When 1 page is mapped with addr NULL, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS and fd -1
      Then the call returns 0
      And the mapping starts at a page-aligned address other than MAP_FAILED
      And the mapping's first page reads as zero bytes

    @claim:MMAP-09 @claim:MMAP-11 @claim:MMAP-21
    Scenario Outline: A mapping of length 0 is refused: mmap returns MAP_FAILED with EINVAL (<what>)
      Given a file of 3 pages
      When 0 bytes of <what> are mapped with PROT_READ and MAP_SHARED
      Then mmap returned MAP_FAILED
      And the call fails with EINVAL

      Examples:
        | what                 |
        | anonymous memory     |
        | the file             |
        | /dev/zero            |

    @claim:MMAP-02
    Scenario: addr is a hint: used when the range is free, ignored when it is taken, forced only by MAP_FIXED
      When a process maps one page with each kind of hint
      Then with the address of a free page as hint the mapping starts exactly there
      And with the address of a mapped page as hint the mapping starts elsewhere
      And with that mapped page's address and MAP_FIXED the mapping starts exactly there
      And with MAP_FIXED and an address that is not page-aligned mmap fails with EINVAL

  Rule: length is rounded up to whole pages of sysconf(_SC_PAGESIZE) bytes, not "any length"

    @claim:MMAP-04 @claim:MMAP-16
    Scenario: A mapping of 1 byte occupies one whole page
      # shared, so that the kernel cannot merge it with a neighbouring area and /proc/self/maps shows it alone
      When 1 byte is mapped with addr NULL, PROT_READ, MAP_SHARED|MAP_ANONYMOUS and fd -1
      Then the call returns 0
      And /proc/self/maps shows the mapping 1 page long
      And the page size is sysconf(_SC_PAGESIZE), with huge pages of Hugepagesize from /proc/meminfo besides

    @claim:MMAP-04 @claim:MMAP-21
    Scenario: Of a 4-byte mapping every byte of its page is usable, and the next page is not
      When a process maps 4 bytes read-write in front of an inaccessible page and touches them
      Then the write at offset "3" succeeds
      And the write at offset "1000" succeeds
      And the read at offset "page - 1" gives 0
      And the read at offset "page" is killed by SIGSEGV

    @claim:MMAP-21 @claim:MMAP-26
    Scenario: A length larger than the address space is refused with ENOMEM
      When 4611686018427387904 bytes of anonymous memory are mapped with PROT_READ and MAP_PRIVATE|MAP_ANONYMOUS
      Then mmap returned MAP_FAILED
      And the call fails with ENOMEM

  Rule: prot is enforced by the MMU, and munmap really removes the mapping

    @claim:MMAP-05 @claim:MMAP-20
    Scenario: The note's mmap(NULL, 4, PROT_READ, MAP_SHARED|MAP_ANONYMOUS, -1, 0) succeeds; a write to it raises SIGSEGV
      When a process makes the note's read-only anonymous mapping, reads it and writes it
      Then its mmap returned a mapping
      And the read at offset "0" gives 0
      And the write at offset "0" is killed by SIGSEGV

    @claim:MMAP-10
    Scenario: munmap returns 0, and the next access raises SIGSEGV
      When a process writes "m" into a page, unmaps it and reads it again
      Then the read at offset "0" before munmap gives 109
      And its munmap returned 0
      And the read at offset "0" after munmap is killed by SIGSEGV

  Rule: flags choose shared or private (copy-on-write), it is not a permission

    @claim:MMAP-06
    Scenario: flags without MAP_SHARED or MAP_PRIVATE are refused with EINVAL
      Given a file of 3 pages
      When 1 page of the file opened O_RDWR is mapped with PROT_READ and flags 0
      Then mmap returned MAP_FAILED
      And the call fails with EINVAL

    @claim:MMAP-06 @claim:MMAP-07
    Scenario: A MAP_SHARED store reaches the file; a MAP_PRIVATE store stays in the process
      Given a file of 3 pages
      And the file opened O_RDWR mapped MAP_SHARED as "shared" and MAP_PRIVATE as "private"
      When "private store" is stored at offset 0 through "private"
      Then the file holds its original bytes at offset 0
      And "shared" shows the file's original bytes at offset 0
      When "shared store" is stored at offset 0 through "shared"
      Then the file holds "shared store" at offset 0
      And "private" still shows "private store" at offset 0

    @claim:MMAP-06 @claim:MMAP-19 @claim:MMAP-24
    Scenario Outline: After fork, a child's store is seen by the parent through a <type> mapping of <source>: <seen>
      When a process maps a page of <source> with <type>, forks, and its child stores 42
      Then the child read back 42
      And the parent then reads <seen>

      @claim:MMAP-19
      Examples: anonymous memory (fd -1)
        | source    | type        | seen |
        | anonymous | MAP_SHARED  | 42   |
        | anonymous | MAP_PRIVATE | 0    |

      @claim:MMAP-24
      Examples: /dev/zero
        | source    | type        | seen |
        | /dev/zero | MAP_SHARED  | 42   |
        | /dev/zero | MAP_PRIVATE | 0    |

  Rule: fd and offset choose which bytes of a file are mapped; the offset is a multiple of the page size

    @claim:MMAP-07
    Scenario: The bytes of a file mapping are the file's bytes
      Given a file of 3 pages
      When the whole file opened O_RDONLY is mapped with PROT_READ and MAP_SHARED
      Then the mapping holds the same 3 pages that pread returns

    @claim:MMAP-08 @claim:MMAP-15
    Scenario: Mapped at an offset of one page, the mapping starts with the file's byte at that offset
      Given a file of 3 pages
      When 1 page of the file opened O_RDONLY is mapped with PROT_READ and MAP_SHARED at offset "page"
      Then the call returns 0
      And the mapping's first 16 bytes are the file's 16 bytes at offset "page"

    @claim:MMAP-15
    Scenario: An offset that is not a multiple of the page size is refused with EINVAL
      Given a file of 3 pages
      When 1 page of the file opened O_RDONLY is mapped with PROT_READ and MAP_SHARED at offset "100"
      Then mmap returned MAP_FAILED
      And the call fails with EINVAL
      When 1 page of the file opened O_RDONLY is mapped with PROT_READ and MAP_SHARED at offset "4096"
      Then that succeeds exactly when 4096 is a multiple of the page size

  Rule: the mapping's protection is limited by the descriptor's access mode, and reading is always needed

    @claim:MMAP-13
    Scenario Outline: A file open <mode> can be mapped <prot> with <flags>: <outcome>
      Given a file of 3 pages
      When 1 page of the file opened <mode> is mapped with <prot> and <flags>
      Then mmap gives <outcome>

      Examples:
        | mode     | prot                  | flags       | outcome   |
        | O_RDONLY | PROT_READ             | MAP_SHARED  | a mapping |
        | O_RDONLY | PROT_READ\|PROT_WRITE | MAP_SHARED  | EACCES    |
        | O_RDONLY | PROT_WRITE            | MAP_SHARED  | EACCES    |
        | O_RDONLY | PROT_READ\|PROT_WRITE | MAP_PRIVATE | a mapping |
        | O_RDWR   | PROT_READ\|PROT_WRITE | MAP_SHARED  | a mapping |

    @claim:MMAP-13
    Scenario: mprotect cannot raise a shared mapping above the descriptor's mode either, a private one it can
      Given a file of 3 pages
      When 1 page of the file opened O_RDONLY is mapped with PROT_READ and MAP_SHARED
      And the mapping is made writable with mprotect
      Then the call fails with EACCES
      When 1 page of the file opened O_RDONLY is mapped with PROT_READ and MAP_PRIVATE
      And the mapping is made writable with mprotect
      Then the call returns 0

    @claim:MMAP-13
    Scenario: A private writable mapping of a read-only file takes stores that never reach the file
      Given a file of 3 pages
      When 1 page of the file opened O_RDONLY is mapped with PROT_READ|PROT_WRITE and MAP_PRIVATE
      And "copy on write" is stored at offset 0 through the mapping
      Then the mapping shows "copy on write" at offset 0
      And the file holds its original bytes at offset 0

    @claim:MMAP-14
    Scenario Outline: A file open O_WRONLY cannot be mapped at all, not even <prot> with <flags>
      Given a file of 3 pages
      When 1 page of the file opened O_WRONLY is mapped with <prot> and <flags>
      Then mmap gives EACCES

      Examples:
        | prot                  | flags       |
        | PROT_WRITE            | MAP_SHARED  |
        | PROT_READ\|PROT_WRITE | MAP_SHARED  |
        | PROT_READ             | MAP_PRIVATE |
        | PROT_NONE             | MAP_SHARED  |
        | PROT_NONE             | MAP_PRIVATE |

  Rule: a file mapping reaches only as far as the file; an empty file can be mapped, but not touched

    @claim:MMAP-12
    Scenario: An empty file just created can be mapped; a store raises SIGBUS until the file is extended
      When a process creates an empty file, maps 1 page of it MAP_SHARED and stores into it before and after ftruncate
      Then its mmap returned a mapping
      And the write at offset "0" to the mapping of the empty file is killed by SIGBUS
      And its ftruncate returned 0
      And the write at offset "0" after ftruncate succeeds
      And the process read back "x" from the file with pread

    @claim:MMAP-12 @claim:MMAP-04
    Scenario: Past the end of the file the rest of its last page reads as zeros; the page after it raises SIGBUS
      When a process maps 2 pages of a 100-byte file MAP_SHARED and touches them
      Then the read at offset "99" gives 97
      And the read at offset "100" gives 0
      And the write at offset "200" succeeds
      And the read at offset "page - 1" gives 0
      And the read at offset "page" is killed by SIGBUS
      And the write at offset "page" is killed by SIGBUS
      And the file is still 100 bytes long

  Rule: the descriptor can be closed once the mapping exists

    @claim:MMAP-18
    Scenario: After close(fd) the mapping stays valid and its stores still reach the file
      Given a file of 3 pages
      When 1 page of the file opened O_RDWR is mapped with PROT_READ|PROT_WRITE and MAP_SHARED
      And the file's descriptor is closed
      Then the call returns 0
      When "after close" is stored at offset 0 through the mapping
      Then the file holds "after close" at offset 0

  Rule: anonymous mappings need no file; /dev/zero gives the same without MAP_ANONYMOUS

    @claim:MMAP-17
    Scenario: Without MAP_ANONYMOUS, fd -1 is refused with EBADF
      When 1 page is mapped with addr NULL, PROT_READ, MAP_SHARED and fd -1
      Then mmap returned MAP_FAILED
      And the call fails with EBADF

    @claim:MMAP-22 @claim:MMAP-24
    Scenario: A shared anonymous mapping is kernel memory that /proc/self/maps names "/dev/zero (deleted)"; a private one has no name
      When 1 page is mapped with addr NULL, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS and fd -1
      Then /proc/self/maps names the mapping "/dev/zero (deleted)"
      When 1 page is mapped with addr NULL, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS and fd -1
      Then /proc/self/maps names the mapping ""

    @claim:MMAP-23
    Scenario: Linux spells the flag both ways: MAP_ANON is MAP_ANONYMOUS
      Then a mapping made with MAP_ANON and fd -1 is anonymous memory: zero-filled, with no name in /proc/self/maps

    @claim:MMAP-25
    Scenario: /dev/zero is a character device of size 0 that yields zeros at any offset
      Then /dev/zero is a character device with st_size 0
      And reading 1048576 bytes from /dev/zero gives 1048576 zero bytes
      And reading 4096 bytes from /dev/zero at offset 1099511627776 gives 4096 zero bytes

    @claim:MMAP-26 @claim:MMAP-25
    Scenario: /dev/zero can be mapped shared at 1 GiB, but not at 0 bytes or beyond the address space
      When 1073741824 bytes of /dev/zero are mapped with PROT_READ and MAP_SHARED
      Then the call returns 0
      When 0 bytes of /dev/zero are mapped with PROT_READ and MAP_SHARED
      Then the call fails with EINVAL
      When 4611686018427387904 bytes of /dev/zero are mapped with PROT_READ and MAP_SHARED
      Then the call fails with ENOMEM

    @claim:MMAP-27
    Scenario: /dev/zero and /dev/null are sibling devices: one reads zeros, the other end-of-file; both swallow writes
      Then /dev/null is character device 1:3 and /dev/zero is 1:5
      And a read of 16 bytes from /dev/null returns 0, end-of-file
      And a read of 16 bytes from /dev/zero returns 16 zero bytes
      And writes of 16 bytes to /dev/null and /dev/zero both return 16

    @claim:MMAP-28
    Scenario: The note's /dev/zero snippet does not compile as written (MMAP_SHARED); with MAP_SHARED it maps and reads zeros
      When the note's /dev/zero snippet is compiled as written
      Then the compiler rejects MMAP_SHARED as undeclared
      When the note's /dev/zero snippet is compiled with MAP_SHARED in place of MMAP_SHARED
      Then it compiles without a diagnostic
      And running the snippet prints "mapped 4096 bytes of /dev/zero, first int 0"

  Rule: several processes map the same file and see each other's stores

    @claim:MMAP-29
    Scenario: Another process's store into its mapping of a file is read through ours, and ours through its, without msync
      Given a file of 1 page
      And the file opened O_RDWR mapped MAP_SHARED as "ours"
      When another process maps the file MAP_SHARED and stores "from the peer" at offset 0
      Then "ours" shows "from the peer" at offset 0
      When "from node" is stored at offset 100 through "ours"
      Then another process that maps the file MAP_SHARED reads "from node" at offset 100
