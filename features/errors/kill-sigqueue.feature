@errno @mechanism:signal
Feature: How kill(2) and sigqueue(3) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/signals.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:kill
  Scenario Outline: kill: <condition> fails with <errno>
    When kill is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                        | errno  |
      | sig is not a signal number                                       | EINVAL |
      | the target belongs to another user and the caller lacks CAP_KILL | EPERM  |
      | no process has the pid                                           | ESRCH  |
      | no process group has the id                                      | ESRCH  |

  @call:sigqueue
  Scenario Outline: sigqueue: <condition> fails with <errno>
    When sigqueue is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                        | errno  |
      | the caller's RLIMIT_SIGPENDING is reached                        | EAGAIN |
      | sig is not a signal number                                       | EINVAL |
      | the target belongs to another user and the caller lacks CAP_KILL | EPERM  |
      | no process has the pid                                           | ESRCH  |
