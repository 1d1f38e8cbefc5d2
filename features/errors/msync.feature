@errno @mechanism:mmap
Feature: How msync(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/memory.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:msync
  Scenario Outline: msync: <condition> fails with <errno>
    When msync is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                       | errno  |
      | MS_INVALIDATE is given for a locked range                       | EBUSY  |
      | addr is not page-aligned                                        | EINVAL |
      | flags hold a bit other than MS_ASYNC, MS_INVALIDATE and MS_SYNC | EINVAL |
      | both MS_SYNC and MS_ASYNC are given                             | EINVAL |
      | the range is not mapped                                         | ENOMEM |
