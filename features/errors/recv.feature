@errno @mechanism:unix-socket
Feature: How recv(2), recvfrom(2) and recvmsg(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:recv
  Scenario Outline: recv: <condition> fails with <errno>
    When recv is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                     | errno    |
      | a non-blocking socket has nothing to receive  | EAGAIN   |
      | the receive timeout expires                   | EAGAIN   |
      | sockfd is not a valid descriptor              | EBADF    |
      | buf is not a valid address                    | EFAULT   |
      | a signal handler interrupts a blocked receive | EINTR    |
      | a TCP socket is not connected                 | ENOTCONN |
      | an AF_UNIX stream socket is not connected     | EINVAL   |
      | sockfd is not a socket                        | ENOTSOCK |

  @call:recvfrom
  Scenario Outline: recvfrom: <condition> fails with <errno>
    When recvfrom is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                     | errno        |
      | a UDP datagram was refused by the remote host | ECONNREFUSED |

  @call:recvmsg
  Scenario Outline: recvmsg: <condition> fails with <errno>
    When recvmsg is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                 | errno      |
      | msg is not a valid address                | EFAULT     |
      | the socket is listening                   | EINVAL     |
      | the peer closed with data it had not read | ECONNRESET |
