@mechanism:pipe
Feature: Anonymous pipes
  What notes 000 §1, 001 §1, 002 (pipe and the comparison table), 003 (管道) and
  004 §2 say about pipe(2), checked on this host. Where a note is wrong, the
  scenario states what Linux does; the ledger (features/ledger/pipe.yaml) holds
  the note's words and the verdict.

  Rule: pipe() creates one kernel buffer with a read end fd[0] and a write end fd[1]

    @claim:PIPE-06 @claim:PIPE-10 @claim:PIPE-49 @claim:PIPE-16 @claim:PIPE-40
    Scenario: pipe() returns 0 and two new descriptors that refer to one pipe
      When a pipe is created
      Then the call returns 0
      And both descriptors are open and refer to the same FIFO inode

    @claim:PIPE-07 @claim:PIPE-56 @claim:PIPE-63
    Scenario: pipe() returns -1 with EMFILE when the process has no free descriptor
      When a process limited to 8 descriptors creates pipes until pipe() fails
      Then its first pipe() returned 0
      And pipe() finally returned -1 with EMFILE after 2 pipes

    @claim:PIPE-08 @claim:PIPE-19 @claim:PIPE-52 @claim:PIPE-64 @claim:PIPE-65 @claim:PIPE-32
    Scenario: fd[0] is open for reading only and fd[1] for writing only
      Given a pipe
      Then its read end is open O_RDONLY
      And its write end is open O_WRONLY

    @claim:PIPE-58
    Scenario: /proc/<pid>/fd shows each end as a link to "pipe:[inode]" carrying the end's access mode
      Given a pipe
      Then /proc/self/fd links its read end to "pipe:[inode]" with mode 0500
      And /proc/self/fd links its write end to "pipe:[inode]" with mode 0300

    @claim:PIPE-59
    Scenario: lsof lists a pipe end with type FIFO and name "pipe"
      Given a pipe
      Then lsof lists its write end with type FIFO and name "pipe"
      And its ends live on a device with major number 0

    @claim:PIPE-17 @claim:PIPE-18 @claim:PIPE-27 @claim:PIPE-51
    Scenario: A pipe is an in-kernel FIFO with no disk blocks, even while it holds data
      Given a pipe
      When "123456" is written to its write end
      Then its ends live on a device with major number 0
      And fstat of its read end reports size 0 and 0 blocks
      And FIONREAD on its read end reports 6 bytes

    @claim:PIPE-05 @claim:PIPE-32 @claim:PIPE-50
    Scenario: <unistd.h> declares int pipe(int fd[2])
      When a C file that includes <unistd.h> and declares "int pipe(int fd[2]);" is compiled
      Then it compiles without a diagnostic

    @claim:PIPE-53 @claim:PIPE-60
    Scenario: In a process with only descriptors 0, 1 and 2 open, pipe() returns 3 and 4
      When a freshly started process with only descriptors 0 to 2 open creates a pipe
      Then that process had exactly descriptors "0,1,2" open
      And its pipe() gave fd[0] = 3 and fd[1] = 4

  Rule: Bytes written to fd[1] come out of fd[0], once, in order, without boundaries

    @claim:PIPE-02 @claim:PIPE-09 @claim:PIPE-15 @claim:PIPE-41 @claim:PIPE-61 @claim:PIPE-55
    Scenario: Bytes written to the write end come out of the read end
      Given a pipe
      When "abc" is written to its write end
      Then FIONREAD on its read end reports 3 bytes
      And its read end yields "abc"
      And FIONREAD on its read end reports 0 bytes

    @claim:PIPE-01 @claim:PIPE-20 @claim:PIPE-24 @claim:PIPE-26 @claim:PIPE-34
    Scenario: The read end refuses writes and the write end refuses reads, so a pipe is one-way, not half-duplex
      Given a pipe
      When "x" is written to its read end
      Then the call fails with EBADF
      When its write end is read
      Then the call fails with EBADF

    @claim:PIPE-46
    Scenario: A pipe keeps no message boundaries, types or priorities
      Given a pipe
      When "abc" is written to its write end
      And "de" is written to its write end
      Then one read of up to 100 bytes from its read end yields "abcde"

    @claim:PIPE-25
    Scenario: Data once read is gone from the pipe and cannot be read again
      Given a pipe
      When "abc" is written to its write end
      Then its read end yields "abc"
      When its read end is read without blocking
      Then the call fails with EAGAIN
      When its read end is sought to offset 0
      Then the call fails with ESPIPE

    @claim:PIPE-54
    Scenario: To a program a pipe looks like an open file that cannot seek
      Given a pipe
      Then poll reports its write end "POLLOUT" and its read end ""
      When "x" is written to its write end
      Then poll reports its write end "POLLOUT" and its read end "POLLIN"
      When its write end is sought to offset 0
      Then the call fails with ESPIPE

    @claim:PIPE-14 @claim:PIPE-21
    Scenario: Bytes keep their order while they wrap around the pipe's buffer many times
      Given a pipe
      When 10 times its capacity passes through it in writes of 4093 bytes and reads of 3001 bytes
      Then every byte comes out in the order it went in

    @claim:PIPE-23 @claim:PIPE-70
    Scenario: A process reads back what it wrote into a pipe itself
      Given a pipe
      When "self" is written to its write end
      Then its read end yields "self"

    @claim:PIPE-37
    Scenario: A pipe copies the bytes: changing the buffer after write() does not change what the reader gets
      Given a pipe
      When "before" is written to its write end from a buffer that is then overwritten with "AFTER!"
      Then its read end yields "before"

  Rule: The buffer is limited, but it is 64 KiB by default on Linux, not 4 KiB; 4 KiB is PIPE_BUF, the atomic-write size

    @claim:PIPE-22 @claim:PIPE-38
    Scenario: A new pipe takes exactly its F_GETPIPE_SZ capacity before a non-blocking write gets EAGAIN
      Given a pipe
      When its write end is filled without blocking
      Then the bytes that went in equal its capacity reported by F_GETPIPE_SZ
      And the write that did not fit failed with EAGAIN

    @claim:PIPE-22 @claim:PIPE-38
    Scenario: F_SETPIPE_SZ rounds a small size up to one page
      Given a pipe
      When its capacity is set to 100 bytes
      Then the call returns the page size
      And its capacity reported by F_GETPIPE_SZ is the page size

    @claim:PIPE-22 @claim:PIPE-38
    Scenario: F_SETPIPE_SZ reaches fs.pipe-max-size, and beyond it only with CAP_SYS_RESOURCE
      Given a pipe
      When its capacity is set to fs.pipe-max-size
      Then its capacity reported by F_GETPIPE_SZ is fs.pipe-max-size
      When its capacity is set to twice fs.pipe-max-size
      Then the call fails with EPERM unless the process has CAP_SYS_RESOURCE

    @claim:PIPE-22 @claim:PIPE-38
    Scenario: A pipe cannot shrink below the data it holds
      Given a pipe
      When 8192 bytes are written to its write end
      And its capacity is set to 4096 bytes
      Then the call fails with EBUSY

    @claim:PIPE-45
    Scenario: A non-blocking write of at most PIPE_BUF bytes is all or nothing
      Given a pipe
      When its write end is filled without blocking except for 100 bytes
      And PIPE_BUF bytes are written to its write end
      Then the call fails with EAGAIN
      And FIONREAD on its read end reports its capacity minus 100 bytes

    @claim:PIPE-22
    Scenario: PIPE_BUF is the bound of atomic writes: PIPE_BUF bytes are refused whole, one byte more is split
      Given a pipe
      When its write end is filled without blocking except for 100 bytes
      And PIPE_BUF bytes are written to its write end
      Then the call fails with EAGAIN
      When PIPE_BUF + 1 bytes are written to its write end
      Then only part of it went in: the write was split

    @claim:PIPE-45
    Scenario: A writer blocks on a full pipe until the reader makes room
      When a child writes twice the pipe's capacity in one blocking write while the parent does not read
      Then the child sleeps in write() while the pipe holds exactly its capacity
      And the child's write returns twice the capacity only after the parent has read everything

    @claim:PIPE-44 @claim:PIPE-22
    Scenario: Writes of PIPE_BUF bytes from concurrent writers are never interleaved
      When 4 processes each write 500 records of PIPE_BUF bytes into one pipe at the same time
      Then the reader gets 2000 whole records, none interleaved and each writer's in order

    @claim:PIPE-44
    Scenario: 64 MiB in random-sized writes and reads cross a pipe intact
      When a child streams 67108864 pseudo-random bytes through a pipe in random-sized writes
      Then the parent reads all 67108864 bytes with no mismatch

  Rule: Related processes share a pipe by inheriting its descriptors across fork()

    @claim:PIPE-11 @claim:PIPE-29 @claim:PIPE-30 @claim:PIPE-47 @claim:PIPE-48
    Scenario: After fork the child holds both ends of the parent's pipe, but not a pipe made after fork
      When a parent creates a pipe and forks
      Then parent and child both hold fd[0] O_RDONLY and fd[1] O_WRONLY of the same inode
      And the parent reads "from-child" that the child wrote
      And in the child the descriptors of a pipe the parent created after fork fail with EBADF

    @claim:PIPE-13 @claim:PIPE-33 @claim:PIPE-36 @claim:PIPE-04
    Scenario Outline: A pipe carries data from <writer> to <reader>
      When the <writer> writes "<message>" into a pipe shared by fork and closes the end it does not use
      Then the <reader> reads "<message>" and then end-of-file

      Examples:
        | writer      | reader       | message        |
        | parent      | child        | to the child   |
        | child       | parent       | to the parent  |
        | first-child | second-child | to the sibling |

    @claim:PIPE-12 @claim:PIPE-31
    Scenario: Data flows even when neither process closes the end it does not use
      When the child writes "no close needed" into a pipe shared by fork while both processes keep both ends
      Then the parent reads "no close needed"

    @claim:PIPE-12 @claim:PIPE-31
    Scenario: A reader sees end-of-file only when every write end is closed, its own included
      When a child writes "bye" into a pipe and exits while the parent keeps both ends
      Then the parent reads "bye"
      And the parent's next non-blocking read fails with EAGAIN instead of returning end-of-file
      And after closing its own write end the parent's read returns 0, end-of-file

    @claim:PIPE-12 @claim:PIPE-31 @claim:PIPE-43
    Scenario: Writing into a pipe with no read end left kills the writer with SIGPIPE
      When a process with the default SIGPIPE action writes into a pipe whose only read end it closed
      Then that process is killed by SIGPIPE

    @claim:PIPE-12 @claim:PIPE-43
    Scenario: With SIGPIPE ignored, writing into a pipe with no read end fails with EPIPE
      When a process that ignores SIGPIPE writes into a pipe whose only read end it closed
      Then its write returned -1 with EPIPE
      And that process exits normally

    @claim:PIPE-70
    Scenario: With one pipe used in both directions, the writer can read back its own message before its peer does
      When the parent writes "meant for the child" into a pipe that both processes hold both ends of, then reads from it
      Then the parent reads its own "meant for the child"
      And the child's non-blocking read then fails with EAGAIN

    @claim:PIPE-62
    Scenario: A pipe outlives the process that created it
      When a process creates a pipe, writes "still here" into it, forks a grandchild and exits
      Then the grandchild reads "still here" after its creator is gone

  Rule: An anonymous pipe is not limited to related processes: whoever holds a descriptor can use it

    @claim:PIPE-03 @claim:PIPE-28 @claim:PIPE-35 @claim:PIPE-39 @claim:PIPE-42
    Scenario: An unrelated process receives a pipe's read end over a UNIX socket and reads from it
      Given a process that created a pipe holding "sent across" and offers its read end on a UNIX socket
      When an unrelated process in its own session receives that read end over the socket
      Then the unrelated process reads "sent across"
      And the unrelated process is neither a descendant nor an ancestor of the pipe's creator

    @claim:PIPE-03 @claim:PIPE-28 @claim:PIPE-35 @claim:PIPE-39 @claim:PIPE-42
    Scenario: An unrelated process opens a pipe through /proc/<pid>/fd and reads from it
      Given a process that created a pipe holding "opened by path"
      When an unrelated process in its own session opens /proc/<creator>/fd/<read end>
      Then the unrelated process reads "opened by path"
      And the unrelated process is neither a descendant nor an ancestor of the pipe's creator

  Rule: The notes' example programs (note 004 §2) do what the note says

    @claim:PIPE-66 @claim:PIPE-67
    Scenario: Example 1 compiles as C++ and prints "Hello,World!世界"
      When the note's example 1 is compiled as C++
      Then it compiles without a diagnostic
      And running it prints exactly "Hello,World!世界"

    @claim:PIPE-68 @claim:PIPE-69
    Scenario: In example 1 the parent really reads the child's 30 bytes, which the printed text alone does not prove
      When example 1 is run with the parent's buffer cleared before read() and the child writing "written by the child"
      Then the parent's read() returns 30 bytes reading "written by the child"

    @claim:PIPE-71 @claim:PIPE-72 @claim:PIPE-73
    Scenario: Example 2 exchanges a message in each direction over two pipes
      When the note's example 2 is compiled as C++ and run with its output read to end-of-file
      Then it compiles without a diagnostic
      And its output lines, in any order, are:
        | parent process recieve:Hello,who are you? |
        | child process recieve:hi, I am NrvCer!    |

  Rule: Where the pipe manual page is

    @claim:PIPE-57
    Scenario: pipe() is documented in section 2 of the manual, as a system call
      Then the manual has a page for pipe in section 2
      And section 3 has no pipe page, except POSIX's 3p where installed
