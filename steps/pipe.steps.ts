/**
 * Steps for features/pipe.feature. In-process facts go through native/ (koffi);
 * anything with fork, several processes or signals goes through fixtures/pipe-*.c.
 */
import { DataTable } from '@cucumber/cucumber';
import { join } from 'node:path';
import { C } from '../native/constants';
import { compile, compileText, Compilation } from '../native/compiler';
import { accessMode, bytesReadable, fstat, lseek, lstat, pollNow, read, readlink, setNonBlocking, write } from '../native/fd';
import { errnoName } from '../native/errno';
import { NotAvailable } from '../native/not-available';
import { capacity, fillUntilRefused, openPipe, pipe, PipeEnds, pushThrough, resize } from '../native/pipe';
import { hasCapability, pageSize, requiredSysctl, runHostTool } from '../native/platform';
import { signalNumber } from '../native/signal-names';
import { fixturesSrcDir } from '../kit/paths';
import { Given, Then, When } from './support/dsl';
import { expectDistinct, expectMatch, expectFailure, expectSuccess, expectTrue, expectUnrelated, expectValue, expectWithin } from './support/expect';
import { by, FixtureEvent, FixtureSession, runProgram } from './support/fixtures';
import type { IpcWorld } from './support/world';

// ---- the pipe this scenario made in this process ----------------------------

function thePipe(world: IpcWorld): PipeEnds {
  return world.get<PipeEnds>('pipe');
}

const endFd = (world: IpcWorld, end: string): number => (end === 'read' ? thePipe(world).readEnd : thePipe(world).writeEnd);

Given('a pipe', function (this: IpcWorld) {
  const p = openPipe();
  this.tracker.fd(p.readEnd);
  this.tracker.fd(p.writeEnd);
  this.keep('pipe', p);
});

When('a pipe is created', function (this: IpcWorld) {
  const r = pipe();
  this.last = r;
  expectSuccess(r, 0);
  this.keep('pipe', { readEnd: this.tracker.fd(r.fds[0]), writeEnd: this.tracker.fd(r.fds[1]) });
});

Then('both descriptors are open and refer to the same FIFO inode', function (this: IpcWorld) {
  const { readEnd, writeEnd } = thePipe(this);
  const r = fstat(readEnd);
  const w = fstat(writeEnd);
  expectDistinct('the two descriptors pipe() gave', [readEnd, writeEnd]);
  expectValue('file type of the read end', 'fifo', r.type);
  expectValue('file type of the write end', 'fifo', w.type);
  expectValue('inode of the write end', r.ino, w.ino);
  this.evidence.record('pipe.inode', r.ino);
});

// ---- ends, modes and what /proc, lsof and fstat show ------------------------

Then('its {end} end is open {access}', function (this: IpcWorld, end: string, mode: string) {
  expectValue(`access mode of the ${end} end`, mode, accessMode(endFd(this, end)));
  this.evidence.record(`pipe.${end}_end_mode`, mode);
});

Then(/^\/proc\/self\/fd links its (read|write) end to "pipe:\[inode\]" with mode (0[0-7]{3})$/, function (this: IpcWorld, end: string, mode: string) {
  const fd = endFd(this, end);
  const link = `/proc/self/fd/${fd}`;
  expectValue(`${link} points to`, `pipe:[${fstat(fd).ino}]`, readlink(link));
  expectValue(`permission bits of the link ${link}`, parseInt(mode, 8), lstat(link).perm);
  this.evidence.record(`pipe.proc_link_mode_${end}`, mode);
});

Then('lsof lists its write end with type {word} and name {string}', function (this: IpcWorld, type: string, name: string) {
  const fd = thePipe(this).writeEnd;
  const r = runHostTool('lsof', ['-a', '-p', String(process.pid), '-d', String(fd), '-F', 'fatn'], 'lsof');
  // -F prints one field a line, tagged by its first letter: f (fd), a (access), t (type), n (name)
  const fields = Object.fromEntries(r.stdout.split('\n').filter(Boolean).map((l) => [l[0], l.slice(1)]));
  expectValue(`lsof's FD column for fd ${fd}`, `${fd}w`, `${fields.f}${fields.a}`);
  expectValue(`lsof's TYPE for fd ${fd}`, type, fields.t);
  expectValue(`lsof's NAME for fd ${fd}`, name, fields.n);
  this.evidence.record('pipe.lsof', `${fields.f}${fields.a} ${fields.t} ${fields.n}`);
});

Then('its ends live on a device with major number {int}', function (this: IpcWorld, major: number) {
  const { readEnd, writeEnd } = thePipe(this);
  for (const fd of [readEnd, writeEnd]) {
    expectValue(`file type of fd ${fd}`, 'fifo', fstat(fd).type);
    expectValue(`major device number of fd ${fd}`, major, fstat(fd).devMajor);
  }
  this.evidence.record('pipe.device_major', major);
});

Then('fstat of its read end reports size {int} and {int} blocks', function (this: IpcWorld, size: number, blocks: number) {
  const st = fstat(thePipe(this).readEnd);
  expectValue('st_size of a pipe holding data', size, st.size);
  expectValue('st_blocks of a pipe holding data', blocks, st.blocks);
});

Then('FIONREAD on its read end reports {int} bytes', function (this: IpcWorld, n: number) {
  expectValue('bytes waiting in the pipe (FIONREAD)', n, bytesReadable(thePipe(this).readEnd));
});

Then('FIONREAD on its read end reports its capacity minus {int} bytes', function (this: IpcWorld, n: number) {
  const p = thePipe(this);
  expectValue('bytes waiting in the pipe (FIONREAD)', capacity(p.writeEnd) - n, bytesReadable(p.readEnd));
});

// ---- reading and writing ------------------------------------------------------

/** A write to the write end must take every byte, or the steps after it would read something else. */
When('{string} is written to its write end', function (this: IpcWorld, text: string) {
  this.last = write(thePipe(this).writeEnd, Buffer.from(text));
  expectSuccess(this.last, Buffer.byteLength(text));
});

/** A write to the read end: the Then after it names the errno. */
When('{string} is written to its read end', function (this: IpcWorld, text: string) {
  this.last = write(thePipe(this).readEnd, Buffer.from(text));
});

When('{int} bytes are written to its write end', function (this: IpcWorld, n: number) {
  this.last = write(thePipe(this).writeEnd, Buffer.alloc(n, 0x61));
  expectSuccess(this.last, n);
});

When('PIPE_BUF bytes are written to its write end', function (this: IpcWorld) {
  this.last = write(thePipe(this).writeEnd, Buffer.alloc(C.PIPE_BUF, 0x62));
});

When('PIPE_BUF + 1 bytes are written to its write end', function (this: IpcWorld) {
  this.last = write(thePipe(this).writeEnd, Buffer.alloc(C.PIPE_BUF + 1, 0x62));
});

/**
 * The atomic-write bound, measured: where a write of PIPE_BUF bytes into a pipe with less room
 * was refused whole, one byte more goes in only in part. Linux builds a pipe of page-sized
 * slots, so the bound shows at PIPE_BUF + 1 only where a page is PIPE_BUF bytes.
 */
Then('only part of it went in: the write was split', function (this: IpcWorld) {
  if (pageSize() !== C.PIPE_BUF) {
    throw new NotAvailable(`a pipe's slots here are pages of ${pageSize()} bytes, larger than PIPE_BUF (${C.PIPE_BUF}), so a write of PIPE_BUF + 1 bytes need not be split`);
  }
  const r = this.lastCall();
  expectWithin(`${r.call}: bytes written`, r.rc, 1, C.PIPE_BUF);
  this.evidence.record('PIPE_BUF', C.PIPE_BUF);
  this.evidence.record('pipe.split_write', r.rc);
});

When('its {end} end is read', function (this: IpcWorld, end: string) {
  this.last = read(endFd(this, end), 1);
});

When('its read end is read without blocking', function (this: IpcWorld) {
  setNonBlocking(thePipe(this).readEnd);
  this.last = read(thePipe(this).readEnd, 16);
});

When('its {end} end is sought to offset {int}', function (this: IpcWorld, end: string, offset: number) {
  this.last = lseek(endFd(this, end), offset, 'SEEK_SET');
});

Then('its read end yields {string}', function (this: IpcWorld, text: string) {
  const r = read(thePipe(this).readEnd, Buffer.byteLength(text));
  expectSuccess(r);
  expectValue('bytes read from the pipe', text, r.data.toString());
});

Then('one read of up to {int} bytes from its read end yields {string}', function (this: IpcWorld, max: number, text: string) {
  const r = read(thePipe(this).readEnd, max);
  expectSuccess(r, Buffer.byteLength(text));
  expectValue('what one read() returned', text, r.data.toString());
});

When('{string} is written to its write end from a buffer that is then overwritten with {string}', function (this: IpcWorld, text: string, later: string) {
  const buffer = Buffer.from(text);
  expectSuccess(write(thePipe(this).writeEnd, buffer), buffer.length);
  buffer.write(later);
  expectValue('the source buffer after overwriting', later, buffer.toString());
});

Then('poll reports its write end {string} and its read end {string}', function (this: IpcWorld, w: string, r: string) {
  const p = thePipe(this);
  expectValue('poll() events of the write end', w, pollNow(p.writeEnd, ['POLLIN', 'POLLOUT']).join('|'));
  expectValue('poll() events of the read end', r, pollNow(p.readEnd, ['POLLIN', 'POLLOUT']).join('|'));
});

When('{int} times its capacity passes through it in writes of {int} bytes and reads of {int} bytes', function (this: IpcWorld, times: number, w: number, r: number) {
  const p = thePipe(this);
  const total = times * capacity(p.writeEnd);
  this.keep('pushed', { total, ...pushThrough(p, total, w, r) });
});

Then('every byte comes out in the order it went in', function (this: IpcWorld) {
  const pushed = this.get<{ total: number; received: number; firstMismatch: number }>('pushed');
  expectValue('bytes that came out', pushed.total, pushed.received);
  expectValue('offset of the first byte out of order', -1, pushed.firstMismatch);
  this.evidence.record('pipe.wraparound_bytes', pushed.received);
});

// ---- capacity -------------------------------------------------------------------

When('its write end is filled without blocking', function (this: IpcWorld) {
  this.keep('fill', fillUntilRefused(thePipe(this).writeEnd));
});

When('its write end is filled without blocking except for {int} bytes', function (this: IpcWorld, room: number) {
  const p = thePipe(this);
  setNonBlocking(p.writeEnd);
  const n = capacity(p.writeEnd) - room;
  expectSuccess(write(p.writeEnd, Buffer.alloc(n, 0x63)), n);
});

Then('the bytes that went in equal its capacity reported by F_GETPIPE_SZ', function (this: IpcWorld) {
  const fill = this.get<{ bytes: number }>('fill');
  const reported = capacity(thePipe(this).writeEnd);
  expectValue('bytes a non-blocking writer got in', reported, fill.bytes);
  this.evidence.record('pipe.capacity', reported);
  this.evidence.record('pipe.filled', fill.bytes);
});

Then('the write that did not fit failed with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.get<{ refusal: any }>('fill').refusal, errno);
});

const pipeMaxSize = (): number => requiredSysctl('fs/pipe-max-size');

When('its capacity is set to {int} bytes', function (this: IpcWorld, bytes: number) {
  this.last = resize(thePipe(this).writeEnd, bytes);
});

When('its capacity is set to fs.pipe-max-size', function (this: IpcWorld) {
  this.last = resize(thePipe(this).writeEnd, pipeMaxSize());
  expectSuccess(this.last, pipeMaxSize());
});

When('its capacity is set to twice fs.pipe-max-size', function (this: IpcWorld) {
  this.last = resize(thePipe(this).writeEnd, 2 * pipeMaxSize());
});

Then('the call returns the page size', function (this: IpcWorld) {
  expectSuccess(this.lastCall(), pageSize());
  this.evidence.record('page_size', pageSize());
});

Then('its capacity reported by F_GETPIPE_SZ is the page size', function (this: IpcWorld) {
  expectValue('F_GETPIPE_SZ after F_SETPIPE_SZ(100)', pageSize(), capacity(thePipe(this).writeEnd));
});

Then('its capacity reported by F_GETPIPE_SZ is fs.pipe-max-size', function (this: IpcWorld) {
  expectValue('F_GETPIPE_SZ', pipeMaxSize(), capacity(thePipe(this).writeEnd));
  this.evidence.record('pipe.max_size', pipeMaxSize());
});

Then('the call fails with {errno} unless the process has CAP_SYS_RESOURCE', function (this: IpcWorld, errno: string) {
  const privileged = hasCapability('CAP_SYS_RESOURCE');
  this.evidence.record('cap.CAP_SYS_RESOURCE', privileged);
  if (privileged) expectSuccess(this.lastCall(), 2 * pipeMaxSize());
  else expectFailure(this.lastCall(), errno);
  this.evidence.record('pipe.beyond_max', privileged ? 'allowed' : errno);
});

// ---- fixtures: fork, several processes, signals -------------------------------

/** The one event of that name in the last fixture run, from that role when given. */
const reported = (world: IpcWorld, event: string, role?: string): FixtureEvent => world.lastRun().only(event, by(role, 'parent'));

When('a process limited to {int} descriptors creates pipes until pipe\\() fails', async function (this: IpcWorld, limit: number) {
  await this.fixture('pipe-emfile', [limit]);
});

Then('its first pipe\\() returned {int}', function (this: IpcWorld, rc: number) {
  expectValue('first pipe() return value', rc, reported(this, 'first-pipe').rc);
});

Then('pipe\\() finally returned -1 with {errno} after {int} pipes', function (this: IpcWorld, errno: string, pipes: number) {
  const failed = reported(this, 'pipe-failed');
  expectValue('pipe() return value when out of descriptors', -1, failed.rc);
  expectValue('errno of that pipe()', errno, errnoOf(failed));
  expectValue('pipes created before the failure', pipes, failed.created);
  this.evidence.record('pipe.emfile_after', failed.created);
});

const errnoOf = (e: FixtureEvent): string => errnoName(Number(e.errno));

When('a freshly started process with only descriptors 0 to 2 open creates a pipe', async function (this: IpcWorld) {
  await this.fixture('pipe-fresh-fds');
});

Then('that process had exactly descriptors {string} open', function (this: IpcWorld, fds: string) {
  expectValue('descriptors open before pipe()', fds, reported(this, 'open-fds').fds);
});

Then('its pipe\\() gave fd[0] = {int} and fd[1] = {int}', function (this: IpcWorld, fd0: number, fd1: number) {
  const p = reported(this, 'pipe');
  expectValue('pipe() return value', 0, p.rc);
  expectValue('fd[0], fd[1]', [fd0, fd1], [p.fd0, p.fd1]);
  this.evidence.record('pipe.fresh_fds', `${p.fd0},${p.fd1}`);
});

When('a child writes twice the pipe\'s capacity in one blocking write while the parent does not read', async function (this: IpcWorld) {
  await this.fixture('pipe-flow-control', [], { waitingFor: 'the blocked writer to finish after the pipe was drained' });
});

Then('the child sleeps in write\\() while the pipe holds exactly its capacity', function (this: IpcWorld) {
  const capacityBytes = reported(this, 'capacity').bytes;
  const blocked = reported(this, 'writer-blocked');
  expectValue('the writer\'s scheduler state', 'S', blocked.state);
  expectValue('bytes held by the full pipe', capacityBytes, blocked.held);
  expectValue('whether write() had returned before the reader read', false, blocked.write_returned);
  this.evidence.record('pipe.capacity', capacityBytes);
});

Then('the child\'s write returns twice the capacity only after the parent has read everything', function (this: IpcWorld) {
  const twice = 2 * reported(this, 'capacity').bytes;
  const drained = reported(this, 'drained');
  expectValue('bytes the parent read', twice, drained.bytes);
  expectValue('whether the bytes were intact', true, drained.intact);
  expectValue('the blocked write()\'s return value', twice, reported(this, 'writer-finished').rc);
});

When('{int} processes each write {int} records of PIPE_BUF bytes into one pipe at the same time', async function (this: IpcWorld, writers: number, records: number) {
  await this.fixture('pipe-atomic', [writers, records, C.PIPE_BUF], { waitingFor: 'the writers to finish' });
});

Then('the reader gets {int} whole records, none interleaved and each writer\'s in order', function (this: IpcWorld, records: number) {
  const got = reported(this, 'received');
  expectValue('records received', records, got.records);
  expectValue('records with bytes of two writers', 0, got.interleaved);
  expectValue('records out of order', 0, got.out_of_order);
  expectValue('bytes received', records * C.PIPE_BUF, got.bytes);
  this.evidence.record('pipe.atomic_records', got.records);
  this.evidence.record('PIPE_BUF', C.PIPE_BUF);
});

When('a child streams {int} pseudo-random bytes through a pipe in random-sized writes', async function (this: IpcWorld, bytes: number) {
  const seed = this.evidence.record('pipe.stream_seed', Date.now() % 1_000_000_007);
  await this.fixture('pipe-stream', [bytes, seed], { waitingFor: 'the stream to end' });
});

Then('the parent reads all {int} bytes with no mismatch', function (this: IpcWorld, bytes: number) {
  const got = reported(this, 'received');
  expectValue('bytes received', bytes, got.bytes);
  expectValue('mismatched bytes', 0, got.mismatches);
  expectValue('offset of the first mismatch', -1, got.first_mismatch);
  this.evidence.record('pipe.stream_bytes', got.bytes);
});

When('a parent creates a pipe and forks', async function (this: IpcWorld) {
  await this.fixture('pipe-share');
});

Then('parent and child both hold fd[0] {access} and fd[1] {access} of the same inode', function (this: IpcWorld, mode0: string, mode1: string) {
  const parent = reported(this, 'ends', 'parent');
  const child = reported(this, 'ends', 'child');
  expectValue('access modes of the two descriptors in parent and child', [[mode0, mode1], [mode0, mode1]], [[parent.mode0, parent.mode1], [child.mode0, child.mode1]]);
  expectValue('inodes of the two descriptors in parent and child', Array(4).fill(parent.ino0), [parent.ino0, parent.ino1, child.ino0, child.ino1]);
  expectValue('the child\'s descriptor numbers', [parent.fd0, parent.fd1], [child.fd0, child.fd1]);
});

Then('the parent reads {string} that the child wrote', function (this: IpcWorld, text: string) {
  expectValue('what the parent read', text, reported(this, 'received', 'parent').data);
});

Then('in the child the descriptors of a pipe the parent created after fork fail with {errno}', function (this: IpcWorld, errno: string) {
  const late = reported(this, 'late-pipe', 'child');
  expectValue('fcntl(F_GETFD) results in the child', [-1, -1], [late.rc0, late.rc1]);
  expectValue('errno in the child', [errno, errno], [errnoName(late.errno0), errnoName(late.errno1)]);
});

const RELAY_MODE: Record<string, string> = { parent: 'parent-to-child', child: 'child-to-parent', 'first-child': 'sibling-to-sibling' };

When('the {role} writes {string} into a pipe shared by fork and closes the end it does not use', async function (this: IpcWorld, writer: string, text: string) {
  await this.fixture('pipe-relay', [RELAY_MODE[writer], text], { waitingFor: 'end-of-file at the reader' });
  expectValue(`bytes the ${writer} wrote`, Buffer.byteLength(text), reported(this, 'sent', writer).bytes);
});

When('the child writes {string} into a pipe shared by fork while both processes keep both ends', async function (this: IpcWorld, text: string) {
  await this.fixture('pipe-relay', ['child-to-parent', text, '--keep-ends']);
});

Then('the {role} reads {string} and then end-of-file', function (this: IpcWorld, reader: string, text: string) {
  const got = reported(this, 'received', reader);
  expectValue(`what the ${reader} read before end-of-file`, text, got.data);
  expectValue(`bytes the ${reader} read`, Buffer.byteLength(text), got.bytes);
});

Then('the parent reads {string}', function (this: IpcWorld, text: string) {
  expectValue('what the parent read', text, reported(this, 'received', 'parent').data);
});

When('a child writes {string} into a pipe and exits while the parent keeps both ends', async function (this: IpcWorld, text: string) {
  await this.fixture('pipe-eof', [text]);
  reported(this, 'writer-exited');
});

Then('the parent\'s next non-blocking read fails with {errno} instead of returning end-of-file', function (this: IpcWorld, errno: string) {
  const r = reported(this, 'read-with-own-write-end-open');
  expectValue('read() with the parent\'s own write end open', -1, r.rc);
  expectValue('its errno', errno, errnoOf(r));
});

Then('after closing its own write end the parent\'s read returns {int}, end-of-file', function (this: IpcWorld, rc: number) {
  expectValue('read() after the last write end closed', rc, reported(this, 'read-after-closing-own-write-end').rc);
});

When(/^a process (with the default SIGPIPE action|that ignores SIGPIPE) writes into a pipe whose only read end it closed$/, async function (this: IpcWorld, disposition: string) {
  await this.fixture('pipe-sigpipe', [disposition.includes('ignores') ? 'ignore' : 'default']);
});

Then('that process is killed by {signal}', function (this: IpcWorld, signal: string) {
  const ended = reported(this, 'child-ended');
  expectValue('the signal that ended the writer', signalNumber(signal), ended.signal);
  expectValue('what the writer printed after its write', [], this.lastRun().all('write'));
  this.evidence.record('pipe.writer_killed_by', signal);
});

Then('its write returned -1 with {errno}', function (this: IpcWorld, errno: string) {
  const w = reported(this, 'write');
  expectValue('write() return value', -1, w.rc);
  expectValue('write() errno', errno, errnoOf(w));
});

Then('that process exits normally', function (this: IpcWorld) {
  const ended = reported(this, 'child-ended');
  expectValue('how the writer ended', { exit: 0, signal: undefined }, { exit: ended.exit, signal: ended.signal });
});

When('the parent writes {string} into a pipe that both processes hold both ends of, then reads from it', async function (this: IpcWorld, text: string) {
  await this.fixture('pipe-own-read', [text]);
});

Then('the parent reads its own {string}', function (this: IpcWorld, text: string) {
  expectValue('what the writer read back', text, reported(this, 'own-read', 'parent').data);
});

Then('the child\'s non-blocking read then fails with {errno}', function (this: IpcWorld, errno: string) {
  const r = reported(this, 'peer-read', 'child');
  expectValue('the child\'s read()', -1, r.rc);
  expectValue('its errno', errno, errnoOf(r));
});

When('a process creates a pipe, writes {string} into it, forks a grandchild and exits', async function (this: IpcWorld, text: string) {
  await this.fixture('pipe-outlives', [text], { waitingFor: 'the grandchild to read after its creator exited' });
});

Then('the grandchild reads {string} after its creator is gone', function (this: IpcWorld, text: string) {
  const got = reported(this, 'received', 'grandchild');
  expectValue('what the grandchild read', text, got.data);
  expectValue('whether the grandchild\'s parent is still the creator', false, got.parent_is_creator);
  expectValue('the creator that exited', reported(this, 'creator').pid, reported(this, 'creator-exited').pid);
});

// ---- unrelated processes ----------------------------------------------------------

interface Creator { session: FixtureSession; ready: FixtureEvent; text: string; socket?: string }

async function startCreator(world: IpcWorld, text: string, socket?: string): Promise<Creator> {
  const session = world.session('pipe-export', socket ? ['--socket', socket, text] : ['--proc', text]);
  return world.keep('creator', { session, ready: await session.waitFor('ready'), text, socket });
}

Given('a process that created a pipe holding {string} and offers its read end on a UNIX socket', async function (this: IpcWorld, text: string) {
  await startCreator(this, text, join(this.tracker.tempDir('pipe-export'), 'offer.sock'));
});

Given('a process that created a pipe holding {string}', async function (this: IpcWorld, text: string) {
  await startCreator(this, text);
});

async function importPipe(world: IpcWorld, route: string[]): Promise<void> {
  const creator = world.get<Creator>('creator');
  try {
    await world.fixture('pipe-import', [...route, Buffer.byteLength(creator.text)]);
  } finally {
    await creator.session.finish();
  }
}

When('an unrelated process in its own session receives that read end over the socket', async function (this: IpcWorld) {
  await importPipe(this, ['--socket', this.get<Creator>('creator').socket!]);
});

When(/^an unrelated process in its own session opens \/proc\/<creator>\/fd\/<read end>$/, async function (this: IpcWorld) {
  const { ready } = this.get<Creator>('creator');
  await importPipe(this, ['--proc', `/proc/${ready.pid}/fd/${ready.read_fd}`]);
});

Then('the unrelated process reads {string}', function (this: IpcWorld, text: string) {
  expectValue('what the unrelated process read', text, reported(this, 'received').data);
});

Then('the unrelated process is neither a descendant nor an ancestor of the pipe\'s creator', function (this: IpcWorld) {
  const creator = this.get<Creator>('creator').ready;
  const reader = reported(this, 'received');
  // Both were started by the kit, the reader after the creator had made its pipe: the creator
  // cannot descend from the reader, and the reader's parent is not the creator.
  expectUnrelated('the reader and the pipe\'s creator', reader, creator);
  expectValue('the reader\'s session (its own, after setsid)', reader.pid, reader.sid);
  this.evidence.record(`pipe.unrelated_route_${reader.route}`, 'read');
});

// ---- the notes' example programs ------------------------------------------------

const noteExample = (name: string) => join(fixturesSrcDir, 'notes', name);

function compiled(world: IpcWorld): Compilation {
  return world.get<Compilation>('compilation');
}

When('a C file that includes <unistd.h> and declares {string} is compiled', function (this: IpcWorld, declaration: string) {
  const text = `#include <unistd.h>\n${declaration}\nint main(void) { int fd[2]; return pipe(fd); }\n`;
  this.keep('compilation', compileText('c', text, this.tracker.tempDir('compile'), 'declares-pipe'));
});

When('the note\'s example 1 is compiled as C++', function (this: IpcWorld) {
  this.keep('compilation', compile('c++', noteExample('004-example1.cpp'), this.tracker.tempDir('example'), 'example1'));
});

When('the note\'s example 2 is compiled as C++ and run with its output read to end-of-file', async function (this: IpcWorld) {
  const c = this.keep('compilation', compile('c++', noteExample('004-example2.cpp'), this.tracker.tempDir('example'), 'example2'));
  if (c.ok) this.keep('output', (await runProgram(this, c.binary)).stdout);
});

Then('it compiles without a diagnostic', function (this: IpcWorld) {
  const c = compiled(this);
  expectTrue(`${c.command} failed:\n${c.diagnostics}`, c.ok);
  expectValue(`diagnostics of ${c.command}`, '', c.diagnostics);
});

Then('running it prints exactly {string}', async function (this: IpcWorld, text: string) {
  const run = await runProgram(this, compiled(this).binary);
  expectValue('the example\'s output', `${text}\n`, run.stdout);
  expectValue('the example\'s exit status', 0, run.exitCode);
  this.evidence.record('pipe.example1_output', run.stdout.trim());
});

Then('its output lines, in any order, are:', function (this: IpcWorld, table: DataTable) {
  const lines = this.get<string>('output').split('\n').filter(Boolean).sort();
  expectValue('the example\'s output lines', table.raw().map((row) => row[0]).sort(), lines);
});

When('example 1 is run with the parent\'s buffer cleared before read\\() and the child writing {string}', async function (this: IpcWorld, _text: string) {
  await this.fixture('pipe-example1-instrumented');
});

Then('the parent\'s read\\() returns {int} bytes reading {string}', function (this: IpcWorld, n: number, text: string) {
  const r = reported(this, 'read');
  expectValue('read() in the parent', n, r.rc);
  expectValue('what the parent read', text, r.data);
  this.evidence.record('pipe.example1_read', r.rc);
});

// ---- the manual -------------------------------------------------------------------

/** The file `man -w` finds for a page in a section; undefined where there is none. */
function manPage(section: string, page: string): string | undefined {
  const r = runHostTool('man', ['-w', section, page], 'man-db');
  return r.status === 0 ? r.stdout.trim() : undefined;
}

Then('the manual has a page for pipe in section {int}', function (this: IpcWorld, section: number) {
  const path = manPage(String(section), 'pipe');
  if (manPage('2', 'read') === undefined) throw new NotAvailable('the section 2 manual pages are not installed (Debian: manpages-dev)');
  expectMatch(`the page man -w ${section} pipe finds`, new RegExp(`/man${section}/pipe\\.${section}(\\.[a-z0-9]+)?$`), path ?? 'none');
  this.evidence.record('pipe.man_page', path!);
});

Then('section 3 has no pipe page, except POSIX\'s 3p where installed', function (this: IpcWorld) {
  // man-db lets "3" match the sub-section 3p, so a POSIX page (manpages-posix-dev) is the one allowed answer.
  const page = manPage('3', 'pipe');
  expectMatch('the page man -w 3 pipe finds', /^none$|\/man3p\/pipe\.3p(\.[a-z0-9]+)?$/, page ?? 'none');
  this.evidence.record('pipe.man_3p', manPage('3p', 'pipe') ?? 'not installed');
});
