@errno @mechanism:fifo
Feature: How open(2) and openat(2) fail on FIFOs and socket files
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/pipes-fifos.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:open
  Scenario Outline: open: <condition> fails with <errno>
    When open is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                                                                                        | errno        |
      | the FIFO's mode does not allow the requested access                                                                              | EACCES       |
      | a directory of the FIFO's path does not allow search                                                                             | EACCES       |
      | O_CREAT names an existing FIFO of another user in a sticky world-writable directory of a third user, with fs.protected_fifos set | EACCES       |
      | O_CREAT and O_EXCL name an existing FIFO                                                                                         | EEXIST       |
      | the path is not a valid address                                                                                                  | EFAULT       |
      | a blocking open of a FIFO is interrupted by a signal handler                                                                     | EINTR        |
      | the path has a symbolic link loop                                                                                                | ELOOP        |
      | the path is a symbolic link to a FIFO and O_NOFOLLOW is given                                                                    | ELOOP        |
      | the per-process limit on open file descriptors has been reached                                                                  | EMFILE       |
      | the path is too long                                                                                                             | ENAMETOOLONG |
      | O_CREAT is not given and the FIFO does not exist                                                                                 | ENOENT       |
      | a directory of the path does not exist                                                                                           | ENOENT       |
      | a directory of the path is a dangling symbolic link                                                                              | ENOENT       |
      | a component used as a directory is not a directory                                                                               | ENOTDIR      |
      | O_DIRECTORY is given and the path is a FIFO                                                                                      | ENOTDIR      |
      | O_WRONLY and O_NONBLOCK open a FIFO no process has open for reading                                                              | ENXIO        |
      | the path is a UNIX domain socket                                                                                                 | ENXIO        |
      | O_NOATIME is given for a FIFO the caller does not own                                                                            | EPERM        |

  @call:openat
  Scenario Outline: openat: <condition> fails with <errno>
    When openat is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                | errno   |
      | the path is relative and dirfd is not a valid descriptor | EBADF   |
      | the path is relative and dirfd is not a directory        | ENOTDIR |
