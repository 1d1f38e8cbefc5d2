@errno @mechanism:posix-mq
Feature: How mq_send(3) and mq_timedsend(3) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/posix-mq.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mq_send
  Scenario Outline: mq_send: <condition> fails with <errno>
    When mq_send is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                    | errno    |
      | the queue is full and O_NONBLOCK is set                      | EAGAIN   |
      | mqdes is not a valid descriptor                              | EBADF    |
      | mqdes is not open for writing                                | EBADF    |
      | a signal handler interrupts a sender blocked on a full queue | EINTR    |
      | msg_prio is not below MQ_PRIO_MAX                            | EINVAL   |
      | msg_len is greater than mq_msgsize                           | EMSGSIZE |

  @call:mq_timedsend
  Scenario Outline: mq_timedsend: <condition> fails with <errno>
    When mq_timedsend is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                             | errno     |
      | the queue is full and abs_timeout's tv_sec is negative                | EINVAL    |
      | the queue is full and abs_timeout's tv_nsec is negative               | EINVAL    |
      | the queue is full and abs_timeout's tv_nsec is not below 1000 million | EINVAL    |
      | the queue has room and abs_timeout is invalid                         | EINVAL    |
      | the queue stays full past an abs_timeout 1 ms ahead                   | ETIMEDOUT |
