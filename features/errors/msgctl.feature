@errno @mechanism:sysv-msg
Feature: How msgctl(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:msgctl
  Scenario Outline: msgctl: <condition> fails with <errno>
    When msgctl is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                          | errno  |
      | IPC_STAT is asked for without read permission                      | EACCES |
      | MSG_STAT is asked for without read permission                      | EACCES |
      | IPC_STAT is given a buf that is not a valid address                | EFAULT |
      | IPC_SET is given a buf that is not a valid address                 | EFAULT |
      | the queue has been removed                                         | EINVAL |
      | cmd is not a valid command                                         | EINVAL |
      | msqid is not a valid identifier                                    | EINVAL |
      | MSG_STAT names an unused slot                                      | EINVAL |
      | IPC_SET is asked for by a caller who is neither creator nor owner  | EPERM  |
      | IPC_RMID is asked for by a caller who is neither creator nor owner | EPERM  |
      | IPC_SET raises msg_qbytes beyond MSGMNB without CAP_SYS_RESOURCE   | EPERM  |
