@mechanism:socketpair
Feature: socketpair and stream pipes
  What notes 001 §1.3 and 002 (stream pipes, the comparison table) say about
  socketpair(2), checked on this host. The ledger (features/ledger/socketpair.yaml)
  holds the note's words and the verdict.

  Rule: socketpair() makes two unnamed sockets already connected to each other

    @claim:SP-01 @claim:SP-07
    Scenario: socketpair(AF_UNIX, SOCK_STREAM, 0) returns 0 and two connected sockets that have no name
      When a socketpair of type SOCK_STREAM is created
      Then the call returns 0
      And both sockets are unnamed: getsockname and getpeername report only the address family
      And "ping" sent on sv[0] is received on sv[1]

    @claim:SP-02
    Scenario: <sys/socket.h> declares int socketpair(int domain, int type, int protocol, int sv[2])
      When a C file that includes "<sys/socket.h>" and declares "int socketpair(int domain, int type, int protocol, int sv[2]);" is compiled as C
      Then it compiles without a diagnostic

    @claim:SP-03 @claim:SP-07
    Scenario: AF_UNIX is the family that works; AF_INET refuses socketpair with EOPNOTSUPP
      When a socketpair of family AF_INET and type SOCK_STREAM is created
      Then socketpair() returns -1 with EOPNOTSUPP

    @claim:SP-04
    Scenario Outline: socketpair() accepts the type <type>, and the sockets report type <reported>
      When a socketpair of type <type> is created
      Then the call returns 0
      And SO_TYPE of both sockets is <reported>

      Examples:
        | type           | reported       |
        | SOCK_STREAM    | SOCK_STREAM    |
        | SOCK_DGRAM     | SOCK_DGRAM     |
        | SOCK_SEQPACKET | SOCK_SEQPACKET |
        | SOCK_RAW       | SOCK_DGRAM     |

    @claim:SP-05 @claim:SP-07
    Scenario: The protocol must be 0 (or PF_UNIX): protocol 6 fails with EPROTONOSUPPORT
      When a socketpair of type SOCK_STREAM and protocol 6 is created
      Then socketpair() returns -1 with EPROTONOSUPPORT
      When a socketpair of type SOCK_STREAM and protocol 1 is created
      Then the call returns 0

  Rule: Both sockets read and write; nothing fixes a direction

    @claim:SP-06 @claim:SP-08 @claim:SP-13
    Scenario: Either socket of a pair writes and reads, while a pipe has a read-only and a write-only end
      Given a socketpair of type SOCK_STREAM
      Then both sockets are open O_RDWR, while a pipe's ends are O_RDONLY and O_WRONLY
      And "to one" sent on sv[0] is received on sv[1]
      And "to zero" sent on sv[1] is received on sv[0]

    @claim:SP-09
    Scenario: Across fork each process keeps one socket of the pair, and both read and write it
      When a parent and its child each keep one socket of a pair and both write before either reads
      Then each process holds 1 descriptor of the channel
      And the child receives "parent->child" and the parent receives "child->parent!"
      And once the child has exited the parent's read returns 0, end-of-file

    @claim:SP-09
    Scenario: Closing nothing still works both ways, but the parent then gets no end-of-file when the child exits
      When a parent and its child both keep both sockets of a pair and both write before either reads
      Then each process holds 2 descriptors of the channel
      And the child receives "parent->child" and the parent receives "child->parent!"
      And once the child has exited the parent's non-blocking read fails with EAGAIN

    @claim:SP-10 @claim:SP-11 @claim:SP-12 @claim:SP-15
    Scenario Outline: Full duplex between parent and child takes <channel>
      When a parent and its child talk over <channel>, both writing before either reads
      Then each process holds <fds> descriptors of the channel
      And the child receives "parent->child" and the parent receives "child->parent!"

      Examples:
        | channel        | fds |
        | two pipes      | 2   |
        | one socketpair | 1   |

    @claim:SP-14
    Scenario: Linux has no s_pipe() call: a stream pipe is socketpair(AF_UNIX, SOCK_STREAM)
      Then the C library exports no function named "s_pipe"
      When a socketpair of type SOCK_STREAM is created
      Then the call returns 0

  Rule: A stream pipe is connected, reliable, flow-controlled and has no boundaries or priorities

    @claim:SP-16
    Scenario: The pair is connected from birth: connect() and sendto() with an address fail with EISCONN
      Given a socketpair of type SOCK_STREAM
      When sv[0] connects to an address
      Then the call fails with EISCONN
      When sv[0] sends "x" to an address
      Then the call fails with EISCONN

    @claim:SP-17
    Scenario: 4 MiB pass through a stream pair in uneven writes and reads, every byte in order
      Given a socketpair of type SOCK_STREAM
      When 4194304 bytes pass from sv[0] to sv[1] in writes of 4093 bytes and reads of 3001 bytes
      Then every byte came out of the pair in the order it went in

    @claim:SP-18
    Scenario: A stream pair nobody reads refuses a non-blocking write with EAGAIN once its buffers are full
      Given a socketpair of type SOCK_STREAM
      When sv[0] is filled without blocking
      Then the write that did not fit failed with EAGAIN
      And sv[1] holds every byte that went in

    @claim:SP-18
    Scenario: A blocking writer sleeps in write() on a full stream pair until the reader drains it
      When a child writes 8 MiB in one blocking write into a stream pair the parent does not read
      Then the child sleeps in write() with less than 8 MiB queued
      And its write returns 8388608 only after the parent has read everything

    @claim:SP-19
    Scenario Outline: A <type> pair <keeps> message boundaries
      Given a socketpair of type <type>
      When "abc" and then "de" are sent on sv[0]
      Then reads of up to 100 bytes on sv[1] yield <reads>

      Examples:
        | type           | keeps      | reads        |
        | SOCK_STREAM    | keeps no   | "abcde"      |
        | SOCK_SEQPACKET | keeps the  | "abc", "de"  |
        | SOCK_DGRAM     | keeps the  | "abc", "de"  |
