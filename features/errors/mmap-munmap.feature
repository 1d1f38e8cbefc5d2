@errno @mechanism:mmap
Feature: How mmap(2) and munmap(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/memory.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mmap
  Scenario Outline: mmap: <condition> fails with <errno>
    When mmap is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                                   | errno     |
      | fd refers to a non-regular file, a pipe                                     | ENODEV    |
      | a file mapping is asked for on a descriptor not open for reading            | EACCES    |
      | MAP_SHARED and PROT_WRITE are asked for on a descriptor not open read-write | EACCES    |
      | MAP_SHARED and PROT_WRITE are asked for on an append-only file              | EACCES    |
      | MAP_LOCKED would pass RLIMIT_MEMLOCK                                        | EAGAIN    |
      | MAP_LOCKED is asked for with RLIMIT_MEMLOCK at 0 and without CAP_IPC_LOCK   | EPERM     |
      | fd is not a valid descriptor and MAP_ANONYMOUS is not given                 | EBADF     |
      | MAP_FIXED_NOREPLACE names a range that is already mapped                    | EEXIST    |
      | offset is not a multiple of the page size                                   | EINVAL    |
      | MAP_FIXED is given an addr that is not page-aligned                         | EINVAL    |
      | length is 0                                                                 | EINVAL    |
      | flags hold none of MAP_PRIVATE, MAP_SHARED and MAP_SHARED_VALIDATE          | EINVAL    |
      | the file system of fd does not support mapping, a directory                 | ENODEV    |
      | the process is at vm.max_map_count                                          | ENOMEM    |
      | a private writable mapping would pass RLIMIT_DATA                           | ENOMEM    |
      | MAP_FIXED names an addr beyond the address space                            | ENOMEM    |
      | offset plus length passes the largest file offset                           | EOVERFLOW |
      | PROT_EXEC is asked for on a file of a noexec mount                          | EPERM     |
      | a file seal forbids the mapping                                             | EPERM     |
      | MAP_HUGETLB is asked for by a caller without CAP_IPC_LOCK                   | ENOMEM    |

  @call:munmap
  Scenario Outline: munmap: <condition> fails with <errno>
    When munmap is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                     | errno  |
      | addr is not page-aligned                                      | EINVAL |
      | length is 0                                                   | EINVAL |
      | the range lies beyond the address space                       | EINVAL |
      | unmapping the middle of a mapping would pass vm.max_map_count | ENOMEM |
