/**
 * Steps for features/ipc-overview.feature: claims about IPC as a whole. The
 * multi-process facts come from this feature's own fixtures (fixtures/gen-*.c).
 */
import { join } from 'node:path';
import { C } from '../native/constants';
import { errnoName } from '../native/errno';
import { fstat, readlink } from '../native/fd';
import { openPipe, PipeEnds } from '../native/pipe';
import { sysctl } from '../native/platform';
import { Given, Then, When } from './support/dsl';
import { expectAtLeast, expectOneOf, expectValue } from './support/expect';
import { by, FixtureEvent } from './support/fixtures';
import { uniqueName } from './support/names';
import type { IpcWorld } from './support/world';

const reported = (world: IpcWorld, event: string, role?: string): FixtureEvent => world.lastRun().only(event, by(role));

// ---- address spaces -------------------------------------------------------------------

When('a child sets a global, a heap and a stack variable to {int} after fork', async function (this: IpcWorld, value: number) {
  expectValue('the value gen-address-space sets', 99, value);
  await this.fixture('gen-address-space', ['fork']);
});

Then('the child sees {int} in all three', function (this: IpcWorld, v: number) {
  const c = reported(this, 'view', 'child');
  expectValue('the child\'s global, heap, stack', [v, v, v], [c.global, c.heap, c.stack]);
});

Then('the parent sees {int} in all three at the very same virtual addresses', function (this: IpcWorld, v: number) {
  const c = reported(this, 'view', 'child');
  const p = reported(this, 'view', 'parent');
  expectValue('the parent\'s global, heap, stack', [v, v, v], [p.global, p.heap, p.stack]);
  expectValue('addresses in the parent = in the child', [c.global_addr, c.heap_addr, c.stack_addr], [p.global_addr, p.heap_addr, p.stack_addr]);
  this.evidence.record('gen.parent_view', `${p.global},${p.heap},${p.stack}`);
  this.evidence.record('gen.child_view', `${c.global},${c.heap},${c.stack}`);
});

When('a child sets a global to {int} and its parent reads that address with process_vm_readv', async function (this: IpcWorld, value: number) {
  expectValue('the value gen-address-space sets', 99, value);
  await this.fixture('gen-address-space', ['vm-read']);
});

Then('the parent\'s own global is still {int}', function (this: IpcWorld, v: number) {
  expectValue('the parent\'s global', v, reported(this, 'vm-read').own);
});

Then('process_vm_readv returned {int} bytes holding {int}', function (this: IpcWorld, n: number, v: number) {
  const r = reported(this, 'vm-read');
  expectValue('process_vm_readv() result and value read', [n, v], [r.rc, r.read]);
  this.evidence.record('gen.vm_read', r.read);
});

// ---- a shared mapping without system calls ------------------------------------------------

When('a parent writes {string} into a shared mapping read by a child that may make no system call', async function (this: IpcWorld, text: string) {
  await this.fixture('gen-shared-nosyscall', [text], { waitingFor: 'the child to see the data in the mapping' });
});

When('a child under the same seccomp filter calls getppid\\()', async function (this: IpcWorld) {
  await this.fixture('gen-shared-nosyscall', ['--control']);
});

Then('the child\'s seccomp filter was active', function (this: IpcWorld) {
  expectValue('filter active in the child', true, reported(this, 'filtered', 'child').active);
});

Then('the child\'s reply in the mapping reads {string}', function (this: IpcWorld, text: string) {
  const r = reported(this, 'reply');
  expectValue('reply flag and text', [true, text], [r.replied, r.data]);
  this.evidence.record('gen.nosyscall_reply', r.data);
});

Then('the child exited with status {int}, not killed by SIGSYS', function (this: IpcWorld, status: number) {
  const ended = reported(this, 'child-ended');
  expectValue('how the filtered child ended', { exit: status, signal: undefined }, { exit: ended.exit, signal: ended.signal });
  this.evidence.record('gen.nosyscall_child', `exit ${ended.exit}`);
});

Then('the filtered child was killed by SIGSYS', function (this: IpcWorld) {
  expectValue('the signal that ended the child', C.SIGSYS, reported(this, 'child-ended').signal);
  this.evidence.record('gen.nosyscall_control', 'SIGSYS');
});

// ---- copy in, copy out ---------------------------------------------------------------------

When('the parent sends {string} through {word}, overwrites its buffer with {string} and lets the child receive', async function (this: IpcWorld, before: string, mechanism: string, after: string) {
  expectValue('the texts gen-copy sends and overwrites its buffer with', ['before', 'AFTER!'], [before, after]);
  const args = mechanism === 'posix-mq' ? [mechanism, `/${uniqueName('gen-copy')}`] : [mechanism];
  await this.fixture('gen-copy', args, { waitingFor: 'the child to receive' });
  expectValue('the sender\'s buffer after the send', after, reported(this, 'sender').buffer);
  this.keep('mechanism', mechanism);
});

Then(/^the kernel held (\d+) (bytes|message) \((FIONREAD|msg_cbytes|mq_curmsgs)\) between the send and the receive$/, function (this: IpcWorld, n: number, unit: string, _counter: string) {
  const held = reported(this, 'held');
  expectValue(`${unit} held by the kernel`, n, unit === 'bytes' ? held.bytes : held.messages);
  this.evidence.record(`gen.copy_held_${this.get<string>('mechanism')}`, `${n} ${unit}`);
});

Then('the receiving child got {string}', function (this: IpcWorld, text: string) {
  const got = reported(this, 'received', 'child').data;
  expectValue('what the child received', text, got);
  this.evidence.record(`gen.copy_received_${this.get<string>('mechanism')}`, got);
});

When('a pipe\'s read end is mapped with mmap\\(MAP_SHARED)', async function (this: IpcWorld) {
  await this.fixture('gen-copy', ['mmap-pipe']);
});

Then('mapping the pipe failed with {errno}', function (this: IpcWorld, errno: string) {
  const r = reported(this, 'mmap');
  expectValue('mmap() of a pipe', [-1, errno], [r.rc, errnoName(r.errno)]);
  this.evidence.record('gen.mmap_pipe_errno', errno);
});

// ---- every mechanism works ------------------------------------------------------------------

When('the parent passes {string} to its child through {word}', async function (this: IpcWorld, data: string, mechanism: string) {
  const args: Array<string | number> = [mechanism, data];
  if (['fifo', 'unix-socket', 'mmap-file'].includes(mechanism)) args.push(join(this.tracker.tempDir('gen-mechanisms'), mechanism));
  if (['posix-mq', 'posix-shm'].includes(mechanism)) args.push(`/${uniqueName('gen-mech')}`);
  await this.fixture('gen-mechanisms', args, { waitingFor: `the child to receive through ${mechanism}` });
});

Then('the receiving child got {string} through {word}', function (this: IpcWorld, data: string, mechanism: string) {
  const got = reported(this, 'received', 'child');
  expectValue('mechanism and data the child received', [mechanism, data], [got.mechanism, got.data]);
  this.evidence.record(`gen.works_${mechanism}`, 'yes');
});

When('a child sends {int} byte and then {int} bytes through a pipe to its parent', async function (this: IpcWorld, one: number, n: number) {
  expectValue('the bytes gen-sizes sends first', 1, one);
  await this.fixture('gen-sizes', [n], { waitingFor: 'the large transfer' });
});

Then('the parent received {int} byte and then {int} bytes intact', function (this: IpcWorld, one: number, n: number) {
  const r = reported(this, 'received');
  expectValue('small, large, intact', [one, n, true], [r.small, r.large, r.intact]);
  this.evidence.record('gen.pipe_large_bytes', r.large);
});

Then('a single SysV message or POSIX mq message is limited to msgmax and msgsize_max', function (this: IpcWorld) {
  const m = reported(this, 'msgsnd');
  expectValue('msgmax as the fixture read it', sysctl('kernel/msgmax'), m.msgmax);
  expectValue('msgsnd() of msgmax and of msgmax+1 bytes', [0, -1, 'EINVAL'], [m.at_max_rc, m.over_max_rc, errnoName(m.over_max_errno)]);
  this.evidence.record('gen.msgmax', m.msgmax);
  this.evidence.record('gen.mq_msgsize_max', sysctl('fs/mqueue/msgsize_max') ?? 'absent');
});

// ---- locks and control ------------------------------------------------------------------------

When('a parent write-locks a file and its child tries to lock it too', async function (this: IpcWorld) {
  await this.fixture('gen-lock', [join(this.tracker.tempDir('gen-lock'), 'locked')], { waitingFor: 'the child to get the lock' });
});

Then('the child\'s F_SETLK failed with EAGAIN or EACCES', function (this: IpcWorld) {
  const t = reported(this, 'trylock', 'child');
  const name = errnoName(t.errno);
  expectValue('F_SETLK in the child', -1, t.rc);
  expectOneOf('errno of F_SETLK in the child (POSIX allows both)', ['EAGAIN', 'EACCES'], name);
  this.evidence.record('gen.setlk_errno', name);
});

Then('the child slept in F_SETLKW and got the lock only after the parent unlocked', function (this: IpcWorld) {
  expectValue('the child\'s state while waiting', 'S', reported(this, 'waiting', 'child').state);
  const l = reported(this, 'locked', 'child');
  expectValue('F_SETLKW result, and the unlock had happened', [0, true], [l.rc, l.after_unlock]);
});

When('a child that asked to be traced raises SIGSEGV', async function (this: IpcWorld) {
  await this.fixture('gen-ptrace');
});

Then('its tracer saw it stopped by SIGSEGV', function (this: IpcWorld) {
  expectValue('the stop signal', C.SIGSEGV, reported(this, 'stopped').signal);
  this.evidence.record('gen.ptrace_stop', 'SIGSEGV');
});

Then('after PTRACE_CONT with no signal the child exited with status {int}', function (this: IpcWorld, status: number) {
  const ended = reported(this, 'child-ended');
  expectValue('how the tracee ended', { exit: status, signal: undefined }, { exit: ended.exit, signal: ended.signal });
  this.evidence.record('gen.ptrace_exit', ended.exit);
});

// ---- names ----------------------------------------------------------------------------------------

Given('a pipe of this process', function (this: IpcWorld) {
  const p = openPipe();
  this.tracker.fd(p.readEnd);
  this.tracker.fd(p.writeEnd);
  this.keep('pipe', p);
});

Then('\\/proc\\/self\\/fd names both ends {string}, which is no file system path', function (this: IpcWorld, shape: string) {
  const p = this.get<PipeEnds>('pipe');
  const ino = fstat(p.readEnd).ino;
  for (const fd of [p.readEnd, p.writeEnd]) {
    const link = readlink(`/proc/self/fd/${fd}`);
    // "pipe:[<inode>]" exactly: no leading "/", so no path in any file system
    expectValue(`/proc/self/fd/${fd}`, shape.replace('inode', String(ino)), link);
  }
  this.evidence.record('gen.pipe_name', `pipe:[${ino}]`);
});

When('a process without root\'s override opens a FIFO before and after its directory is made unsearchable', async function (this: IpcWorld) {
  await this.fixture('gen-naming', ['denied', this.tracker.tempDir('gen-naming')]);
});

Then('the first open succeeded', function (this: IpcWorld) {
  const o = this.lastRun().only('open', (e) => e.when === 'searchable');
  expectValue('errno of open() of the FIFO while its directory was searchable', 'OK', errnoName(o.errno));
  expectAtLeast('the descriptor open() returned', 0, o.rc);
});

Then('the second open failed with {errno}', function (this: IpcWorld, errno: string) {
  const o = this.lastRun().only('open', (e) => e.when === 'unsearchable');
  expectValue('open() after chmod 0000 of its directory', [-1, errno], [o.rc, errnoName(o.errno)]);
  this.evidence.record('gen.path_denied_errno', errno);
});

When('a child in its own mount namespace makes a FIFO on a tmpfs mounted over a directory', async function (this: IpcWorld) {
  await this.fixture('gen-naming', ['mount-ns', this.tracker.tempDir('gen-mountns')]);
});

Then('the child can stat the FIFO', function (this: IpcWorld) {
  expectValue('stat() inside the namespace', 0, reported(this, 'inside').rc);
});

Then('the parent\'s stat of the same path fails with {errno}', function (this: IpcWorld, errno: string) {
  const o = reported(this, 'outside');
  expectValue('stat() outside the namespace', [-1, errno], [o.rc, errnoName(o.errno)]);
  this.evidence.record('gen.mountns_outside_errno', errno);
});

When('a process sends a datagram to a UNIX socket bound to an abstract name', async function (this: IpcWorld) {
  await this.fixture('gen-naming', ['abstract', uniqueName('gen-abstract')]);
});

Then('the socket received {string}', function (this: IpcWorld, text: string) {
  expectValue('the datagram', text, reported(this, 'received').data);
});

Then('\\/proc\\/net\\/unix lists the name with its {string} prefix', function (this: IpcWorld, _prefix: string) {
  expectValue('the abstract name in /proc/net/unix', true, reported(this, 'listed').in_proc_net_unix);
  this.evidence.record('gen.abstract_socket', 'listed');
});
