@errno @mechanism:unix-socket
Feature: How socket(2) and socketpair(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sockets.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:socket
  Scenario Outline: socket: <condition> fails with <errno>
    When socket is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                       | errno           |
      | the caller may not create a raw socket                          | EPERM           |
      | the address family is not supported                             | EAFNOSUPPORT    |
      | the protocol is unknown                                         | EPROTONOSUPPORT |
      | the protocol family is not available                            | EAFNOSUPPORT    |
      | type holds an invalid flag                                      | EINVAL          |
      | the per-process limit on open file descriptors has been reached | EMFILE          |
      | the protocol is not supported within the domain                 | EPROTONOSUPPORT |
      | the socket type is unknown to AF_UNIX                           | ESOCKTNOSUPPORT |

  @call:socketpair
  Scenario Outline: socketpair: <condition> fails with <errno>
    When socketpair is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                       | errno           |
      | the address family is not supported                             | EAFNOSUPPORT    |
      | sv is not a valid address                                       | EFAULT          |
      | the per-process limit on open file descriptors has been reached | EMFILE          |
      | the protocol does not support socket pairs                      | EOPNOTSUPP      |
      | the protocol is not supported                                   | EPROTONOSUPPORT |
