@errno @mechanism:sysv-sem
Feature: How semop(2) and semtimedop(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:semop
  Scenario Outline: semop: <condition> fails with <errno>
    When semop is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                     | errno  |
      | nsops is greater than SEMOPM                  | E2BIG  |
      | the caller may not alter the set              | EACCES |
      | an operation with IPC_NOWAIT cannot proceed   | EAGAIN |
      | sops is not a valid address                   | EFAULT |
      | sem_num is not below the number of semaphores | EFBIG  |
      | the set is removed while the caller waits     | EIDRM  |
      | a signal handler interrupts a blocked semop   | EINTR  |
      | the set does not exist                        | EINVAL |
      | semid is negative                             | EINVAL |
      | nsops is 0                                    | EINVAL |
      | sem_op plus semval would pass SEMVMX          | ERANGE |

  @call:semtimedop
  Scenario Outline: semtimedop: <condition> fails with <errno>
    When semtimedop is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                    | errno  |
      | the timeout of 1 ms expires before the operation can proceed | EAGAIN |
      | timeout is not a valid address                               | EFAULT |
      | the timeout's tv_nsec is not below 1000 million              | EINVAL |
