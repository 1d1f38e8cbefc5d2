@errno @mechanism:unix-socket
Feature: How accept(2) and accept4(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:accept
  Scenario Outline: accept: <condition> fails with <errno>
    When accept is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                       | errno      |
      | a non-blocking socket has no pending connection                 | EAGAIN     |
      | sockfd is not a valid descriptor                                | EBADF      |
      | addr is not a writable address                                  | EFAULT     |
      | a signal handler interrupts a blocked accept                    | EINTR      |
      | the socket is not listening                                     | EINVAL     |
      | addrlen is negative                                             | EINVAL     |
      | the per-process limit on open file descriptors has been reached | EMFILE     |
      | sockfd is not a socket                                          | ENOTSOCK   |
      | the socket is not a stream socket                               | EOPNOTSUPP |

  @call:accept4
  Scenario Outline: accept4: <condition> fails with <errno>
    When accept4 is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                     | errno  |
      | flags holds a bit that is not an accept4 flag | EINVAL |
