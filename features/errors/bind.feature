@errno @mechanism:unix-socket
Feature: How bind(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:bind
  Scenario Outline: bind: <condition> fails with <errno>
    When bind is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                         | errno         |
      | the address is a privileged port and the caller is not privileged | EACCES        |
      | the socket path already exists                                    | EADDRINUSE    |
      | the abstract name is already bound                                | EADDRINUSE    |
      | sockfd is not a valid descriptor                                  | EBADF         |
      | the socket is already bound                                       | EINVAL        |
      | addrlen is shorter than the address family                        | EINVAL        |
      | the address is not of the socket's family                         | EINVAL        |
      | sockfd is not a socket                                            | ENOTSOCK      |
      | a directory of the socket path does not allow search              | EACCES        |
      | the address is not local                                          | EADDRNOTAVAIL |
      | addr is not a valid address                                       | EFAULT        |
      | the socket path has a symbolic link loop                          | ELOOP         |
      | addr is longer than a sockaddr_un                                 | EINVAL        |
      | a directory of the socket path does not exist                     | ENOENT        |
      | a component of the socket path is not a directory                 | ENOTDIR       |
