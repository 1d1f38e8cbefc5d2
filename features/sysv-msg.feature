@mechanism:sysv-msg
Feature: SysV message queues
  What notes 001 §5 and 002 (消息队列, the comparison table and its summary) say
  about msgget, msgsnd, msgrcv, msgctl and struct msqid_ds, checked on this host.
  Where a note is wrong, the scenario states what Linux does; the ledger
  (features/ledger/sysv-msg.yaml) holds the note's words and the verdict.

  Rule: msgget creates a queue or finds one by key and returns its identifier; it fails with -1 and errno

    @claim:MSG-04 @claim:MSG-05 @claim:MSG-34 @claim:MSG-38
    Scenario: msgget with IPC_CREAT creates a queue, and the same key without IPC_CREAT finds the same identifier
      When msgget creates a SysV queue under a fresh key with IPC_CREAT|IPC_EXCL and mode 0600
      Then msgget returned a non-negative identifier
      And msgctl IPC_STAT accepts that identifier and shows the key it was created with
      And /proc/sysvipc/msg lists the SysV queue under its key and identifier
      When msgget is called again with that key and msgflg 0
      Then it returns the same identifier

    @claim:MSG-06
    Scenario: msgget fails with -1, not 0: ENOENT for a key no queue has, EEXIST for IPC_CREAT|IPC_EXCL on a used key
      When msgget is called with an unused key and msgflg 0
      Then msgget returned -1, not 0
      And the call fails with ENOENT
      Given a SysV queue with mode 0600
      When msgget is called with its key and IPC_CREAT|IPC_EXCL
      Then msgget returned -1, not 0
      And the call fails with EEXIST

    @claim:MSG-04 @claim:MSG-18 @claim:MSG-29
    Scenario: <sys/msg.h> declares msgget, msgsnd and msgctl as the note writes them
      When a C file that includes <sys/msg.h> and repeats the note's declarations of msgget, msgsnd and msgctl is compiled
      Then the compiler accepts it without a diagnostic

    @claim:MSG-24
    Scenario: msgrcv returns ssize_t, not int: the note's declaration conflicts with <sys/msg.h>
      When a C file that includes <sys/msg.h> and declares "int msgrcv(int msqid, void *msg_ptr,size_t msg_sz,long int msgtype, int msgflg);" is compiled
      Then the compiler rejects it with the error "conflicting types for" about "msgrcv"
      When a C file that includes <sys/msg.h> and declares "ssize_t msgrcv(int msqid, void *msg_ptr, size_t msg_sz, long int msgtype, int msgflg);" is compiled
      Then the compiler accepts it without a diagnostic

  Rule: msgget initialises the new queue's struct msqid_ds

    @claim:MSG-07 @claim:MSG-08 @claim:MSG-09 @claim:MSG-10 @claim:MSG-11 @claim:MSG-12 @claim:MSG-13 @claim:MSG-14 @claim:MSG-38
    Scenario: Right after msgget, IPC_STAT shows the creator and mode, no messages, only msg_ctime set, and msg_qbytes = kernel.msgmnb
      When msgget creates a SysV queue under a fresh key with IPC_CREAT|IPC_EXCL and mode 0640
      Then its msg_perm shows mode 0640 with owner and creator this process's euid and egid
      And msg_qnum is 0 and msg_cbytes is 0
      And its msg_stime, msg_rtime, msg_lspid and msg_lrpid are 0
      And its msg_ctime is the time of its creation
      And its msg_qbytes equals kernel.msgmnb

    @claim:MSG-17
    Scenario: struct msqid_ds has the fields the note lists, with its types and in its order
      When a C file that includes <sys/msg.h> and takes the address of every field the note lists, with the note's types, is compiled
      Then the compiler accepts it without a diagnostic
      And the probe's offsets of "msg_perm, msg_stime, msg_rtime, msg_ctime, __msg_cbytes, msg_qnum, msg_qbytes, msg_lspid, msg_lrpid" increase in that order

  Rule: msqid_ds records who sent last and when, who received last and when, and when the queue was last changed

    @claim:MSG-09 @claim:MSG-10 @claim:MSG-11 @claim:MSG-12 @claim:MSG-13 @claim:MSG-15 @claim:MSG-16
    Scenario: msgsnd and msgrcv stamp their caller's pid and time but leave msg_ctime alone; IPC_SET moves msg_ctime
      Given a SysV queue with mode 0600
      When a separate process sends "abc" with type 1 in a later second than the queue's msg_ctime
      Then msg_lspid is that process's pid and msg_stime the second of its msgsnd
      And msg_qnum is 1 and msg_cbytes is 3
      And msg_lrpid and msg_rtime are still 0
      And msg_ctime is still the time of creation
      When another separate process receives from the queue
      Then that process got "abc" with type 1
      And msg_lrpid is that process's pid and msg_rtime the second of its msgrcv
      And msg_lspid is still the sender's pid
      And msg_qnum is 0 and msg_cbytes is 0
      And msg_ctime is still the time of creation
      When IPC_SET changes the queue's mode to 0640
      Then msg_ctime has moved on to the second of the IPC_SET

  Rule: A message is a positive long type followed by any bytes, up to kernel.msgmax of them

    @claim:MSG-01 @claim:MSG-46
    Scenario: Binary bytes, NUL and 0xff included, come out of a queue exactly as they went in
      Given a SysV queue with mode 0600
      When msgsnd sends the bytes "00 ff 41 00 0a 80 7f 00" with type 1
      Then msgrcv with msgtyp 0 returns the same bytes with type 1

    @claim:MSG-02
    Scenario: Every message has a type, and it must be positive: msgsnd refuses mtype 0 and negative types with EINVAL
      Given a SysV queue with mode 0600
      When msgsnd sends "x" with type 0
      Then the call fails with EINVAL
      When msgsnd sends "x" with type -5
      Then the call fails with EINVAL
      When msgsnd sends "x" with type 7
      Then the call returns 0
      And msgrcv with msgtyp 0 returns "x" with type 7

    @claim:MSG-20 @claim:MSG-21
    Scenario: msgsnd takes a pointer to the message and the size of its text alone, without mtype
      Given a SysV queue with mode 0600
      When msgsnd sends "abc" with type 1
      Then the call returns 0
      And msg_qnum is 1 and msg_cbytes is 3
      When msgsnd is given a NULL message pointer
      Then the call fails with EFAULT

    @claim:MSG-21 @claim:MSG-42 @claim:MSG-35
    Scenario: One message carries at most kernel.msgmax bytes of text
      Given a SysV queue with mode 0600
      When msgsnd sends a kernel.msgmax-byte text with type 1
      Then the call returns 0
      When msgsnd sends a text one byte longer than kernel.msgmax with type 1
      Then the call fails with EINVAL

    @claim:MSG-23
    Scenario: A message need not be the note's struct msgbuf: any long mtype followed by up to kernel.msgmax bytes will do
      Given a SysV queue with mode 0600
      When msgsnd sends a kernel.msgmax-byte text with type 1
      Then msgrcv with msgtyp 0 returns the same bytes with type 1
      When a C file with _GNU_SOURCE that includes <sys/msg.h> and defines the note's struct msgbuf is compiled
      Then the compiler rejects it with the error "redefinition of" about "struct msgbuf"

    @claim:MSG-47 @claim:MSG-46
    Scenario: msgsnd copies the message: changing the buffer afterwards does not change what msgrcv returns
      Given a SysV queue with mode 0600
      When msgsnd sends "before" with type 1 from a buffer that is then overwritten with "AFTER!"
      Then msgrcv with msgtyp 0 returns "before" with type 1

  Rule: msgrcv picks by type: 0 the first message, n > 0 the first of type n (or, with MSG_EXCEPT, of any other), n < 0 the lowest type <= |n|

    @claim:MSG-26 @claim:MSG-25 @claim:MSG-49
    Scenario: msgtyp 0 takes the messages in the order they were sent, whatever their types
      Given a SysV queue holding, in this order:
        | type | text |
        | 3    | c1   |
        | 5    | e    |
        | 2    | b1   |
        | 3    | c2   |
        | 1    | a    |
        | 2    | b2   |
      When msgrcv with msgtyp 0 and IPC_NOWAIT is repeated until it fails
      Then the texts came out as "c1 e b1 c2 a b2"
      And the call fails with ENOMSG

    @claim:MSG-03 @claim:MSG-27 @claim:MSG-25 @claim:MSG-32
    Scenario: A positive msgtyp takes the first message of exactly that type and leaves the others in order
      Given a SysV queue holding, in this order:
        | type | text |
        | 3    | c1   |
        | 5    | e    |
        | 2    | b1   |
        | 3    | c2   |
        | 1    | a    |
        | 2    | b2   |
      When msgrcv with msgtyp 2 and IPC_NOWAIT is repeated until it fails
      Then the texts came out as "b1 b2"
      And the call fails with ENOMSG
      And the SysV queue still holds "c1 e c2 a" in order

    @claim:MSG-27
    Scenario: With MSG_EXCEPT a positive msgtyp takes the first message of any other type
      Given a SysV queue holding, in this order:
        | type | text |
        | 3    | c1   |
        | 5    | e    |
        | 2    | b1   |
        | 3    | c2   |
        | 1    | a    |
        | 2    | b2   |
      When msgrcv with msgtyp 3 and MSG_EXCEPT|IPC_NOWAIT is repeated until it fails
      Then the texts came out as "e b1 a b2"
      And the call fails with ENOMSG
      And the SysV queue still holds "c1 c2" in order

    @claim:MSG-28 @claim:MSG-51 @claim:MSG-25
    Scenario: A negative msgtyp takes the lowest type <= |msgtyp| first, not the first message of a type < |msgtyp|
      Given a SysV queue holding, in this order:
        | type | text |
        | 3    | c1   |
        | 5    | e    |
        | 2    | b1   |
        | 3    | c2   |
        | 1    | a    |
        | 2    | b2   |
      When msgrcv with msgtyp -3 and IPC_NOWAIT is repeated until it fails
      Then the texts came out as "a b1 b2 c1 c2"
      And the call fails with ENOMSG
      And the SysV queue still holds "e" in order

    @claim:MSG-24
    Scenario: A message longer than msgrcv's room fails with E2BIG and stays queued; MSG_NOERROR truncates it instead
      Given a SysV queue holding, in this order:
        | type | text     |
        | 1    | abcdefgh |
      When msgrcv is called with msgtyp 0, room for 3 bytes and msgflg IPC_NOWAIT
      Then the call fails with E2BIG
      And msg_qnum is 1 and msg_cbytes is 8
      When msgrcv is called with msgtyp 0, room for 3 bytes and msgflg MSG_NOERROR|IPC_NOWAIT
      Then the call returns 3
      And it received "abc" with type 1
      And msg_qnum is 0 and msg_cbytes is 0

  Rule: Without IPC_NOWAIT msgsnd waits for room and msgrcv for a message; with it they fail at once

    @claim:MSG-22 @claim:MSG-45
    Scenario: msgrcv with IPC_NOWAIT fails with ENOMSG on an empty queue, and when no message has the type asked for
      Given a SysV queue with mode 0600
      When msgrcv is called with msgtyp 0, room for 16 bytes and msgflg IPC_NOWAIT
      Then the call fails with ENOMSG
      When msgsnd sends "x" with type 1
      And msgrcv is called with msgtyp 2, room for 16 bytes and msgflg IPC_NOWAIT
      Then the call fails with ENOMSG
      And msg_qnum is 1 and msg_cbytes is 1

    @claim:MSG-22
    Scenario: msgsnd acts on IPC_NOWAIT alone: msgrcv's flags passed to msgsnd are ignored, not refused
      Given a SysV queue with mode 0600
      When msgsnd sends "abcdef" with type 1 and msgflg MSG_NOERROR|MSG_EXCEPT
      Then the call returns 0
      And msgrcv with msgtyp 0 returns "abcdef" with type 1

    @claim:MSG-22 @claim:MSG-50 @claim:MSG-14 @claim:MSG-42
    Scenario: A queue takes exactly msg_qbytes bytes of text; then msgsnd with IPC_NOWAIT fails with EAGAIN and adds nothing
      Given a SysV queue with mode 0600
      When the SysV queue is filled with messages of kernel.msgmax bytes, then topped up to the byte, with IPC_NOWAIT
      Then msg_cbytes equals msg_qbytes
      When msgsnd sends "x" with type 1 and msgflg IPC_NOWAIT
      Then the call fails with EAGAIN
      And msg_cbytes equals msg_qbytes

    @claim:MSG-22 @claim:MSG-50 @claim:MSG-45
    Scenario: A blocking msgsnd on a full queue sleeps until a receiver makes room, then completes
      Given a SysV queue with mode 0600
      When a process fills it without waiting and a child then sends one more message, blocking
      Then the fill stopped with EAGAIN at msg_qbytes bytes
      And the child sleeps in msgsnd while the queue stays full
      And after the parent receives one message the child's msgsnd returns 0 and its message is last in the queue

    @claim:MSG-45 @claim:MSG-50
    Scenario: A blocking msgrcv on an empty queue sleeps until a message arrives
      Given a SysV queue with mode 0600
      When a child receives from it, blocking, while it is empty
      Then the child sleeps in msgrcv while the queue holds 0 messages
      And after the parent sends "wake up" with type 3 the child's msgrcv returns it

    @claim:MSG-45 @claim:MSG-49
    Scenario: Two receivers compete for 2000 messages: each message is received exactly once, each receiver's in order
      Given a SysV queue with mode 0600
      When 2 receivers wait on it and a sender sends 2000 numbered messages
      Then 2000 messages were received, none twice and none missing
      And each receiver got its messages in the order they were sent

  Rule: The system limits a queue: kernel.msgmnb bytes by default, kernel.msgmax a message; that is less than a pipe holds by default

    @claim:MSG-14 @claim:MSG-42 @claim:MSG-29
    Scenario: The owner can lower msg_qbytes, but raising it above kernel.msgmnb needs CAP_SYS_RESOURCE
      Given a SysV queue with mode 0600
      When IPC_SET sets its msg_qbytes to 100
      Then the call returns 0
      And its msg_qbytes is 100
      When msgsnd sends a 101-byte text with type 1 and msgflg IPC_NOWAIT
      Then the call fails with EAGAIN
      When IPC_SET sets its msg_qbytes to twice kernel.msgmnb
      Then IPC_SET was refused with EPERM, unless this process has CAP_SYS_RESOURCE

    @claim:MSG-37 @claim:MSG-41 @claim:MSG-42
    Scenario: A new queue's capacity against a new pipe's, both measured by filling them without waiting
      Given a SysV queue with mode 0600
      When the SysV queue and a new pipe are each filled without waiting
      Then the queue took its msg_qbytes and the pipe its F_GETPIPE_SZ capacity

    @claim:MSG-36 @claim:MSG-41
    Scenario: A queue keeps message boundaries where a pipe joins the bytes
      Given a SysV queue with mode 0600
      When msgsnd sends "abc" with type 1
      And msgsnd sends "de" with type 1
      Then msgrcv with msgtyp 0 and room for 100 bytes returns "abc", then "de"
      And the same two writes into a pipe come out of one read of 100 bytes as "abcde"

    @claim:MSG-35 @claim:MSG-41
    Scenario: One message carries kernel.msgmax bytes, where a signal carries its number and one union sigval
      Given a SysV queue with mode 0600
      When msgsnd sends a kernel.msgmax-byte text with type 1
      Then msgrcv with msgtyp 0 returns the same bytes with type 1
      And that is more than the sizeof(union sigval) bytes sigqueue can attach to a signal

  Rule: A queue lives in the kernel, found by key or identifier, until IPC_RMID: any process may use it, no connection needed

    @claim:MSG-33 @claim:MSG-43 @claim:MSG-44 @claim:MSG-34
    Scenario: A message outlives its sender and reaches an unrelated process that finds the queue by its key
      Given a SysV queue with mode 0600
      When a separate process finds the queue by its key, sends "left behind" with type 5 and exits
      Then msg_qnum is 1 and msg_cbytes is 11
      When another separate process finds the queue by its key and receives from it
      Then that process got "left behind" with type 5
      And both processes found the queue's identifier by its key
      And neither process is the other's parent

    @claim:MSG-48
    Scenario: Sending needs no connection: a process that only knows the identifier sends while no process receives
      Given a SysV queue with mode 0600
      When a separate process that only knows the identifier sends "to nobody" with type 1 and exits
      Then msg_lspid is that process's pid and msg_stime the second of its msgsnd
      And msg_qnum is 1 and msg_cbytes is 9

  Rule: Write permission lets a process send, read permission lets it receive; root's capabilities bypass both

    @claim:MSG-39 @claim:MSG-40 @claim:MSG-08
    Scenario Outline: An unprivileged owner of a mode <mode> queue: msgsnd <send>, msgrcv <receive>, IPC_STAT <stat>
      When an unprivileged process that created a SysV queue holding one message sets its mode to <mode>
      Then its msgsnd <send>
      And its msgrcv <receive>
      And its IPC_STAT <stat>

      Examples:
        | mode | send              | receive           | stat              |
        | 0200 | succeeds          | fails with EACCES | fails with EACCES |
        | 0400 | fails with EACCES | succeeds          | succeeds          |
        | 0600 | succeeds          | succeeds          | succeeds          |
        | 0000 | fails with EACCES | fails with EACCES | fails with EACCES |

    @claim:MSG-39 @claim:MSG-40 @claim:MSG-08
    Scenario: uid 65534 is refused root's mode-0600 queue, though msgget with msgflg 0 still finds it
      Given a SysV queue that root created with mode 0600, holding one message
      When an unprivileged process tries it
      Then its msgget with msgflg 0 succeeds
      And its msgget with msgflg 0400 fails with EACCES
      And its msgsnd fails with EACCES
      And its msgrcv fails with EACCES
      And its IPC_STAT fails with EACCES
      And its IPC_RMID fails with EPERM
      And msg_qnum is 1 and msg_cbytes is 6

    @claim:MSG-39 @claim:MSG-40
    Scenario: A mode-0000 queue refuses its own creator, unless the process has CAP_IPC_OWNER as root does
      Given a SysV queue with mode 0000
      When msgsnd sends "x" with type 1 and msgflg IPC_NOWAIT
      Then the call returns 0 if this process has CAP_IPC_OWNER, else fails with EACCES

  Rule: msgctl's command says what it does to the queue its msqid names: IPC_STAT, IPC_SET, IPC_RMID

    @claim:MSG-29 @claim:MSG-31 @claim:MSG-19
    Scenario: IPC_SET changes the queue, an unknown command fails with EINVAL, and after IPC_RMID the identifier names nothing
      Given a SysV queue with mode 0600
      When IPC_SET changes the queue's mode to 0640
      Then the call returns 0
      And its msg_perm shows mode 0640 with owner and creator this process's euid and egid
      When msgctl is called with command 12345
      Then the call fails with EINVAL
      When msgctl removes the queue with IPC_RMID
      Then the call returns 0
      When msgsnd sends "x" with type 1
      Then the call fails with EINVAL
      When msgctl IPC_STAT is called on it
      Then the call fails with EINVAL

    @claim:MSG-30
    Scenario: msgctl's msqid is a message-queue identifier, not a shared-memory one
      Given a SysV queue with mode 0600
      Then /proc/sysvipc/msg lists the SysV queue under its key and identifier
      And /proc/sysvipc/shm lists no segment with its key
      And shmctl IPC_STAT on its identifier does not reach the queue
