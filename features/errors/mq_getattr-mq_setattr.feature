@errno @mechanism:posix-mq
Feature: How mq_getattr(3) and mq_setattr(3) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/posix-mq.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mq_getattr
  Scenario Outline: mq_getattr: <condition> fails with <errno>
    When mq_getattr is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                       | errno |
      | mqdes is not a valid descriptor | EBADF |

  @call:mq_setattr
  Scenario Outline: mq_setattr: <condition> fails with <errno>
    When mq_setattr is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                 | errno  |
      | mqdes is not a valid descriptor           | EBADF  |
      | mq_flags hold a bit other than O_NONBLOCK | EINVAL |
