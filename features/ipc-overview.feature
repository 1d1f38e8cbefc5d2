@mechanism:general
Feature: IPC in general
  What the notes' introductions and comparisons (000 进程通信, 001 intro, 002 进程通信的目的 and
  linux使用的进程间通信方式, 003 进程间通信 IPC and 其它IPC机制, 004 §1 and §2.3) say about IPC as a
  whole, checked on this host with fixtures of this feature's own (fixtures/gen-*.c). The ledger
  (features/ledger/general.yaml) holds the note's words and the verdict.

  Rule: Each process has its own address space: another process sees its memory only through the kernel

    @claim:GEN-01 @claim:GEN-06 @claim:GEN-02 @claim:GEN-07
    Scenario: After fork, a child's writes to its globals, heap and stack leave the parent's copies unchanged
      When a child sets a global, a heap and a stack variable to 99 after fork
      Then the child sees 99 in all three
      And the parent sees 0 in all three at the very same virtual addresses

    @claim:GEN-02 @claim:GEN-07
    Scenario: Another process's global can still be read, but only through a system call (process_vm_readv)
      When a child sets a global to 99 and its parent reads that address with process_vm_readv
      Then the parent's own global is still 0
      And process_vm_readv returned 8 bytes holding 99

  Rule: The kernel sets channels up; a shared mapping then moves data with no system call at all

    @claim:GEN-03 @claim:GEN-08 @claim:GEN-17 @claim:GEN-24 @claim:GEN-13
    Scenario: Data crosses a shared mapping to a process that is killed by any system call but exit
      When a parent writes "no kernel in between" into a shared mapping read by a child that may make no system call
      Then the child's seccomp filter was active
      And the child's reply in the mapping reads "no kernel in between seen"
      And the child exited with status 0, not killed by SIGSYS

    @claim:GEN-03 @claim:GEN-08 @claim:GEN-17 @claim:GEN-24
    Scenario: The same filter kills the child at its first system call, so the transfer above made none
      When a child under the same seccomp filter calls getppid()
      Then the filtered child was killed by SIGSYS

  Rule: Pipes, sockets and message queues copy data into the kernel and out again; a shared mapping does not

    @claim:GEN-04 @claim:GEN-09 @claim:GEN-05 @claim:GEN-10
    Scenario Outline: <mechanism> copies the data at the send: the receiver gets "before" although the sender's buffer now holds "AFTER!"
      When the parent sends "before" through <mechanism>, overwrites its buffer with "AFTER!" and lets the child receive
      Then the kernel held <held> between the send and the receive
      And the receiving child got "before"

      Examples:
        | mechanism  | held                   |
        | pipe       | 6 bytes (FIONREAD)     |
        | socketpair | 6 bytes (FIONREAD)     |
        | sysv-msg   | 6 bytes (msg_cbytes)   |
        | posix-mq   | 1 message (mq_curmsgs) |

    @claim:GEN-04 @claim:GEN-09 @claim:GEN-29
    Scenario: A shared mapping is not copied: the child reads what is in the memory now, "AFTER!"
      When the parent sends "before" through shared-mapping, overwrites its buffer with "AFTER!" and lets the child receive
      Then the receiving child got "AFTER!"

    @claim:GEN-29
    Scenario: A pipe is not memory both processes can access: its buffer cannot be mapped
      When a pipe's read end is mapped with mmap(MAP_SHARED)
      Then mapping the pipe failed with ENODEV

  Rule: The mechanisms the notes list all work here

    Scenario Outline: A parent passes "<data>" to its child through <mechanism>
      When the parent passes "<data>" to its child through <mechanism>
      Then the receiving child got "<data>" through <mechanism>

      # Each table carries the claims whose sentence quotes its rows: the lists of notes 001 (GEN-11) and 002
      # (GEN-16), the local mechanisms (GEN-21), and the proxies of the not-testable GEN-20, GEN-23, GEN-28, GEN-30.
      @claim:GEN-11 @claim:GEN-16 @claim:GEN-20 @claim:GEN-21 @claim:GEN-30
      Examples: a pipe, in both notes' lists, the local channel under an echo server
        | mechanism | data           |
        | pipe      | through a pipe |

      @claim:GEN-11 @claim:GEN-21
      Examples: a mapped file, in note 001's list
        | mechanism | data              |
        | mmap-file | mapped file bytes |

      @claim:GEN-11 @claim:GEN-16 @claim:GEN-28
      Examples: a semaphore passes a count, not data
        | mechanism | data |
        | sysv-sem  | 3    |

      @claim:GEN-11 @claim:GEN-16
      Examples: SysV shared memory and message queues, in both lists
        | mechanism | data           |
        | sysv-shm  | shared segment |
        | sysv-msg  | queued message |

      @claim:GEN-16
      Examples: note 002's list, beyond note 001's
        | mechanism  | data             |
        | socketpair | stream pipe      |
        | posix-mq   | posix message    |
        | posix-shm  | posix shared mem |

      @claim:GEN-16 @claim:GEN-21
      Examples: a FIFO
        | mechanism | data       |
        | fifo      | named pipe |

      @claim:GEN-16 @claim:GEN-28
      Examples: a signal passes a number, not data
        | mechanism | data |
        | signal    | 42   |

      @claim:GEN-16 @claim:GEN-20 @claim:GEN-23 @claim:GEN-30
      Examples: a UNIX socket, the local transport RPC and an echo server build on
        | mechanism   | data         |
        | unix-socket | socket bytes |

    @claim:GEN-12 @claim:GEN-22
    Scenario: A pipe carries anything from 1 byte to several MiB between processes
      When a child sends 1 byte and then 4194304 bytes through a pipe to its parent
      Then the parent received 1 byte and then 4194304 bytes intact
      And a single SysV message or POSIX mq message is limited to msgmax and msgsize_max

  Rule: The kernel provides locks, and a controlling process can intercept another

    @claim:GEN-14
    Scenario: A record lock held by one process makes another's F_SETLK fail and its F_SETLKW sleep until unlock
      When a parent write-locks a file and its child tries to lock it too
      Then the child's F_SETLK failed with EAGAIN or EACCES
      And the child slept in F_SETLKW and got the lock only after the parent unlocked

    @claim:GEN-15
    Scenario: A tracer sees its tracee stop on SIGSEGV, suppresses the signal and sees it exit
      When a child that asked to be traced raises SIGSEGV
      Then its tracer saw it stopped by SIGSEGV
      And after PTRACE_CONT with no signal the child exited with status 3

  Rule: A channel needs a name to be shared; path names are one kind, neither global nor the only one

    @claim:GEN-26 @claim:GEN-18 @claim:GEN-25
    Scenario: A pipe has no path name: only descriptors name it
      Given a pipe of this process
      Then /proc/self/fd names both ends "pipe:[inode]", which is no file system path

    @claim:GEN-19 @claim:GEN-27 @claim:GEN-18 @claim:GEN-25
    Scenario: A FIFO's path stops working for a process without search permission on its directory
      When a process without root's override opens a FIFO before and after its directory is made unsearchable
      Then the first open succeeded
      And the second open failed with EACCES

    @claim:GEN-19 @claim:GEN-27
    Scenario: A FIFO made in a private mount namespace does not exist at the same path outside it
      When a child in its own mount namespace makes a FIFO on a tmpfs mounted over a directory
      Then the child can stat the FIFO
      And the parent's stat of the same path fails with ENOENT

    @claim:GEN-19 @claim:GEN-27 @claim:GEN-18 @claim:GEN-25
    Scenario: A UNIX socket can be named in the abstract namespace, outside any file system
      When a process sends a datagram to a UNIX socket bound to an abstract name
      Then the socket received "via abstract"
      And /proc/net/unix lists the name with its "@" prefix
