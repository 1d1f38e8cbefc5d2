/**
 * Steps for features/fifo.feature. In-process facts go through native/fifo.ts
 * (non-blocking opens only); blocking opens, unrelated peers and dropped
 * privileges go through fixtures/fifo-*.c.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errnoNumber } from '../native/errno';
import { chmod, fileSystemType, mkfifoExactMode, open } from '../native/fifo';
import { bytesReadable, fcntl, lseek, lstat, read, stat, write } from '../native/fd';
import { compileText } from '../native/compiler';
import { must, SysResult } from '../native/libc';
import { NotAvailable } from '../native/not-available';
import { lsLong, runHostTool } from '../native/platform';
import { capacity, fillUntilRefused, openPipe } from '../native/pipe';
import { Given, Then, When } from './support/dsl';
import { expectAtLeast, expectSuccess, expectUnrelated, expectValue } from './support/expect';
import { FixtureEvent, FixtureSession } from './support/fixtures';
import { octal } from './support/parameter-types';
import { need, type IpcWorld } from './support/world';

interface Fifo { dir: string; path: string; readFd?: number; writeFd?: number; lastFd?: number }

const fifo = (w: IpcWorld): Fifo => w.get<Fifo>('fifo');

const side = (w: IpcWorld, which: 'read' | 'write'): number =>
  need({ read: fifo(w).readFd, write: fifo(w).writeFd }[which], `open ${which} side of the FIFO`);

/** A directory others may search, so a process that dropped root meets the FIFO's own mode, not the directory's. */
function fifoDir(w: IpcWorld): string {
  const dir = w.tracker.tempDir('fifo');
  chmodSync(dir, 0o711);
  return dir;
}


function made(w: IpcWorld, mode: number): SysResult {
  const dir = fifoDir(w);
  const f = w.keep<Fifo>('fifo', { dir, path: join(dir, 'fifo') });
  return (w.last = mkfifoExactMode(f.path, mode));
}

/** Runs an open and, when it gave a descriptor, tracks it as the scenario's "that descriptor". */
function opened(w: IpcWorld, r: SysResult): SysResult {
  w.last = r;
  fifo(w).lastFd = w.tracker.opened(r);
  return r;
}

function event(w: IpcWorld, name: string): FixtureEvent {
  return w.lastRun().only(name);
}

function expectErrno(what: string, expected: string, e: FixtureEvent | SysResult): void {
  expectValue(`${what}: return value and errno`, [-1, errnoNumber(expected)], [e.rc, e.errno]);
}

// ---- the file -----------------------------------------------------------------------

When('a FIFO is made with mkfifo\\() and mode {mode}', function (this: IpcWorld, mode: number) {
  made(this, mode);
});

Given('a FIFO made with mkfifo\\() and mode {mode}', function (this: IpcWorld, mode: number) {
  must(made(this, mode));
});

When('a FIFO is made again with the same name', function (this: IpcWorld) {
  this.last = mkfifoExactMode(fifo(this).path, 0o600);
});

Then('lstat reports the name as a FIFO with mode {mode}', function (this: IpcWorld, mode: number) {
  const st = lstat(fifo(this).path);
  expectValue('file type of the name', 'fifo', st.type);
  expectValue('permission bits', octal(mode), octal(st.perm));
  this.evidence.record('fifo.type', st.type);
  this.evidence.record('fifo.mode', octal(st.perm));
});

Then('its size is {int} bytes in {int} blocks', function (this: IpcWorld, size: number, blocks: number) {
  const st = lstat(fifo(this).path);
  expectValue('st_size and st_blocks of the FIFO', [size, blocks], [st.size, st.blocks]);
  this.evidence.record('fifo.size', st.size);
  this.evidence.record('fifo.blocks', st.blocks);
});


Then('ls -l shows it as {string} with size {int}', function (this: IpcWorld, mode: string, size: number) {
  const ls = lsLong(fifo(this).path);
  expectValue(`the mode column of "${ls.line}"`, mode, ls.mode);
  expectValue(`the size column of "${ls.line}"`, size, ls.size);
  this.evidence.record('fifo.ls_mode', ls.mode);
});

When('a C file that includes {string} and declares {string} is compiled as C', function (this: IpcWorld, header: string, declaration: string) {
  const text = `#include ${header}\n${declaration}\nint main(void) { return 0; }\n`;
  this.keep('compilation', compileText('c', text, this.tracker.tempDir('compile'), 'declares'));
});

When('the mkfifo command makes {string} under umask {word}', function (this: IpcWorld, name: string, mask: string) {
  const dir = fifoDir(this);
  const f = this.keep<Fifo>('fifo', { dir, path: join(dir, name) });
  const r = runHostTool('sh', ['-c', `umask ${mask} && exec mkfifo -- "$1"`, 'sh', f.path], 'coreutils');
  expectValue(`mkfifo ${name}: exit status (${r.stderr.trim()})`, 0, r.status);
});

When('a process makes a FIFO with mode {mode} and exits', async function (this: IpcWorld, mode: number) {
  const dir = fifoDir(this);
  const f = this.keep<Fifo>('fifo', { dir, path: join(dir, 'left-behind') });
  await this.fixture('fifo-peer', ['make', f.path, octal(mode)]);
  this.evidence.record('fifo.maker_exited', this.lastRun().exitCode === 0);
});

Then('the FIFO lives on the same device as its directory, whose file system type is recorded', function (this: IpcWorld) {
  const { dir, path } = fifo(this);
  expectValue('device of the FIFO and of its directory', stat(dir).dev, lstat(path).dev);
  const fs = fileSystemType(dir);
  this.evidence.record('fifo.fs_type', fs.name);
  this.evidence.record('fifo.fs_on_disk', fs.onDisk);
  this.evidence.record('fifo.dev_major', lstat(path).devMajor);
});

// ---- opening ------------------------------------------------------------------------

Given('it is open for reading and for writing without blocking', function (this: IpcWorld) {
  const f = fifo(this);
  f.readFd = this.tracker.fd(must(open(f.path, 'O_RDONLY', 'O_NONBLOCK')));
  f.writeFd = this.tracker.fd(must(open(f.path, 'O_WRONLY', 'O_NONBLOCK')));
});

When('the FIFO is opened for writing without blocking', function (this: IpcWorld) {
  opened(this, open(fifo(this).path, 'O_WRONLY', 'O_NONBLOCK'));
});

When('the FIFO is opened for reading without blocking', function (this: IpcWorld) {
  opened(this, open(fifo(this).path, 'O_RDONLY', 'O_NONBLOCK'));
});

When(/^the FIFO is opened (?:again )?for reading and writing$/, function (this: IpcWorld) {
  opened(this, open(fifo(this).path, 'O_RDWR', 'O_NONBLOCK'));
  fifo(this).readFd = fifo(this).writeFd = fifo(this).lastFd;
});

Then('the call returns a descriptor', function (this: IpcWorld) {
  const r = this.lastCall();
  expectSuccess(r);
  expectAtLeast(`the descriptor ${r.call} returned`, 0, r.rc);
});

When('every descriptor of the FIFO is closed', function (this: IpcWorld) {
  const f = fifo(this);
  must(this.tracker.closeFd(side(this, 'read')));
  must(this.tracker.closeFd(side(this, 'write')));
  f.readFd = f.writeFd = undefined;
});

When(/^the FIFO's (read|write) side is closed$/, function (this: IpcWorld, which: 'read' | 'write') {
  must(this.tracker.closeFd(side(this, which)));
});

// ---- the rendezvous -----------------------------------------------------------------

When(/^a process opens it for (reading|writing) with a blocking open\(\) and nobody (?:writes|reads)$/, async function (this: IpcWorld, how: string) {
  await this.fixture('fifo-rendezvous', [fifo(this).path, how === 'reading' ? 'reader' : 'writer'],
    { waitingFor: 'the opener to fall asleep in open() and then return' });
});

Then('that process sleeps inside open\\() and its open\\() has not returned', function (this: IpcWorld) {
  const asleep = event(this, 'opener-asleep');
  expectValue('the opener\'s scheduler state', 'S', asleep.state);
  expectValue('whether its open() had returned', false, asleep.returned);
  if (asleep.in_open !== undefined) expectValue('whether /proc/<pid>/syscall shows it in open()', true, asleep.in_open);
  this.evidence.record('fifo.opener_state', asleep.state);
  this.evidence.record('fifo.opener_in_open', asleep.in_open ?? 'unreadable');
});

Then('meanwhile a non-blocking open for writing fails with {errno}', function (this: IpcWorld, errno: string) {
  expectErrno('open(O_WRONLY|O_NONBLOCK) while a writer waits', errno, event(this, 'nonblocking-writer'));
  this.evidence.record('fifo.nonblocking_writer_errno', errno);
});

Then(/^its open\(\) returns 0 once another process opens the FIFO for (reading|writing)$/, function (this: IpcWorld, _side: string) {
  const names = this.lastRun().events.map((e) => e.event).filter((e) => ['partner-opened', 'opener-returned'].includes(e));
  expectValue('the order of the partner\'s open and the opener\'s return', ['partner-opened', 'opener-returned'], names);
  expectValue('the blocked open()\'s result', 0, event(this, 'opener-returned').rc);
});

// ---- unrelated processes ------------------------------------------------------------

When('an unrelated process opens the FIFO by its path for reading', function (this: IpcWorld) {
  this.keep('reader', this.session('fifo-peer', ['read', fifo(this).path], { waitingFor: 'a writer to open the FIFO' }));
});

When('another unrelated process opens it by its path for writing and writes {string}', async function (this: IpcWorld, text: string) {
  const writer = await this.fixture('fifo-peer', ['write', fifo(this).path, text], { waitingFor: 'a reader to open the FIFO' });
  this.keep('writer', writer.only('who'));
  const reader = this.get<FixtureSession>('reader');
  await reader.waitFor('eof');
  this.keep('reading', await reader.finish());
});

function readerRun(w: IpcWorld) {
  return w.get<{ only(e: string): FixtureEvent }>('reading');
}

Then('the reader gets {string} and then end-of-file', function (this: IpcWorld, text: string) {
  expectValue('what the reader got', text, readerRun(this).only('received').data);
  expectValue('read() after the writer closed', 0, readerRun(this).only('eof').rc);
  this.evidence.record('fifo.unrelated_data', text);
});

Then('neither process is the parent of the other, and each leads its own session', function (this: IpcWorld) {
  const r = readerRun(this).only('who');
  const w = this.get<FixtureEvent>('writer');
  expectUnrelated('the reader and the writer', r, w);
  expectValue('the sessions of reader and writer', [r.pid, w.pid], [r.sid, w.sid]);
  this.evidence.record('fifo.unrelated', true);
});

When('an unrelated process streams {int} pseudo-random bytes into the FIFO while another reads them', async function (this: IpcWorld, bytes: number) {
  const seed = this.evidence.record('fifo.stream_seed', 1 + (Date.now() % 1_000_000_007));
  const path = fifo(this).path;
  const reader = this.session('fifo-peer', ['stream-read', path, bytes, seed], { waitingFor: 'the stream to end' });
  await this.fixture('fifo-peer', ['stream-write', path, bytes, seed], { waitingFor: 'a reader to take the stream' });
  await reader.waitFor('received');
  this.keep('reading', await reader.finish());
});

Then('the reader gets all {int} bytes with no mismatch', function (this: IpcWorld, bytes: number) {
  const got = readerRun(this).only('received');
  expectValue('bytes received, mismatches, first mismatch', [bytes, 0, -1], [got.bytes, got.mismatches, got.first_mismatch]);
  this.evidence.record('fifo.stream_bytes', got.bytes);
});

// ---- permissions --------------------------------------------------------------------

When('an unprivileged process of another user opens it for reading without blocking', async function (this: IpcWorld) {
  if (process.geteuid?.() !== 0) {
    throw new NotAvailable('running unprivileged: there is no second user to open the FIFO as (root drops to uid 65534)');
  }
  await this.fixture('fifo-peer', ['open-unprivileged', fifo(this).path]);
  this.keep('denied', event(this, 'open'));
});

When('an unprivileged process makes a FIFO of mode 0200 and opens it for reading', async function (this: IpcWorld) {
  const dir = this.tracker.tempDir('fifo-own');
  chmod(dir, 0o777); // a process that dropped root creates its FIFO here; the tracker removes the directory
  await this.fixture('fifo-peer', ['own-fifo', dir]);
  this.keep('denied', event(this, 'open-read'));
});

Then('the FIFO it made is its own with mode {mode}', function (this: IpcWorld, mode: number) {
  const m = event(this, 'made');
  expectValue('owner of the FIFO', event(this, 'unprivileged').uid, m.owner);
  expectValue('mode of the FIFO', octal(mode), octal(m.mode));
});

Then('that open fails with {errno}', function (this: IpcWorld, errno: string) {
  expectErrno('the unprivileged open()', errno, this.get<FixtureEvent>('denied'));
  this.evidence.record('fifo.denied_errno', errno);
  this.evidence.record('fifo.denied_uid', event(this, 'unprivileged').uid);
});

// ---- data ---------------------------------------------------------------------------

When(/^"([^"]*)" is written (?:in)?to the FIFO(?:'s (read|write) side)?$/, function (this: IpcWorld, text: string, which?: 'read' | 'write') {
  this.last = write(side(this, which ?? 'write'), Buffer.from(text));
});

When('{string} is written to that descriptor', function (this: IpcWorld, text: string) {
  this.last = write(fifo(this).lastFd!, Buffer.from(text));
});

When('{string} is written into the FIFO from a buffer that is then overwritten with {string}', function (this: IpcWorld, text: string, later: string) {
  const buf = Buffer.from(text);
  must(write(side(this, 'write'), buf));
  buf.write(later);
  this.evidence.record('fifo.copied', true);
});

When(/^the FIFO's (read|write) side is read$/, function (this: IpcWorld, which: 'read' | 'write') {
  this.last = read(side(this, which), 100);
});

Then('FIONREAD on the FIFO\'s read side reports {int} bytes', function (this: IpcWorld, n: number) {
  expectValue('FIONREAD', n, bytesReadable(side(this, 'read')));
  this.evidence.record('fifo.fionread', n);
});

Then(/^(?:the FIFO's read side|that descriptor) yields "([^"]*)"$/, function (this: IpcWorld, text: string) {
  const r = read(side(this, 'read'), 4096);
  expectValue('what the read returned', text, r.data.toString());
});

Then('one read of up to {int} bytes from the FIFO yields {string}', function (this: IpcWorld, max: number, text: string) {
  const r = read(side(this, 'read'), max);
  expectValue('one read()', text, r.data.toString());
  this.evidence.record('fifo.one_read', r.data.toString());
});

Then('the FIFO\'s read side then returns 0, end-of-file', function (this: IpcWorld) {
  const r = read(side(this, 'read'), 100);
  expectValue(`${r.call} after the last writer closed`, 0, r.rc);
});

When('the FIFO is filled without blocking', function (this: IpcWorld) {
  const fill = this.keep('fill', fillUntilRefused(side(this, 'write')));
  this.evidence.record('fifo.filled', fill.bytes);
});

Then('the bytes that went in equal the FIFO\'s F_GETPIPE_SZ capacity, which equals a new pipe\'s', function (this: IpcWorld) {
  const p = openPipe();
  this.tracker.fd(p.readEnd);
  this.tracker.fd(p.writeEnd);
  const mine = capacity(side(this, 'write'));
  expectValue('bytes that went into the FIFO', mine, this.get<{ bytes: number }>('fill').bytes);
  expectValue('F_GETPIPE_SZ of the FIFO and of a new pipe', capacity(p.writeEnd), mine);
  this.evidence.record('fifo.capacity', mine);
});

When('the FIFO\'s read side is sought to offset {int}', function (this: IpcWorld, offset: number) {
  this.last = lseek(side(this, 'read'), offset, 'SEEK_SET');
});

Then('a regular file in the same directory seeks to offset 0 and has no F_GETPIPE_SZ', function (this: IpcWorld) {
  const file = join(fifo(this).dir, 'regular');
  writeFileSync(file, 'data');
  const fd = this.tracker.fd(must(open(file, 'O_RDONLY')));
  expectValue('lseek on a regular file', 0, lseek(fd, 0, 'SEEK_SET').rc);
  expectErrno('fcntl(F_GETPIPE_SZ) on a regular file', 'EBADF', fcntl(fd, 'F_GETPIPE_SZ'));
  this.evidence.record('fifo.regular_getpipe_errno', 'EBADF');
});
