@errno @mechanism:sysv-msg
Feature: How msgsnd(2) and msgrcv(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:msgsnd
  Scenario Outline: msgsnd: <condition> fails with <errno>
    When msgsnd is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                    | errno  |
      | the caller may not write to the queue                        | EACCES |
      | the queue is full and IPC_NOWAIT is given                    | EAGAIN |
      | msgp is not a valid address                                  | EFAULT |
      | the queue is removed while the sender waits on a full queue  | EIDRM  |
      | a signal handler interrupts a sender waiting on a full queue | EINTR  |
      | msqid is not a valid identifier                              | EINVAL |
      | mtype is not positive                                        | EINVAL |
      | msgsz is negative                                            | EINVAL |
      | msgsz is greater than MSGMAX                                 | EINVAL |

  @call:msgrcv
  Scenario Outline: msgrcv: <condition> fails with <errno>
    When msgrcv is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                                     | errno  |
      | the message is longer than msgsz and MSG_NOERROR is not given                 | E2BIG  |
      | the caller may not read the queue                                             | EACCES |
      | msgp is not a valid address                                                   | EFAULT |
      | the queue is removed while the receiver waits                                 | EIDRM  |
      | a signal handler interrupts a waiting receiver                                | EINTR  |
      | msqid is not a valid identifier                                               | EINVAL |
      | msgsz is negative                                                             | EINVAL |
      | MSG_COPY is given without IPC_NOWAIT                                          | EINVAL |
      | MSG_COPY and MSG_EXCEPT are given together                                    | EINVAL |
      | IPC_NOWAIT is given and no message of the type is queued                      | ENOMSG |
      | IPC_NOWAIT and MSG_COPY ask for an index past the last message                | ENOMSG |
      | IPC_NOWAIT and MSG_EXCEPT are given and every message is of the excluded type | ENOMSG |
