@errno @mechanism:posix-mq
Feature: How mq_notify(3) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/posix-mq.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mq_notify
  Scenario Outline: mq_notify: <condition> fails with <errno>
    When mq_notify is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                   | errno  |
      | mqdes is not a valid descriptor             | EBADF  |
      | another process is registered for the queue | EBUSY  |
      | sigev_notify is not a permitted value       | EINVAL |
      | SIGEV_SIGNAL names an invalid signal number | EINVAL |
