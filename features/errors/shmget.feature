@errno @mechanism:sysv-shm
Feature: How shmget(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:shmget
  Scenario Outline: shmget: <condition> fails with <errno>
    When shmget is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                                  | errno  |
      | the segment exists and the caller may not access it                        | EACCES |
      | IPC_CREAT and IPC_EXCL name a key that has a segment                       | EEXIST |
      | a new segment is smaller than SHMMIN                                       | EINVAL |
      | a new segment is larger than SHMMAX                                        | EINVAL |
      | the key's segment is smaller than the size asked for                       | EINVAL |
      | no segment exists for the key and IPC_CREAT is not given                   | ENOENT |
      | all SHMMNI segment ids are taken                                           | ENOSPC |
      | the new segment would pass the system-wide SHMALL                          | ENOSPC |
      | SHM_HUGETLB is asked for without CAP_IPC_LOCK and with RLIMIT_MEMLOCK at 0 | EPERM  |
