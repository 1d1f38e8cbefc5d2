@errno @mechanism:unix-socket
Feature: How listen(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:listen
  Scenario Outline: listen: <condition> fails with <errno>
    When listen is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                       | errno      |
      | another socket already listens on the same port | EADDRINUSE |
      | sockfd is not a valid descriptor                | EBADF      |
      | sockfd is not a socket                          | ENOTSOCK   |
      | the socket is a datagram socket                 | EOPNOTSUPP |
