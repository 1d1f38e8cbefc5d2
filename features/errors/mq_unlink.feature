@errno @mechanism:posix-mq
Feature: How mq_unlink(3) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/posix-mq.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mq_unlink
  Scenario Outline: mq_unlink: <condition> fails with <errno>
    When mq_unlink is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                         | errno        |
      | the queue belongs to another user | EACCES       |
      | the name is longer than NAME_MAX  | ENAMETOOLONG |
      | no queue has the name             | ENOENT       |
