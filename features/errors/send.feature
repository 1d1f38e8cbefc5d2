@errno @mechanism:unix-socket
Feature: How send(2), sendto(2) and sendmsg(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:send
  Scenario Outline: send: <condition> fails with <errno>
    When send is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                             | errno        |
      | a non-blocking socket whose buffer is full is written | EAGAIN       |
      | sockfd is not a valid descriptor                      | EBADF        |
      | the peer reset the connection                         | ECONNRESET   |
      | a UDP socket has no peer address                      | EDESTADDRREQ |
      | an AF_UNIX datagram socket has no peer address        | ENOTCONN     |
      | buf is not a valid address                            | EFAULT       |
      | a signal handler interrupts a blocked send            | EINTR        |
      | a datagram is too large to send at once               | EMSGSIZE     |
      | a stream socket is not connected                      | ENOTCONN     |
      | sockfd is not a socket                                | ENOTSOCK     |
      | MSG_OOB is sent on an AF_UNIX datagram socket         | EOPNOTSUPP   |
      | the local end is shut down for writing                | EPIPE        |
      | the peer of the stream socket is closed               | EPIPE        |

  @call:sendto
  Scenario Outline: sendto: <condition> fails with <errno>
    When sendto is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                      | errno   |
      | the destination socket file does not allow writing             | EACCES  |
      | a directory of the destination path does not allow search      | EACCES  |
      | a UDP socket sends to a broadcast address without SO_BROADCAST | EACCES  |
      | the destination address length is invalid                      | EINVAL  |
      | a connected stream socket is given a recipient                 | EISCONN |

  @call:sendmsg
  Scenario Outline: sendmsg: <condition> fails with <errno>
    When sendmsg is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                            | errno        |
      | msg is not a valid address                           | EFAULT       |
      | a control message is longer than the control buffer  | EINVAL       |
      | SCM_RIGHTS passes a descriptor that is not open      | EBADF        |
      | SCM_CREDENTIALS names a uid that is not the caller's | EPERM        |
      | SCM_CREDENTIALS names a pid of no process            | ESRCH        |
      | the descriptors in flight exceed RLIMIT_NOFILE       | ETOOMANYREFS |
