@errno @mechanism:sysv-shm
Feature: How shmat(2) and shmdt(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:shmat
  Scenario Outline: shmat: <condition> fails with <errno>
    When shmat is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                              | errno  |
      | the caller may not read the segment                                    | EACCES |
      | a read-write attach is asked for on a segment the caller may only read | EACCES |
      | the segment has been removed and no attachment kept it                 | EINVAL |
      | shmid is not a valid identifier                                        | EINVAL |
      | shmaddr is not page-aligned and SHM_RND is not given                   | EINVAL |
      | shmaddr is already mapped and SHM_REMAP is not given                   | EINVAL |
      | SHM_REMAP is given with a null shmaddr                                 | EINVAL |
      | RLIMIT_AS leaves no room for the segment                               | ENOMEM |

  @call:shmdt
  Scenario Outline: shmdt: <condition> fails with <errno>
    When shmdt is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                         | errno  |
      | no segment is attached at shmaddr | EINVAL |
      | shmaddr is not page-aligned       | EINVAL |
