@errno @mechanism:pipe
Feature: How pipe(2) and pipe2(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/pipes-fifos.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:pipe
  Scenario Outline: pipe: <condition> fails with <errno>
    When pipe is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                       | errno  |
      | pipefd is not a valid address                                   | EFAULT |
      | the per-process limit on open file descriptors has been reached | EMFILE |

  @call:pipe2
  Scenario Outline: pipe2: <condition> fails with <errno>
    When pipe2 is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                  | errno  |
      | flags holds a bit that is not a pipe2 flag | EINVAL |
