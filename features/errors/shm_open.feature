@errno @mechanism:posix-shm
Feature: How shm_open(3) and shm_unlink(3) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/memory.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:shm_open
  Scenario Outline: shm_open: <condition> fails with <errno>
    When shm_open is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                       | errno        |
      | the object's mode denies the access asked for                   | EACCES       |
      | O_TRUNC is given without write permission on the object         | EACCES       |
      | O_CREAT and O_EXCL name an existing object                      | EEXIST       |
      | the name holds a slash after the first                          | EINVAL       |
      | the per-process limit on open file descriptors has been reached | EMFILE       |
      | the name is longer than NAME_MAX                                | ENAMETOOLONG |
      | the name is longer than PATH_MAX                                | ENAMETOOLONG |
      | the name does not exist and O_CREAT is not given                | ENOENT       |

  @call:shm_unlink
  Scenario Outline: shm_unlink: <condition> fails with <errno>
    When shm_unlink is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                          | errno        |
      | the object belongs to another user | EACCES       |
      | the name is longer than NAME_MAX   | ENAMETOOLONG |
      | the name is longer than PATH_MAX   | ENOENT       |
      | the name does not exist            | ENOENT       |
