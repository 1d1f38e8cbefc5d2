/**
 * Steps for features/signals.feature. Every signal is sent and caught by a C
 * fixture (fixtures/sig-*.c); these steps run them and read their events.
 */
import { C, sizeOf } from '../native/constants';
import { errnoName } from '../native/errno';
import { signalNumber } from '../native/signal-names';
import { Then, When } from './support/dsl';
import { expectDistinct, expectValue } from './support/expect';
import { by, FixtureEvent } from './support/fixtures';
import type { IpcWorld } from './support/world';

/** The one event of that name in the last fixture run, from that process when given. */
const reported = (world: IpcWorld, event: string, role?: string): FixtureEvent => world.lastRun().only(event, by(role));

const signo = signalNumber;

// ---- notification between processes ----------------------------------------------

When('one process sends SIGUSR1 with kill\\() to another that catches it with an SA_SIGINFO handler', async function (this: IpcWorld) {
  await this.fixture('sig-basics', ['other'], { waitingFor: 'the receiver\'s handler' });
});

Then('the receiver\'s handler ran {int} time(s) for signal {signal}', function (this: IpcWorld, runs: number, name: string) {
  const got = reported(this, 'received', 'child');
  expectValue('handler runs in the receiver', runs, got.runs);
  expectValue('si_signo', signo(name), got.signo);
  this.evidence.record('sig.kill_handler_runs', got.runs);
});

Then('the handler\'s siginfo names the sender\'s pid and uid with si_code SI_USER', function (this: IpcWorld) {
  const got = reported(this, 'received', 'child');
  const sent = reported(this, 'sent');
  expectValue('si_pid, si_uid', [sent.pid, sent.uid], [got.si_pid, got.si_uid]);
  expectValue('si_code', C.SI_USER, got.si_code);
  this.evidence.record('sig.kill_si_code', 'SI_USER');
});

When('a child exits with status {int} while its parent catches SIGCHLD', async function (this: IpcWorld, status: number) {
  expectValue('the status the sig-basics fixture\'s child exits with', 7, status);
  await this.fixture('sig-basics', ['sigchld'], { waitingFor: 'SIGCHLD in the parent' });
});

Then('the parent\'s SIGCHLD handler ran {int} time(s)', function (this: IpcWorld, runs: number) {
  const got = reported(this, 'sigchld');
  expectValue('SIGCHLD handler runs', runs, got.runs);
  expectValue('si_signo', C.SIGCHLD, got.signo);
});

Then('its siginfo names the child with si_code CLD_EXITED and status {int}', function (this: IpcWorld, status: number) {
  const got = reported(this, 'sigchld');
  expectValue('si_pid, si_code, si_status', [got.child, C.CLD_EXITED, status], [got.si_pid, got.si_code, got.si_status]);
  expectValue('the exit status waitpid() saw', status, reported(this, 'child-ended').exit);
  this.evidence.record('sig.sigchld_status', got.si_status);
});

When('a process outside a group of {int} processes sends SIGUSR1 to the group with killpg\\()', async function (this: IpcWorld, n: number) {
  await this.fixture('sig-basics', ['group', n], { waitingFor: 'every group member to receive the signal' });
});

Then('each of the {int} group members received SIGUSR1 from that sender', function (this: IpcWorld, n: number) {
  const sender = reported(this, 'sender');
  const got = this.lastRun().all('received');
  expectValue('members that received it', Array.from({ length: n }, (_, i) => `member-${i + 1}`), got.map((e) => e.by).sort());
  for (const e of got) expectValue(`${e.by}: si_signo, si_pid, si_code`, [C.SIGUSR1, sender.pid, C.SI_USER], [e.signo, e.si_pid, e.si_code]);
  expectDistinct('the sender\'s own process group and the group it signalled', [sender.own_pgid, sender.pgid]);
  this.evidence.record('sig.group_members_notified', got.length);
});

Then('the sender has no SIGUSR1 pending itself', function (this: IpcWorld) {
  expectValue('SIGUSR1 pending in the sender', false, reported(this, 'sender').pending_in_sender);
});

When(/^a process sends itself SIGUSR1 with (raise\(\)|kill\(getpid\(\), …\))$/, async function (this: IpcWorld, call: string) {
  await this.fixture('sig-basics', [call.startsWith('raise') ? 'raise' : 'kill-self']);
});

Then(/^the handler had run (\d+) times? when (?:raise\(\)|kill\(getpid\(\), …\)) returned$/, function (this: IpcWorld, runs: number) {
  const got = reported(this, 'self');
  expectValue('the call\'s return value', 0, got.rc);
  expectValue('handler runs when the call returned', runs, got.runs_when_returned);
  this.evidence.record(`sig.self_${got.how}_runs`, got.runs_when_returned);
});

Then(/^its siginfo names the process itself with si_code (SI_TKILL|SI_USER)$/, function (this: IpcWorld, code: string) {
  const got = reported(this, 'self');
  expectValue('si_pid, si_code', [got.pid, C[code]], [got.si_pid, got.si_code]);
  this.evidence.record(`sig.self_${got.how}_si_code`, code);
});

// ---- signal() in its two glibc flavours, and sigaction() ------------------------------

When('a program compiled with gcc\'s default -std=gnu11 installs a handler with signal\\()', async function (this: IpcWorld) {
  // Stryker disable next-line all: the kept text only forms evidence keys
  this.keep('variant', 'default');
  await this.fixture('sig-signal-default', [], { waitingFor: 'the interrupted read()' });
});

When('the same program compiled with -std=c11 and only _POSIX_C_SOURCE installs a handler with signal\\()', async function (this: IpcWorld) {
  // Stryker disable next-line all: the kept text only forms evidence keys
  this.keep('variant', 'strict');
  await this.fixture('sig-signal-strict', [], { waitingFor: 'the interrupted read()' });
});

const variant = (world: IpcWorld): string => world.get<string>('variant');

Then(/^<features\.h> (enabled|did not enable) the BSD and System V extras$/, function (this: IpcWorld, said: string) {
  expectValue('__USE_MISC in the fixture', said === 'enabled', reported(this, 'mode').use_misc);
});

Then('signal\\() returned SIG_DFL, the previous disposition', function (this: IpcWorld) {
  expectValue('signal() returned SIG_DFL', true, reported(this, 'installed').previous_was_default);
});

Then('sigaction\\() reads back the flags {string}', function (this: IpcWorld, flags: string) {
  const got = reported(this, 'installed').flags;
  expectValue('sa_flags after signal() (SA_RESTART, SA_RESETHAND, SA_NODEFER, SA_SIGINFO)', flags, got);
  this.evidence.record(`sig.signal_${variant(this)}_flags`, got);
});

Then(/^during the first delivery SIGUSR1 was (blocked|not blocked), and afterwards (?:the handler is still installed|the disposition is SIG_DFL)$/, function (this: IpcWorld, blocked: string) {
  const got = reported(this, 'first-delivery');
  expectValue('handler runs after the first raise()', 1, got.runs);
  expectValue('SIGUSR1 blocked inside the handler', blocked === 'blocked', got.blocked_in_handler);
  const after = blocked === 'blocked' ? 'handler' : 'SIG_DFL';
  expectValue('the disposition after the first delivery', after, got.after);
  this.evidence.record(`sig.signal_${variant(this)}_after_first`, got.after);
});

Then('a second raise\\() runs the handler again', function (this: IpcWorld) {
  expectValue('handler runs after the second raise()', 2, reported(this, 'second-delivery').runs);
});

Then('a read\\() interrupted by the signal is restarted and returns {int} byte(s)', function (this: IpcWorld, n: number) {
  const got = reported(this, 'interrupted-read');
  expectValue('read() after the interruption', [n, 0], [got.rc, got.errno]);
  expectValue('handler runs in the reader', 1, got.handler_runs);
  this.evidence.record(`sig.signal_${variant(this)}_read`, 'restarted');
});

Then('a read\\() interrupted by the signal fails with {errno}', function (this: IpcWorld, errno: string) {
  const got = reported(this, 'interrupted-read');
  expectValue('read() after the interruption', [-1, errno], [got.rc, errnoName(got.errno)]);
  expectValue('handler runs in the reader', 1, got.handler_runs);
  this.evidence.record(`sig.signal_${variant(this)}_read`, errno);
});

When('a process tries to catch, ignore and block SIGKILL and SIGSTOP', async function (this: IpcWorld) {
  await this.fixture('sig-basics', ['uncatchable']);
});

Then('sigaction\\() on SIGKILL and on SIGSTOP failed with {errno}', function (this: IpcWorld, errno: string) {
  const a = reported(this, 'attempts');
  expectValue('sigaction(SIGKILL, handler), sigaction(SIGSTOP, handler), sigaction(SIGKILL, SIG_IGN)',
    [[-1, errno], [-1, errno], [-1, errno]],
    [[a.sigaction_kill_rc, errnoName(a.sigaction_kill_errno)], [a.sigaction_stop_rc, errnoName(a.sigaction_stop_errno)],
      [a.ignore_kill_rc, errnoName(a.ignore_kill_errno)]]);
  this.evidence.record('sig.sigaction_sigkill_errno', errno);
});

Then('signal\\(SIGKILL, SIG_IGN) returned SIG_ERR with {errno}', function (this: IpcWorld, errno: string) {
  const a = reported(this, 'attempts');
  expectValue('signal(SIGKILL, SIG_IGN) == SIG_ERR, errno', [true, errno], [a.signal_kill_is_sig_err, errnoName(a.signal_kill_errno)]);
});

Then('sigprocmask\\() left SIGKILL and SIGSTOP unblocked', function (this: IpcWorld) {
  const a = reported(this, 'attempts');
  expectValue('SIGKILL, SIGSTOP in the mask after SIG_BLOCK', [false, false], [a.kill_blocked, a.stop_blocked]);
});

Then('SIGKILL still killed it', function (this: IpcWorld) {
  expectValue('the signal that ended the process', C.SIGKILL, reported(this, 'child-ended').signal);
});

// ---- what a signal carries ------------------------------------------------------------

When(/^a process sends (SIGUSR1|SIGRTMIN) (\d+) times with sigqueue\(\) to a process that blocks it, which then unblocks it$/, async function (this: IpcWorld, name: string, n: number) {
  await this.fixture('sig-coalesce', [name === 'SIGRTMIN' ? 'realtime' : 'standard', n], { waitingFor: 'the deliveries' });
  expectValue('signals sent', [n, signo(name)], [reported(this, 'sent').count, reported(this, 'sent').signo]);
  this.keep('sent', { name, n });
});

Then('the signal was pending before the unblock', function (this: IpcWorld) {
  expectValue('sigpending() in the receiver', true, reported(this, 'pending', 'child').pending);
});

Then(/^the handler ran (\d+) times?, with the values? "([\d,]+)"(?: of the first send)?$/, function (this: IpcWorld, runs: number, values: string) {
  const got = reported(this, 'delivered', 'child');
  const sent = this.get<{ name: string; n: number }>('sent');
  expectValue('handler runs', runs, got.runs);
  expectValue('si_value of each delivery, in order', values, got.values);
  this.evidence.record(sent.name === 'SIGRTMIN' ? 'sig.rt_sent' : 'sig.std_sent', sent.n);
  this.evidence.record(sent.name === 'SIGRTMIN' ? 'sig.rt_delivered' : 'sig.std_delivered', got.runs);
  this.evidence.record(sent.name === 'SIGRTMIN' ? 'sig.rt_values' : 'sig.std_values', got.values);
});

Then('every delivery had si_code SI_QUEUE', function (this: IpcWorld) {
  const got = reported(this, 'delivered', 'child');
  expectValue('si_code of each delivery', Array(got.runs).fill(C.SI_QUEUE).join(','), got.codes);
});

Then('the only data a signal carries beyond its number is one union sigval of {int} bytes', function (this: IpcWorld, bytes: number) {
  expectValue('sizeof(union sigval)', bytes, sizeOf('union sigval'));
  this.evidence.record('sig.sigval_size', sizeOf('union sigval'));
});

When('two threads of one process wait in sigwaitinfo\\() and another thread signals each by pthread_kill\\()', async function (this: IpcWorld) {
  await this.fixture('sig-basics', ['threads'], { waitingFor: 'each thread to be woken' });
});

Then('each signal woke the thread it was directed to, in the order sent', function (this: IpcWorld) {
  const directed = this.lastRun().all('directed');
  const woken = this.lastRun().all('thread-woken');
  expectValue('threads signalled, in order', ['second', 'first'], directed.map((e) => e.thread));
  expectValue('threads woken, in order', directed.map((e) => [e.thread, e.target_tid]), woken.map((e) => [e.thread, e.tid]));
  // a thread other than the main one has a tid of its own, not the process's pid
  for (const e of woken) expectDistinct(`the tid of thread "${e.thread}" and its process's pid`, [e.tid, e.pid]);
  this.evidence.record('sig.threads_woken', woken.map((e) => e.thread).join(','));
});
