@errno @mechanism:sysv-msg
Feature: How msgget(2) fails
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/sysv.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:msgget
  Scenario Outline: msgget: <condition> fails with <errno>
    When msgget is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                              | errno  |
      | the queue exists and the caller may not access it      | EACCES |
      | IPC_CREAT and IPC_EXCL name a key that has a queue     | EEXIST |
      | no queue exists for the key and IPC_CREAT is not given | ENOENT |
      | all MSGMNI queue ids are taken                         | ENOSPC |
