@errno @mechanism:unix-socket
Feature: How connect(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:connect
  Scenario Outline: connect: <condition> fails with <errno>
    When connect is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                               | errno        |
      | the socket file does not allow writing                                  | EACCES       |
      | a directory of the socket path does not allow search                    | EACCES       |
      | a UDP socket connects to a broadcast address without SO_BROADCAST       | EACCES       |
      | the address's family is not the socket's                                | EAFNOSUPPORT |
      | a non-blocking UNIX socket connects to a listener whose backlog is full | EAGAIN       |
      | a non-blocking connection attempt is still in progress                  | EALREADY     |
      | sockfd is not a valid descriptor                                        | EBADF        |
      | no one listens on the stream socket's address                           | ECONNREFUSED |
      | the target path is not a socket                                         | ECONNREFUSED |
      | addr is not a valid address                                             | EFAULT       |
      | a non-blocking TCP connection cannot complete at once                   | EINPROGRESS  |
      | a signal handler interrupts a blocked connect                           | EINTR        |
      | the address's sun_family is not AF_UNIX                                 | EINVAL       |
      | the socket is already connected                                         | EISCONN      |
      | the socket path does not exist                                          | ENOENT       |
      | sockfd is not a socket                                                  | ENOTSOCK     |
      | a datagram socket connects to a stream socket                           | EPROTOTYPE   |
