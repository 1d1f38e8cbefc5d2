@errno @mechanism:general
Feature: How fork(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/signals.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:fork
  Scenario Outline: fork: <condition> fails with <errno>
    When fork is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                  | errno  |
      | the caller's RLIMIT_NPROC is reached                       | EAGAIN |
      | the caller runs under SCHED_DEADLINE without reset-on-fork | EAGAIN |
      | the caller's PID namespace has lost its init               | ENOMEM |
