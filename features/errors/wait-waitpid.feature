@errno @mechanism:general
Feature: How wait(2) and waitpid(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/signals.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:wait
  Scenario Outline: wait: <condition> fails with <errno>
    When wait is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                               | errno  |
      | the caller has no unwaited-for children | ECHILD |
      | a signal handler interrupts the wait    | EINTR  |

  @call:waitpid
  Scenario Outline: waitpid: <condition> fails with <errno>
    When waitpid is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                   | errno  |
      | the pid is not a child of the caller        | ECHILD |
      | SIGCHLD is ignored and the child has exited | ECHILD |
      | a signal handler interrupts the wait        | EINTR  |
      | options hold a bit that is no option        | EINVAL |
      | pid is INT_MIN                              | ESRCH  |
