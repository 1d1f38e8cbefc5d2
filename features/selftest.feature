@selftest
Feature: Self-test of the kit's reporting
  Scenarios that fail or skip on purpose, so that the kit's own tests can show
  what a contradiction and an unavailable feature look like in every report.
  Excluded from `npm test`; run with `npm test -- --profile selftest` (it exits 1).

  @claim:PIPE-55
  Scenario: A deliberately wrong expectation fails with its evidence
    Given a pipe
    When "123456" is written to its write end
    And the self-test records what FIONREAD reports
    Then FIONREAD on its read end reports 7 bytes

  Rule: A skip carries its reason into every report (JUnit names this test case "<rule> - <scenario>")

    @claim:PIPE-59
    Scenario: A feature this host lacks ends as a skip with its reason
      Given a pipe
      Then the self-test needs a feature this host lacks
