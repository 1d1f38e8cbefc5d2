@errno @mechanism:mmap
Feature: How mprotect(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/memory.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mprotect
  Scenario Outline: mprotect: <condition> fails with <errno>
    When mprotect is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                                  | errno  |
      | PROT_WRITE is asked for on a shared mapping of a descriptor open read-only | EACCES |
      | addr is not page-aligned                                                   | EINVAL |
      | pkey_mprotect is given a pkey that pkey_alloc did not allocate             | EINVAL |
      | both PROT_GROWSUP and PROT_GROWSDOWN are given                             | EINVAL |
      | prot holds a bit that is no protection                                     | EINVAL |
      | the range is not mapped                                                    | ENOMEM |
      | changing the middle of a mapping would pass vm.max_map_count               | ENOMEM |
