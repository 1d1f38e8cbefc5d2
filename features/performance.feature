@performance @mechanism:performance
Feature: Performance claims, measured
  What notes 000, 001, 002 and 003 say about speed ("shared memory is the fastest IPC", "pipes are slow",
  "message queues copy data, so they suit neither large nor frequent transfers", "no networking makes
  local calls faster"), read from the benchmark `npm run bench` ran just before these scenarios
  (reports/bench.json). Every check compares two numbers measured in the same run, with a margin; no
  absolute time is asserted. The margins that decide a verdict (the bulk-data margin, the same band, the
  local margin) are kit/bench-stats.ts THRESHOLDS, which the ledger's verdicts read too.

  Background:
    Given the benchmark of this run

  Rule: Shared memory is fastest for bulk data, not for small blocking messages

    @claim:SHM-03 @claim:SHM-07 @claim:SHM-11 @claim:SHM-14 @claim:SHM-33 @claim:SHM-37
    Scenario: For 1 MiB messages a shared-memory ring streams several times the bytes of a pipe
      Then for 1 MiB messages the best shared-memory ring streams at least 2 times the bytes per second of a pipe
      And the best shared-memory ring at 1 MiB streams at least the bulk-data margin times the best kernel mechanism at any size

    @claim:SHM-03 @claim:SHM-07 @claim:SHM-11 @claim:SHM-14 @claim:SHM-04 @claim:SHM-08 @claim:SHM-12
    Scenario: For 1-byte round trips a ring with a blocking futex hand-off is no faster than a pipe
      Then a 1-byte round trip through the futex ring is in the same band as a pipe's

    @claim:SHM-03 @claim:SHM-07 @claim:SHM-11 @claim:SHM-14 @claim:SHM-33
    Scenario: Only busy-waiting on two CPUs makes round trips many times shorter than a pipe's
      Then with the two processes on two CPUs a busy-waiting ring's round trip is at least 5 times shorter than a pipe's

    @claim:SHM-37
    Scenario: The shared-memory ring reaches 40 % of a cache-resident memcpy
      Then the best shared-memory ring reaches at least 40 % of the cache-resident memcpy at 1 MiB

  Rule: Pipes and FIFOs are slow for bulk data only

    @claim:PIPE-37 @claim:FIFO-09
    Scenario: For 1 MiB messages a socketpair streams more than a pipe
      Then for 1 MiB messages a socketpair streams at least 1.25 times the bytes per second of a pipe

    @claim:PIPE-37 @claim:FIFO-09
    Scenario: For 1-byte round trips a pipe is as quick as the other blocking mechanisms
      Then a pipe's 1-byte round trip is in the same band as the quickest blocking mechanism's

    @claim:FIFO-09
    Scenario: A FIFO performs like a pipe
      Then a FIFO streams 64 KiB messages within 1.5 times a pipe's bytes per second
      And a FIFO's 1-byte round trip is within 1.5 times a pipe's

  Rule: Message queues copy as a pipe does; their size limits, not the copy, restrict large data

    @claim:MSG-47
    Scenario: For frequent small messages the queues are as quick as a pipe
      Then a SysV queue's 1-byte round trip is in the same band as a pipe's
      And a POSIX queue's 1-byte round trip is in the same band as a pipe's

    @claim:MSG-47
    Scenario: For large data a queue is capped at its largest message and streams less than shared memory
      Then a POSIX queue at its largest message streams at least 0.3 times the bytes per second of a pipe with 64 KiB messages
      And the best shared-memory ring at 1 MiB streams at least 3 times the best message queue

  Rule: Local IPC skips the network stack

    @claim:GEN-22
    Scenario: A UNIX stream socket is quicker than TCP over loopback
      Then a TCP loopback round trip takes at least the local margin times a UNIX stream socket's
      And for 64 KiB messages a UNIX stream socket streams at least 1.3 times the bytes per second of TCP loopback

  Rule: The benchmark measures what it says

    Scenario: Every mechanism carried 64 B to 1 MiB, or refused a size with the limit that forbids it
      Then every mechanism carried every message size it allows, intact
      And every size a mechanism refused names the limit

    Scenario: Pinned runs ran on one CPU, spread runs on two
      Then the runs pinned to one CPU ran both processes on that CPU
      And the spread runs ran the two processes on different CPUs
