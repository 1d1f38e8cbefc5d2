@errno @mechanism:posix-shm
Feature: How ftruncate(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/memory.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:ftruncate
  Scenario Outline: ftruncate: <condition> fails with <errno>
    When ftruncate is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                | errno  |
      | fd is not a valid descriptor                             | EBADF  |
      | fd is not open for writing                               | EINVAL |
      | fd is not a regular file or shared-memory object, a pipe | EINVAL |
      | length is negative                                       | EINVAL |
      | length passes RLIMIT_FSIZE                               | EFBIG  |
      | a file seal forbids the new size                         | EPERM  |
