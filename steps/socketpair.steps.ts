/**
 * Steps for features/socketpair.feature. The pair itself is made in this
 * process through native/socket.ts (non-blocking sockets); fork and blocking
 * writes go through fixtures/sp-duplex.c and fixtures/uds-blocked-sender.c.
 */
import { C } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { accessMode, bytesReadable, read, write } from '../native/fd';
import { libcExports, must, SysResult } from '../native/libc';
import { fillUntilRefused, openPipe, pushThrough } from '../native/pipe';
import { abstractAddr, bind, connect, getpeername, getsockname, listen, recv, send, SockAddr, socket, socketOption, socketpair, SockType } from '../native/socket';
import { uniqueName } from './support/names';
import { Given, Then, When } from './support/dsl';
import { expectSuccess, expectValue, expectWithin } from './support/expect';
import { by, FixtureEvent } from './support/fixtures';
import type { IpcWorld } from './support/world';

const pair = (w: IpcWorld): [number, number] => w.get<[number, number]>('pair');

function makePair(w: IpcWorld, type: string, domain = 'AF_UNIX', protocol = 0): SysResult {
  const r = socketpair(type as SockType, domain, protocol);
  w.last = r;
  if (r.rc === 0) w.keep('pair', [w.tracker.fd(r.fds[0]), w.tracker.fd(r.fds[1])]);
  return r;
}

When('a socketpair of type {word} is created', function (this: IpcWorld, type: string) {
  makePair(this, type);
});

Given('a socketpair of type {word}', function (this: IpcWorld, type: string) {
  must(makePair(this, type));
});

When('a socketpair of family {word} and type {word} is created', function (this: IpcWorld, domain: string, type: string) {
  makePair(this, type, domain);
});

When('a socketpair of type {word} and protocol {int} is created', function (this: IpcWorld, type: string, protocol: number) {
  makePair(this, type, 'AF_UNIX', protocol);
});

Then('socketpair\\() returns -1 with {errno}', function (this: IpcWorld, errno: string) {
  const r = this.lastCall();
  expectValue(`${r.call}: return value`, -1, r.rc);
  // compared by number: EOPNOTSUPP and ENOTSUP are one errno on Linux
  expectValue(`${r.call}: errno (${r.errnoName})`, errnoNumber(errno), r.errno);
  this.evidence.record(`sp.errno_${r.call.includes('AF_INET') ? 'af_inet' : 'protocol'}`, errno);
});

Then('both sockets are unnamed: getsockname and getpeername report only the address family', function (this: IpcWorld) {
  const family = C['sizeof(sa_family_t)'];
  for (const fd of pair(this)) {
    expectValue(`getsockname(${fd}) and getpeername(${fd}) address lengths`, [family, family],
      [getsockname(fd), getpeername(fd)].map((r) => (expectSuccess(r, 0), r.len)));
  }
  this.evidence.record('sp.name_len', family);
});

/** Sends on one socket of the pair and receives on the other, in this process. */
function crosses(w: IpcWorld, text: string, from: number, to: number): void {
  const [a, b] = [pair(w)[from], pair(w)[to]];
  expectValue(`send on sv[${from}]`, text.length, must(send(a, Buffer.from(text))));
  expectValue(`what sv[${to}] received`, text, recv(b, 100).data.toString());
}

Then(/^"([^"]*)" sent on sv\[(0|1)\] is received on sv\[(0|1)\]$/, function (this: IpcWorld, text: string, from: string, to: string) {
  crosses(this, text, Number(from), Number(to));
  this.evidence.record(`sp.sent_${from}_to_${to}`, text);
});

Then('SO_TYPE of both sockets is {word}', function (this: IpcWorld, type: string) {
  const got = pair(this).map((fd) => socketOption(fd, 'SO_TYPE'));
  expectValue('SO_TYPE of sv[0] and sv[1]', [C[type], C[type]], got);
  const asked = this.lastCall().call.split(', ')[1];
  this.evidence.record(`sp.type_${asked}`, type);
});

Then('both sockets are open O_RDWR, while a pipe\'s ends are O_RDONLY and O_WRONLY', function (this: IpcWorld) {
  const p = openPipe();
  this.tracker.fd(p.readEnd);
  this.tracker.fd(p.writeEnd);
  expectValue('access modes of sv[0], sv[1], pipe fd[0], pipe fd[1]', ['O_RDWR', 'O_RDWR', 'O_RDONLY', 'O_WRONLY'],
    [...pair(this).map(accessMode), accessMode(p.readEnd), accessMode(p.writeEnd)]);
  this.evidence.record('sp.access_mode', 'O_RDWR');
});

// ---- parent and child --------------------------------------------------------------

When(/^a parent and its child (each keep one socket|both keep both sockets) of a pair and both write before either reads$/, async function (this: IpcWorld, how: string) {
  await this.fixture('sp-duplex', how.startsWith('each') ? ['socketpair'] : ['socketpair', '--keep']);
});

When(/^a parent and its child talk over (two pipes|one socketpair), both writing before either reads$/, async function (this: IpcWorld, channel: string) {
  await this.fixture('sp-duplex', [channel === 'two pipes' ? 'pipes' : 'socketpair']);
  this.evidence.record(`sp.duplex_fds_${channel === 'two pipes' ? 'pipes' : 'socketpair'}`, this.lastRun().all('channel')[0]?.fds);
});

const byWho = (w: IpcWorld, event: string, who: string): FixtureEvent => w.lastRun().only(event, by(who));

Then(/^each process holds (\d+) descriptors? of the channel$/, function (this: IpcWorld, n: number) {
  expectValue('descriptors the parent and the child hold', [n, n],
    [byWho(this, 'channel', 'parent').fds, byWho(this, 'channel', 'child').fds]);
});

Then('the child receives {string} and the parent receives {string}', function (this: IpcWorld, toChild: string, toParent: string) {
  expectValue('what the child and the parent received', [toChild, toParent],
    [byWho(this, 'received', 'child').data, byWho(this, 'received', 'parent').data]);
});

Then('once the child has exited the parent\'s read returns 0, end-of-file', function (this: IpcWorld) {
  expectValue('the parent\'s read() after the child exited', 0, this.lastRun().only('after-peer-exit').rc);
});

Then('once the child has exited the parent\'s non-blocking read fails with {errno}', function (this: IpcWorld, errno: string) {
  const r = this.lastRun().only('after-peer-exit');
  expectValue('the parent\'s read(): rc and errno', [-1, errnoNumber(errno)], [r.rc, r.errno]);
  this.evidence.record('sp.keep_both_read_errno', errno);
});

Then('the C library exports no function named {string}', function (this: IpcWorld, name: string) {
  const found = libcExports(name);
  expectValue(`whether libc exports ${name}`, false, found);
  this.evidence.record('sp.s_pipe_in_libc', found);
});

// ---- stream properties -------------------------------------------------------------

/** A listening socket with an abstract name: an address a connect() or sendto() could really reach. */
function listener(w: IpcWorld): SockAddr {
  if (w.objects.has('listener')) return w.get<SockAddr>('listener');
  const addr = abstractAddr(uniqueName('sp-listener'));
  const fd = w.tracker.fd(must(socket('SOCK_STREAM')));
  must(bind(fd, addr));
  must(listen(fd, 4));
  return w.keep('listener', addr);
}

When('sv[0] connects to an address', function (this: IpcWorld) {
  this.last = connect(pair(this)[0], listener(this));
});

When('sv[0] sends {string} to an address', function (this: IpcWorld, text: string) {
  this.last = send(pair(this)[0], Buffer.from(text), listener(this));
  this.evidence.record('sp.sendto_errno', this.last.errnoName);
});

When('{int} bytes pass from sv[0] to sv[1] in writes of {int} bytes and reads of {int} bytes', function (this: IpcWorld, total: number, w: number, r: number) {
  const [a, b] = pair(this);
  this.keep('pushed', { total, ...pushThrough({ writeEnd: a, readEnd: b }, total, w, r) });
});

Then('every byte came out of the pair in the order it went in', function (this: IpcWorld) {
  const p = this.get<{ total: number; received: number; firstMismatch: number }>('pushed');
  expectValue('bytes received and first mismatch', [p.total, -1], [p.received, p.firstMismatch]);
  this.evidence.record('sp.reliable_bytes', p.received);
});

When('sv[0] is filled without blocking', function (this: IpcWorld) {
  const fill = this.keep('fill', fillUntilRefused(pair(this)[0]));
  this.evidence.record('sp.filled', fill.bytes);
});

Then('sv[1] holds every byte that went in', function (this: IpcWorld) {
  expectValue('FIONREAD on sv[1]', this.get<{ bytes: number }>('fill').bytes, bytesReadable(pair(this)[1]));
});

When('a child writes 8 MiB in one blocking write into a stream pair the parent does not read', async function (this: IpcWorld) {
  await this.fixture('uds-blocked-sender', ['stream'], { waitingFor: 'the blocked writer to finish after the parent drained the pair' });
});

Then('the child sleeps in write\\() with less than 8 MiB queued', function (this: IpcWorld) {
  const a = this.lastRun().only('sender-asleep');
  expectValue('the writer\'s state and whether write() had returned', ['S', false], [a.state, a.call_returned]);
  expectWithin('bytes queued while the writer sleeps', a.queued, 1, (8 << 20) - 1);
  this.evidence.record('sp.blocked_queued', a.queued);
});

Then('its write returns {int} only after the parent has read everything', function (this: IpcWorld, n: number) {
  const f = this.lastRun().only('sender-finished');
  expectValue('bytes the parent read and the blocked write()\'s result', [n, n], [f.drained, f.sent]);
});

When('{string} and then {string} are sent on sv[0]', function (this: IpcWorld, a: string, b: string) {
  for (const t of [a, b]) must(write(pair(this)[0], Buffer.from(t)));
});

Then(/^reads of up to (\d+) bytes on sv\[1\] yield (.+)$/, function (this: IpcWorld, max: number, list: string) {
  const expected = [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const got: string[] = [];
  for (let r = read(pair(this)[1], max); r.rc > 0; r = read(pair(this)[1], max)) got.push(r.data.toString());
  expectValue('what each read returned', expected, got);
  this.evidence.record(`sp.reads_${socketOption(pair(this)[1], 'SO_TYPE') === C.SOCK_STREAM ? 'stream' : 'message'}`, got.join('|'));
});
