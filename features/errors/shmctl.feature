@errno @mechanism:sysv-shm
Feature: How shmctl(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:shmctl
  Scenario Outline: shmctl: <condition> fails with <errno>
    When shmctl is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                               | errno  |
      | IPC_STAT is asked for without read permission                           | EACCES |
      | SHM_STAT is asked for without read permission                           | EACCES |
      | IPC_STAT is given a buf that is not a valid address                     | EFAULT |
      | IPC_SET is given a buf that is not a valid address                      | EFAULT |
      | the segment has been removed                                            | EINVAL |
      | shmid is not a valid identifier                                         | EINVAL |
      | cmd is not a valid command                                              | EINVAL |
      | SHM_STAT names an unused slot                                           | EINVAL |
      | SHM_LOCK would pass the caller's RLIMIT_MEMLOCK                         | ENOMEM |
      | IPC_SET is asked for by a caller who is neither creator nor owner       | EPERM  |
      | IPC_RMID is asked for by a caller who is neither creator nor owner      | EPERM  |
      | SHM_LOCK is asked for without CAP_IPC_LOCK and with RLIMIT_MEMLOCK at 0 | EPERM  |
