@mechanism:posix-mq
Feature: POSIX message queues (mq_open, mq_send, mq_receive)
  Note 002 (消息队列) says that message queues include POSIX message queues.
  Checked on this host: a queue that another process (fixtures/pmq-send.c) sends
  to delivers by priority, and its limits come from /proc/sys/fs/mqueue. Queues
  are opened O_NONBLOCK here, so a call that would wait fails with EAGAIN instead.
  The ledger (features/ledger/posix-mq.yaml) holds the note's words and the verdict.

  Rule: Linux has POSIX message queues: messages keep their boundaries and come out by priority

    @claim:PMQ-01
    Scenario: Messages from another process come out highest priority first, and in sending order within a priority
      Given a POSIX message queue created with the default attributes
      When another process sends to the queue, in this order:
        | priority | text   |
        | 1        | low-a  |
        | 9        | high-a |
        | 5        | mid    |
        | 9        | high-b |
        | 1        | low-b  |
      Then mq_getattr reports 5 messages on the queue
      And the queue yields, in this order:
        | priority | text   |
        | 9        | high-a |
        | 9        | high-b |
        | 5        | mid    |
        | 1        | low-a  |
        | 1        | low-b  |
      And a further receive from the queue fails with EAGAIN

    @claim:PMQ-01
    Scenario: Priorities run from 0 to MQ_PRIO_MAX - 1
      Given a POSIX message queue created with the default attributes
      When "top" is sent to the queue with priority MQ_PRIO_MAX - 1
      Then the call returns 0
      When "too high" is sent to the queue with priority MQ_PRIO_MAX
      Then the call fails with EINVAL

  Rule: A queue's size comes from /proc/sys/fs/mqueue, and only CAP_SYS_RESOURCE goes beyond msg_max

    @claim:PMQ-01
    Scenario: With default attributes a queue holds fs.mqueue.msg_default messages of fs.mqueue.msgsize_default bytes
      Given a POSIX message queue created with the default attributes
      Then mq_getattr reports the defaults of /proc/sys/fs/mqueue, capped by msg_max and msgsize_max
      When the queue is filled without blocking
      Then it took exactly mq_maxmsg messages before mq_send failed with EAGAIN
      When a message is received from the queue into a buffer 1 byte smaller than mq_msgsize
      Then the call fails with EMSGSIZE

    @claim:PMQ-01
    Scenario: mq_maxmsg may reach fs.mqueue.msg_max; one more needs CAP_SYS_RESOURCE, and 0 is never allowed
      When a POSIX message queue is created with mq_maxmsg "msg_max" and mq_msgsize 64
      Then mq_getattr reports room for "msg_max" messages of 64 bytes
      When a POSIX message queue is created with mq_maxmsg "msg_max + 1" and mq_msgsize 64
      Then mq_open fails with EINVAL, unless the process has CAP_SYS_RESOURCE
      When a POSIX message queue is created with mq_maxmsg "0" and mq_msgsize 64
      Then the call fails with EINVAL
