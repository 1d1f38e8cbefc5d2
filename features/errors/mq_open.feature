@errno @mechanism:posix-mq
Feature: How mq_open(3) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/posix-mq.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mq_open
  Scenario Outline: mq_open: <condition> fails with <errno>
    When mq_open is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                        | errno        |
      | the queue exists and its mode denies the access asked for        | EACCES       |
      | the name holds more than one slash                               | EACCES       |
      | O_CREAT and O_EXCL name an existing queue                        | EEXIST       |
      | the name does not start with a slash                             | EINVAL       |
      | O_CREAT is given with mq_maxmsg 0                                | EINVAL       |
      | O_CREAT is given with mq_msgsize 0                               | EINVAL       |
      | mq_maxmsg passes fs.mqueue.msg_max without CAP_SYS_RESOURCE      | EINVAL       |
      | mq_msgsize passes fs.mqueue.msgsize_max without CAP_SYS_RESOURCE | EINVAL       |
      | mq_maxmsg passes HARD_MAX                                        | EINVAL       |
      | the per-process limit on open file descriptors has been reached  | EMFILE       |
      | the new queue would pass RLIMIT_MSGQUEUE                         | EMFILE       |
      | the name is longer than NAME_MAX                                 | ENAMETOOLONG |
      | O_CREAT is not given and the queue does not exist                | ENOENT       |
      | the name is a slash alone                                        | ENOENT       |
      | fs.mqueue.queues_max queues exist                                | ENOSPC       |
