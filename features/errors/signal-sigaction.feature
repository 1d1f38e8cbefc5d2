@errno @mechanism:signal
Feature: How signal(2) and sigaction(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/signals.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:signal
  Scenario Outline: signal: <condition> fails with <errno>
    When signal is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                     | errno  |
      | signum is not a signal number | EINVAL |
      | signum is SIGKILL             | EINVAL |

  @call:sigaction
  Scenario Outline: sigaction: <condition> fails with <errno>
    When sigaction is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                           | errno  |
      | act is not a valid address                          | EFAULT |
      | oldact is not a valid address                       | EFAULT |
      | signum is not a signal number                       | EINVAL |
      | signum is SIGKILL                                   | EINVAL |
      | signum is SIGSTOP                                   | EINVAL |
      | signum is a real-time signal glibc keeps for itself | EINVAL |
