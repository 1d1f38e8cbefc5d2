@errno @mechanism:sysv-sem
Feature: How semget(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:semget
  Scenario Outline: semget: <condition> fails with <errno>
    When semget is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                            | errno  |
      | the set exists and the caller may not access it      | EACCES |
      | IPC_CREAT and IPC_EXCL name a key that has a set     | EEXIST |
      | nsems is negative                                    | EINVAL |
      | nsems is greater than SEMMSL                         | EINVAL |
      | the key's set has fewer semaphores than nsems        | EINVAL |
      | no set exists for the key and IPC_CREAT is not given | ENOENT |
      | all SEMMNI set ids are taken                         | ENOSPC |
      | the new set would pass the system-wide SEMMNS        | ENOSPC |
