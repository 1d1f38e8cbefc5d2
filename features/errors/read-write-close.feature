@errno @mechanism:pipe
Feature: How read(2), write(2) and close(2) fail on pipes, FIFOs and sockets
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/pipes-fifos.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:read
  Scenario Outline: read: <condition> fails with <errno>
    When read is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                            | errno  |
      | an empty non-blocking pipe is read                   | EAGAIN |
      | a non-blocking socket with nothing to read is read   | EAGAIN |
      | fd is not a valid descriptor                         | EBADF  |
      | fd is the write end of a pipe                        | EBADF  |
      | buf is not a valid address                           | EFAULT |
      | a signal handler interrupts a blocked read of a pipe | EINTR  |
      | fd is a listening socket                             | EINVAL |

  @call:write
  Scenario Outline: write: <condition> fails with <errno>
    When write is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                  | errno    |
      | a full non-blocking pipe is written                        | EAGAIN   |
      | a non-blocking socket whose buffer is full is written      | EAGAIN   |
      | fd is not a valid descriptor                               | EBADF    |
      | fd is the read end of a pipe                               | EBADF    |
      | fd is an AF_UNIX datagram socket with no peer address      | ENOTCONN |
      | buf is not a valid address                                 | EFAULT   |
      | a signal handler interrupts a blocked write to a full pipe | EINTR    |
      | fd is a listening socket                                   | ENOTCONN |
      | the read end of the pipe is closed                         | EPIPE    |
      | the peer of a stream socket is closed                      | EPIPE    |

  @call:close
  Scenario Outline: close: <condition> fails with <errno>
    When close is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                    | errno |
      | fd is not an open descriptor | EBADF |
