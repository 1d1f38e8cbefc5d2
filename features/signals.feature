@mechanism:signal
Feature: Signals
  What notes 000 §5 and 002 (信号, the signal paragraph under 信号量, the comparison) say
  about signals, checked on this host. Every signal is sent and caught by the C fixtures
  (fixtures/sig-*.c): Node's own signal handling is not what is under test. The ledger
  (features/ledger/signals.yaml) holds the note's words and the verdict.

  Rule: A signal tells another process, a group of processes or the sender itself that an event happened

    @claim:SIG-01 @claim:SIG-05 @claim:SIG-11 @claim:SIG-13
    Scenario: A signal sent with kill() runs the receiving process's handler, which learns who sent it
      When one process sends SIGUSR1 with kill() to another that catches it with an SA_SIGINFO handler
      Then the receiver's handler ran 1 time for signal SIGUSR1
      And the handler's siginfo names the sender's pid and uid with si_code SI_USER

    @claim:SIG-02
    Scenario: When a child terminates, its parent gets SIGCHLD saying how it ended
      When a child exits with status 7 while its parent catches SIGCHLD
      Then the parent's SIGCHLD handler ran 1 time
      And its siginfo names the child with si_code CLD_EXITED and status 7

    @claim:SIG-03
    Scenario: killpg() notifies every process of a group at once, and not the sender outside it
      When a process outside a group of 3 processes sends SIGUSR1 to the group with killpg()
      Then each of the 3 group members received SIGUSR1 from that sender
      And the sender has no SIGUSR1 pending itself

    @claim:SIG-06
    Scenario Outline: A process can signal itself with <call>, and the handler has run when the call returns
      When a process sends itself SIGUSR1 with <call>
      Then the handler had run 1 time when <call> returned
      And its siginfo names the process itself with si_code <code>

      Examples:
        | call              | code     |
        | raise()           | SI_TKILL |
        | kill(getpid(), …) | SI_USER  |

  Rule: signal() and sigaction() both exist; glibc builds signal() on sigaction(), with BSD semantics only by default

    @claim:SIG-07 @claim:SIG-09 @claim:SIG-04
    Scenario: Compiled the default way, glibc's signal() keeps the handler, blocks the signal during it and restarts read()
      When a program compiled with gcc's default -std=gnu11 installs a handler with signal()
      Then <features.h> enabled the BSD and System V extras
      And signal() returned SIG_DFL, the previous disposition
      And sigaction() reads back the flags "SA_RESTART"
      And during the first delivery SIGUSR1 was blocked, and afterwards the handler is still installed
      And a second raise() runs the handler again
      And a read() interrupted by the signal is restarted and returns 1 byte

    @claim:SIG-09 @claim:SIG-04 @claim:SIG-07
    Scenario: Compiled in a strict standard mode, glibc's signal() has System V semantics: one-shot, not blocked, no restart
      When the same program compiled with -std=c11 and only _POSIX_C_SOURCE installs a handler with signal()
      Then <features.h> did not enable the BSD and System V extras
      And signal() returned SIG_DFL, the previous disposition
      And sigaction() reads back the flags "SA_RESETHAND|SA_NODEFER"
      And during the first delivery SIGUSR1 was not blocked, and afterwards the disposition is SIG_DFL
      And a read() interrupted by the signal fails with EINTR

    @claim:SIG-08
    Scenario: sigaction() installs handlers, but SIGKILL and SIGSTOP can be neither caught, ignored nor blocked
      When a process tries to catch, ignore and block SIGKILL and SIGSTOP
      Then sigaction() on SIGKILL and on SIGSTOP failed with EINVAL
      And signal(SIGKILL, SIG_IGN) returned SIG_ERR with EINVAL
      And sigprocmask() left SIGKILL and SIGSTOP unblocked
      And SIGKILL still killed it

  Rule: A signal carries little: standard signals do not even count, real-time signals queue with one value each

    @claim:SIG-10 @claim:SIG-12
    Scenario: Three SIGUSR1 sent while it is blocked are delivered once
      When a process sends SIGUSR1 3 times with sigqueue() to a process that blocks it, which then unblocks it
      Then the signal was pending before the unblock
      And the handler ran 1 time, with the value "101" of the first send

    @claim:SIG-10 @claim:SIG-14
    Scenario: Three real-time signals sent while blocked are all delivered, in order, each with its sigqueue() value
      When a process sends SIGRTMIN 3 times with sigqueue() to a process that blocks it, which then unblocks it
      Then the signal was pending before the unblock
      And the handler ran 3 times, with the values "101,102,103"
      And every delivery had si_code SI_QUEUE
      And the only data a signal carries beyond its number is one union sigval of 8 bytes

    @claim:SIG-12
    Scenario: Within one process, pthread_kill() wakes exactly the thread it names
      When two threads of one process wait in sigwaitinfo() and another thread signals each by pthread_kill()
      Then each signal woke the thread it was directed to, in the order sent
