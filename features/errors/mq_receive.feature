@errno @mechanism:posix-mq
Feature: How mq_receive(3) and mq_timedreceive(3) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/posix-mq.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mq_receive
  Scenario Outline: mq_receive: <condition> fails with <errno>
    When mq_receive is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                        | errno    |
      | the queue is empty and O_NONBLOCK is set                         | EAGAIN   |
      | mqdes is not a valid descriptor                                  | EBADF    |
      | mqdes is not open for reading                                    | EBADF    |
      | a signal handler interrupts a receiver blocked on an empty queue | EINTR    |
      | msg_len is less than mq_msgsize                                  | EMSGSIZE |

  @call:mq_timedreceive
  Scenario Outline: mq_timedreceive: <condition> fails with <errno>
    When mq_timedreceive is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                              | errno     |
      | the queue is empty and abs_timeout's tv_sec is negative                | EINVAL    |
      | the queue is empty and abs_timeout's tv_nsec is negative               | EINVAL    |
      | the queue is empty and abs_timeout's tv_nsec is not below 1000 million | EINVAL    |
      | a message is waiting and abs_timeout is invalid                        | EINVAL    |
      | the queue stays empty past an abs_timeout 1 ms ahead                   | ETIMEDOUT |
