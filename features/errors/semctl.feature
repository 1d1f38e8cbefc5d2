@errno @mechanism:sysv-sem
Feature: How semctl(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:semctl
  Scenario Outline: semctl: <condition> fails with <errno>
    When semctl is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                          | errno  |
      | GETVAL is asked for without read permission                        | EACCES |
      | SETVAL is asked for without alter permission                       | EACCES |
      | IPC_STAT is asked for without read permission                      | EACCES |
      | IPC_STAT is given an arg.buf that is not a valid address           | EFAULT |
      | GETALL is given an arg.array that is not a valid address           | EFAULT |
      | the set has been removed                                           | EINVAL |
      | cmd is not a valid command                                         | EINVAL |
      | semid is not a valid identifier                                    | EINVAL |
      | SEM_STAT names an unused slot                                      | EINVAL |
      | IPC_SET is asked for by a caller who is neither creator nor owner  | EPERM  |
      | IPC_RMID is asked for by a caller who is neither creator nor owner | EPERM  |
      | SETVAL asks for more than SEMVMX                                   | ERANGE |
      | SETVAL asks for a negative value                                   | ERANGE |
      | SETALL holds a value greater than SEMVMX                           | ERANGE |
