@mechanism:unix-socket
Feature: UNIX domain sockets
  What notes 000 §7, 002 (sockets, the comparison table) and 003 say about
  sockets and AF_UNIX sockets, checked on this host. Where a note is wrong, the
  scenario states what Linux does; the ledger (features/ledger/unix-socket.yaml)
  holds the note's words and the verdict.

  Rule: Unrelated processes meet at a socket's path: the server binds, listens and accepts; the client connects

    @claim:UDS-01 @claim:UDS-29 @claim:UDS-30 @claim:UDS-15 @claim:UDS-24 @claim:UDS-36 @claim:UDS-03 @claim:UDS-06 @claim:UDS-20 @claim:UDS-22 @claim:UDS-53
    Scenario: An unrelated client process connects to a server process by path, without binding, and they talk both ways
      Given a server process listening on a socket path and expecting 5 bytes
      When an unrelated client process in its own session connects to that path without binding and writes "hello"
      Then the server reads "hello" and the client reads the reply "back:hello"
      And the client's own name was only the address family, and accept() gave the server an address length of 2
      And SO_PEERCRED on the server's connection names the client's process and user
      And the server's read returns 0, end-of-file, after the client closes
      And after both processes have exited the socket file is still there, and a connect to it fails with ECONNREFUSED

    @claim:UDS-19 @claim:UDS-21 @claim:UDS-05
    Scenario: accept() reports a bound client's path, and address_len goes in as the buffer size and comes out as the name's length
      Given a server process listening on a socket path and expecting 2 bytes
      When an unrelated client process binds its socket to a path of its own and connects, writing "hi"
      Then accept() received an address_len of 110 and returned the length of the client's path plus 3
      And the address accept() filled in is the client's path

    @claim:UDS-30
    Scenario: A descriptor crosses between unrelated processes only with sendmsg and SCM_RIGHTS
      Given a server process listening on a socket path, expecting 2 bytes and a descriptor
      When an unrelated client process connects, writes "fd", and sends the descriptor of a file holding "passed along"
      Then the server reads "passed along" through the descriptor it received, which is the same file

  Rule: Only the server needs an address, set with bind() and a struct sockaddr_un

    @claim:UDS-03 @claim:UDS-06 @claim:UDS-22 @claim:UDS-21
    Scenario: A client that never binds connects, and both ends see it as unnamed
      Given a listening stream socket bound to a path
      When an unbound stream socket connects to that path
      Then the call returns 0
      And getsockname on the client reports an address of 2 bytes, the family alone
      And accept() on the server reports an address of 2 bytes

    @claim:UDS-04 @claim:UDS-07
    Scenario: listen() on a socket without an address fails with EINVAL; autobind gives it an abstract one
      Given an unbound stream socket
      When it listens with a backlog of 1
      Then the call fails with EINVAL
      When it is bound with only the address family
      Then getsockname reports an abstract name of 5 hex digits the kernel chose
      When it listens with a backlog of 1
      Then the call returns 0

    @claim:UDS-05 @claim:UDS-08 @claim:UDS-09 @claim:UDS-12 @claim:UDS-58 @claim:UDS-59
    Scenario: bind() with a sockaddr_un makes a socket file of type "s" with no data; a second bind to the path fails with EADDRINUSE
      Given an unbound stream socket
      When it is bound to a path in a sockaddr_un
      Then the call returns 0
      And lstat reports the path as a socket of size 0 in 0 blocks
      And ls -l shows the socket file with the type letter "s"
      When another socket is bound to the same path
      Then the call fails with EADDRINUSE

    @claim:UDS-13
    Scenario: address_len is the address's length; for a path the kernel keeps the path's length plus the family and NUL
      Given an unbound stream socket
      When it is bound to a path with address_len sizeof(struct sockaddr_un)
      Then getsockname reports the length of the path plus 3, not 110

    @claim:UDS-11 @claim:UDS-26
    Scenario: The descriptor must be a socket: bind() and connect() on a pipe fail with ENOTSOCK
      Given a pipe for the socket calls
      When bind() is called on its read end
      Then the call fails with ENOTSOCK
      When connect() is called on its read end
      Then the call fails with ENOTSOCK

  Rule: Listening and the backlog

    @claim:UDS-14
    Scenario: A bound socket that is not listening refuses accept() with EINVAL and connections with ECONNREFUSED
      Given a stream socket bound to a path but not listening
      When accept() is called on it
      Then the call fails with EINVAL
      When an unbound stream socket connects to that path
      Then the call fails with ECONNREFUSED

    @claim:UDS-18
    Scenario: A backlog of 3 queues 4 connections here, and the next non-blocking connect fails with EAGAIN
      Given a listening stream socket bound to a path with a backlog of 3
      When non-blocking clients connect until one fails
      Then 4 connections were queued before the failure
      And the failing connect failed with EAGAIN
      When the server accepts one connection
      And an unbound stream socket connects to that path
      Then the call returns 0

  Rule: connect()'s address is the server's, not the client's own

    @claim:UDS-27 @claim:UDS-28
    Scenario: connect() to the server's address works; connect() to the client's own bound address fails with ECONNREFUSED
      Given a listening stream socket bound to a path
      And a client stream socket bound to a path of its own
      When the client connects to its own address
      Then the call fails with ECONNREFUSED
      When the client connects to the server's address
      Then the call returns 0

    @claim:UDS-28
    Scenario: An address_len that leaves out the path fails with EINVAL
      Given a listening stream socket bound to a path
      When an unbound stream socket connects to that path with address_len 2
      Then the call fails with EINVAL

  Rule: The notes' prototypes: size_t is not socklen_t

    Scenario Outline: The note's declaration "<declaration>" conflicts with the system's
      When a C file that includes "<header>" and declares "<declaration>" is compiled as C
      Then the compiler rejects it with conflicting types for "<function>"

      @claim:UDS-10
      Examples: bind
        | header         | function | declaration                                                                  |
        | <sys/socket.h> | bind     | int bind(int socket, const struct sockaddr *address, size_t address_len);    |

      @claim:UDS-17
      Examples: accept
        | header         | function | declaration                                                                  |
        | <sys/socket.h> | accept   | int accept(int socket, struct sockaddr *address, size_t *address_len);       |

      @claim:UDS-25
      Examples: connect
        | header         | function | declaration                                                                  |
        | <sys/socket.h> | connect  | int connect(int socket, const struct sockaddr *address, size_t address_len); |

      @claim:UDS-31
      Examples: read and write
        | header         | function | declaration                                                                  |
        | <unistd.h>     | read     | int read(int socket, char *buffer, size_t len);                              |
        | <unistd.h>     | write    | int write(int socket, char *buffer, size_t len);                             |

    @claim:UDS-16 @claim:UDS-37
    Scenario Outline: The note's declaration "<declaration>" matches the system's
      When a C file that includes "<header>" and declares "<declaration>" is compiled as C
      Then it compiles without a diagnostic

      Examples:
        | header         | declaration                       |
        | <sys/socket.h> | int listen(int socket, int backlog); |
        | <unistd.h>     | int close(int socket);            |

  Rule: A stream connection: connected before use, reliable, flow-controlled, no boundaries

    @claim:UDS-23 @claim:UDS-42
    Scenario: An unconnected stream socket refuses write() with ENOTCONN and read() with EINVAL
      Given an unbound stream socket
      When "x" is written to the unconnected socket
      Then the call fails with ENOTCONN
      When the unconnected socket is read
      Then the call fails with EINVAL

    @claim:UDS-32 @claim:UDS-35 @claim:UDS-33 @claim:UDS-34
    Scenario: write() and read() return the bytes moved, at most len; 0 at end-of-file and EPIPE once the peer is gone
      Given a connected stream connection
      When "hello" is written by the client
      Then the call returns 5
      And a read of up to 3 bytes by the server returns 3, "hel"
      And a read of up to 100 bytes by the server returns 2, "lo"
      When the client closes its socket
      Then a read of up to 100 bytes by the server returns 0, ""
      When "x" is written by the server
      Then the call fails with EPIPE

    @claim:UDS-43
    Scenario: 4 MiB cross a stream connection in uneven writes and reads, every byte in order
      Given a connected stream connection
      When 4194304 bytes pass from client to server in writes of 4093 bytes and reads of 3001 bytes
      Then every byte came out of the connection in the order it went in

    @claim:UDS-44
    Scenario: A stream connection nobody reads refuses a non-blocking write with EAGAIN once the buffers are full
      Given a connected stream connection
      When the client's side is filled without blocking
      Then the write that did not fit failed with EAGAIN
      And the server's side holds every byte that went in

    @claim:UDS-45
    Scenario Outline: A <type> connection <keeps> message boundaries
      Given a connected <type> connection
      When "abc" and then "de" are written by the client
      Then reads of up to 100 bytes by the server yield <reads>

      Examples:
        | type           | keeps    | reads       |
        | SOCK_STREAM    | keeps no | "abcde"     |
        | SOCK_SEQPACKET | keeps    | "abc", "de" |

  Rule: Datagrams: no connection, kept boundaries and order, and flow control after all

    @claim:UDS-46
    Scenario: An unconnected datagram socket sends to an address; an unbound sender arrives with no address
      Given a datagram socket bound to an abstract name
      When an unbound, unconnected datagram socket sends "dgram" to that name
      Then the call returns 5
      And the bound socket receives "dgram" from a sender address of 0 bytes

    @claim:UDS-47 @claim:UDS-49
    Scenario: Every datagram up to the queue's limit arrives whole, once, and in the order sent
      Given a datagram socket bound to an abstract name
      When an unbound datagram socket sends numbered datagrams to it until one fails
      Then the receiver gets every datagram that was accepted, whole and in order

    @claim:UDS-48
    Scenario: A datagram receiver that does not read stops a non-blocking sender with EAGAIN after net.unix.max_dgram_qlen + 1 datagrams
      Given a datagram socket bound to an abstract name
      When an unbound datagram socket sends numbered datagrams to it until one fails
      Then the sender was stopped with EAGAIN after net.unix.max_dgram_qlen + 1 datagrams

    @claim:UDS-48
    Scenario: A blocking datagram sender sleeps on a full receiver until it reads one
      When a child sends datagrams with blocking sendto() to a socket that the parent does not read
      Then the child sleeps in sendto() after net.unix.max_dgram_qlen + 1 datagrams
      And its blocked sendto() completes once the parent has received one

  Rule: A socket's name: a file, an abstract name, or none

    @claim:UDS-51 @claim:UDS-55 @claim:UDS-56 @claim:UDS-50 @claim:UDS-60
    Scenario: An abstract-namespace socket has no file, yet clients connect to it by name
      Given an empty directory
      And a listening stream socket bound to an abstract name
      When an unbound stream socket connects to that abstract name
      Then the call returns 0
      And the directory is still empty and the name appears in /proc/net/unix with a leading "@"

    @claim:UDS-51 @claim:UDS-55 @claim:UDS-56
    Scenario: socketpair sockets have no name and no file at all
      Given a connected socketpair for the name check
      Then neither socket of that pair has a name

    @claim:UDS-53
    Scenario: A socket file outlives its socket: rebinding fails with EADDRINUSE and connecting with ECONNREFUSED until it is unlinked
      Given a stream socket bound to a path but not listening
      When that socket is closed
      Then lstat reports the path as a socket of size 0 in 0 blocks
      When another socket is bound to the same path
      Then the call fails with EADDRINUSE
      When an unbound stream socket connects to that path
      Then the call fails with ECONNREFUSED
      When the path is unlinked and another socket is bound to it
      Then the call returns 0

    @claim:UDS-52 @claim:UDS-57
    Scenario: The socket files under /var/run are sockets, and /proc/net/unix lists the host's UNIX sockets
      Then every socket file directly under /var/run is a socket with no data blocks
      And the names gssproxy.sock and rpcbind.sock are looked for there

  Rule: Sockets in general reach other machines; AF_UNIX sockets do not

    @claim:UDS-02 @claim:UDS-38 @claim:UDS-39 @claim:UDS-41 @claim:UDS-40
    Scenario: socket(AF_INET) and socket(AF_UNIX) both work, and a TCP connection over the loopback interface carries data
      When a TCP server listens on 127.0.0.1 and a TCP client connects to it
      Then "over tcp" written by the TCP client is read by the TCP server
      And an AF_UNIX socket is created too

    @claim:UDS-54
    Scenario: sockaddr_un has only a family and a path, no host: a "host:path" name is just a missing file
      Then struct sockaddr_un is the family followed by a 108-byte path and nothing else
      When an unbound stream socket connects to the path "localhost:/run/no-such.sock"
      Then the call fails with ENOENT
