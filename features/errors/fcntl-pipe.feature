@errno @mechanism:pipe
Feature: How fcntl(2) fails on pipes
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/pipes-fifos.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:fcntl
  Scenario Outline: fcntl: <condition> fails with <errno>
    When fcntl is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                                 | errno  |
      | fd is not an open descriptor                                              | EBADF  |
      | F_SETPIPE_SZ asks for less than the data the pipe holds                   | EBUSY  |
      | cmd is not a command this kernel knows                                    | EINVAL |
      | F_SETPIPE_SZ grows a pipe beyond the user's soft pipe limit               | EPERM  |
      | F_SETPIPE_SZ asks for more than fs.pipe-max-size without CAP_SYS_RESOURCE | EPERM  |
