@mechanism:fifo
Feature: Named pipes (FIFOs)
  What notes 000 §2, 001 §1.2, 002 (pipes, the comparison table) and 003 say about
  FIFOs made with mkfifo(3) or mkfifo(1), checked on this host. Where a note is
  wrong, the scenario states what Linux does; the ledger
  (features/ledger/fifo.yaml) holds the note's words and the verdict.

  Rule: A FIFO is a file of type "p" in the file system that names a kernel pipe

    @claim:FIFO-03 @claim:FIFO-17 @claim:FIFO-20 @claim:FIFO-05
    Scenario: mkfifo() returns 0 and makes a file of type FIFO; a second mkfifo() on the name fails with EEXIST
      When a FIFO is made with mkfifo() and mode 0600
      Then the call returns 0
      And lstat reports the name as a FIFO with mode 0600
      When a FIFO is made again with the same name
      Then the call fails with EEXIST

    @claim:FIFO-03 @claim:FIFO-17
    Scenario: ls -l shows a FIFO with the type letter "p"
      Given a FIFO made with mkfifo() and mode 0640
      Then ls -l shows it as "prw-r-----" with size 0

    @claim:FIFO-05
    Scenario: <sys/stat.h> declares int mkfifo(const char *pathname, mode_t mode)
      When a C file that includes "<sys/stat.h>" and declares "int mkfifo(const char *pathname, mode_t mode);" is compiled as C
      Then it compiles without a diagnostic

    @claim:FIFO-18 @claim:FIFO-21
    Scenario: The mkfifo command under umask 022 makes a FIFO of mode 0644, shown as prw-r--r-- with size 0
      When the mkfifo command makes "hello" under umask 022
      Then lstat reports the name as a FIFO with mode 0644
      And its size is 0 bytes in 0 blocks
      And ls -l shows it as "prw-r--r--" with size 0

    @claim:FIFO-22 @claim:FIFO-23 @claim:FIFO-24 @claim:FIFO-19
    Scenario: A FIFO holding data still has size 0 and no blocks: the bytes are in the kernel, not on the disk
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When "0123456789" is written into the FIFO
      Then FIONREAD on the FIFO's read side reports 10 bytes
      And its size is 0 bytes in 0 blocks
      And the FIFO's read side yields "0123456789"

    @claim:FIFO-19 @claim:FIFO-11
    Scenario: The FIFO's name is a real inode of the directory's file system and outlives the process that made it
      When a process makes a FIFO with mode 0644 and exits
      Then lstat reports the name as a FIFO with mode 0644
      And the FIFO lives on the same device as its directory, whose file system type is recorded
      And its size is 0 bytes in 0 blocks

    @claim:FIFO-11 @claim:FIFO-12
    Scenario: A FIFO stays in the file system when every process has closed it, but the data in it does not
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When "lost" is written into the FIFO
      And every descriptor of the FIFO is closed
      Then lstat reports the name as a FIFO with mode 0600
      When the FIFO is opened again for reading and writing
      Then FIONREAD on the FIFO's read side reports 0 bytes
      When the FIFO's read side is read
      Then the call fails with EAGAIN

  Rule: Opening a FIFO is a rendezvous: each side waits for the other

    @claim:FIFO-13 @claim:FIFO-12
    Scenario: A blocking open for reading sleeps in open() until a writer opens the FIFO
      Given a FIFO made with mkfifo() and mode 0600
      When a process opens it for reading with a blocking open() and nobody writes
      Then that process sleeps inside open() and its open() has not returned
      And its open() returns 0 once another process opens the FIFO for writing

    @claim:FIFO-13
    Scenario: A blocking open for writing sleeps until a reader opens; a waiting writer does not count as a reader
      Given a FIFO made with mkfifo() and mode 0600
      When a process opens it for writing with a blocking open() and nobody reads
      Then that process sleeps inside open() and its open() has not returned
      And meanwhile a non-blocking open for writing fails with ENXIO
      And its open() returns 0 once another process opens the FIFO for reading

    @claim:FIFO-13 @claim:FIFO-12
    Scenario: Without a reader, a non-blocking open for writing fails with ENXIO; a non-blocking reader opens at once
      Given a FIFO made with mkfifo() and mode 0600
      When the FIFO is opened for writing without blocking
      Then the call fails with ENXIO
      When the FIFO is opened for reading without blocking
      Then the call returns a descriptor
      When the FIFO is opened for writing without blocking
      Then the call returns a descriptor

  Rule: Unrelated processes meet at the FIFO's name

    @claim:FIFO-02 @claim:FIFO-04 @claim:FIFO-06 @claim:FIFO-10 @claim:FIFO-24 @claim:FIFO-13 @claim:FIFO-08
    Scenario: Two unrelated processes, each in its own session, open the FIFO by its path and exchange data
      Given a FIFO made with mkfifo() and mode 0666
      When an unrelated process opens the FIFO by its path for reading
      And another unrelated process opens it by its path for writing and writes "across the name"
      Then the reader gets "across the name" and then end-of-file
      And neither process is the parent of the other, and each leads its own session

    @claim:FIFO-14 @claim:FIFO-02
    Scenario: 8 MiB in random-sized writes cross a FIFO between unrelated processes intact
      Given a FIFO made with mkfifo() and mode 0600
      When an unrelated process streams 8388608 pseudo-random bytes into the FIFO while another reads them
      Then the reader gets all 8388608 bytes with no mismatch

  Rule: Not "any process": the FIFO's permission bits decide who may open it

    @claim:FIFO-08
    Scenario: An unprivileged process of another user gets EACCES on a FIFO of mode 0600; its owner opens it
      Given a FIFO made with mkfifo() and mode 0600
      When an unprivileged process of another user opens it for reading without blocking
      Then that open fails with EACCES
      When the FIFO is opened for reading without blocking
      Then the call returns a descriptor

    @claim:FIFO-08
    Scenario: An unprivileged owner whose own permission bits deny reading gets EACCES
      When an unprivileged process makes a FIFO of mode 0200 and opens it for reading
      Then the FIFO it made is its own with mode 0200
      And that open fails with EACCES

  Rule: A FIFO behaves as a pipe: one-way descriptors, limited buffer, no boundaries, EOF and EPIPE

    @claim:FIFO-01
    Scenario: Each open of a FIFO is one-way: a read-only descriptor refuses writes and a write-only one refuses reads
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When "x" is written to the FIFO's read side
      Then the call fails with EBADF
      When the FIFO's write side is read
      Then the call fails with EBADF

    @claim:FIFO-01
    Scenario: Linux allows opening a FIFO O_RDWR, and that process then reads back its own bytes
      Given a FIFO made with mkfifo() and mode 0600
      When the FIFO is opened for reading and writing
      Then the call returns a descriptor
      When "hi" is written to that descriptor
      Then that descriptor yields "hi"

    @claim:FIFO-07 @claim:FIFO-15 @claim:FIFO-23
    Scenario: A FIFO has a new pipe's capacity and flow control: a non-blocking writer gets EAGAIN when it is full
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When the FIFO is filled without blocking
      Then the bytes that went in equal the FIFO's F_GETPIPE_SZ capacity, which equals a new pipe's
      And the write that did not fit failed with EAGAIN

    @claim:FIFO-16
    Scenario: A FIFO keeps no message boundaries or priorities
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When "abc" is written into the FIFO
      And "de" is written into the FIFO
      Then one read of up to 100 bytes from the FIFO yields "abcde"

    @claim:FIFO-07 @claim:FIFO-25
    Scenario: A FIFO descriptor behaves as a pipe, not as a regular file: it cannot seek
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When the FIFO's read side is sought to offset 0
      Then the call fails with ESPIPE
      And a regular file in the same directory seeks to offset 0 and has no F_GETPIPE_SZ

    @claim:FIFO-07
    Scenario: When the last writer closes, the reader gets end-of-file; when the last reader closes, a write fails with EPIPE
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When "end" is written into the FIFO
      And the FIFO's write side is closed
      Then the FIFO's read side yields "end"
      And the FIFO's read side then returns 0, end-of-file
      When the FIFO is opened for writing without blocking
      And the FIFO's read side is closed
      And "x" is written to that descriptor
      Then the call fails with EPIPE

    @claim:FIFO-09
    Scenario: write() copies the bytes into the FIFO: changing the buffer afterwards does not change what the reader gets
      Given a FIFO made with mkfifo() and mode 0600
      And it is open for reading and for writing without blocking
      When "before" is written into the FIFO from a buffer that is then overwritten with "AFTER!"
      Then the FIFO's read side yields "before"
