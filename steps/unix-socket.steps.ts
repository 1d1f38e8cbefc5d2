/**
 * Steps for features/unix-socket.feature. Sockets made in this process are
 * non-blocking (native/socket.ts); server and client processes, descriptor
 * passing and blocked senders go through fixtures/uds-*.c.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { C, field, sizeOf } from '../native/constants';
import { errnoNumber } from '../native/errno';
import { bytesReadable, fstat, lstat, read, socketFilesIn, stat, typeAt, write } from '../native/fd';
import { must, SysResult, untilRefused } from '../native/libc';
import { NotAvailable } from '../native/not-available';
import { fillUntilRefused, openPipe, pushThrough } from '../native/pipe';
import { loopbackDown, lsLong, requiredSysctl, sysctl } from '../native/platform';
import {
  abstractAddr, accept, bind, connect, decodeName, familyOnly, getsockname, inetPort, listen, loopbackAddr, pathAddr,
  pathAddrFull, procNetUnix, recv, send, SockAddr, socket, socketpair, SockType, unlink,
} from '../native/socket';
import { Given, Then, When } from './support/dsl';
import { expectMatch, expectOneOf, expectUnrelated, expectValue } from './support/expect';
import { FixtureEvent, FixtureRun, FixtureSession } from './support/fixtures';
import { uniqueName } from './support/names';
import { need, type IpcWorld } from './support/world';

interface Uds {
  dir: string;
  serverPath?: string;
  serverAddr?: SockAddr;
  server?: number;
  sock?: number;
  client?: number;
  clientAddr?: SockAddr;
  conn?: number;
  abstract?: string;
}

function uds(w: IpcWorld): Uds {
  if (!w.objects.has('uds')) w.keep<Uds>('uds', { dir: w.tracker.tempDir('uds') });
  return w.get<Uds>('uds');
}


const newSocket = (w: IpcWorld, type: SockType | 'SOCK_STREAM' = 'SOCK_STREAM', domain = 'AF_UNIX', flags?: number): number =>
  w.tracker.fd(must(socket(type, domain, 0, flags)));

function failed(what: string, r: SysResult | FixtureEvent, errno: string): void {
  expectValue(`${what}: return value and errno`, [-1, errnoNumber(errno)], [r.rc, r.errno]);
}

// ---- processes ----------------------------------------------------------------------

function startServer(w: IpcWorld, length: number, extra: string[] = []): void {
  const u = uds(w);
  u.serverPath = join(u.dir, 'server.sock');
  w.keep('server', w.session('uds-server', [u.serverPath, length, ...extra], { waitingFor: 'a client' }));
}

Given('a server process listening on a socket path and expecting {int} bytes', async function (this: IpcWorld, n: number) {
  startServer(this, n);
  await this.get<FixtureSession>('server').waitFor('listening');
});

Given('a server process listening on a socket path, expecting {int} bytes and a descriptor', async function (this: IpcWorld, n: number) {
  startServer(this, n, ['--expect-fd']);
  await this.get<FixtureSession>('server').waitFor('listening');
});

async function runClient(w: IpcWorld, text: string, options: string[] = []): Promise<void> {
  const client = await w.fixture('uds-client', [need(uds(w).serverPath, 'server'), text, ...options], { waitingFor: 'the server' });
  w.keep('client', client);
  const server = w.get<FixtureSession>('server');
  await server.waitFor('peer-closed');
  w.keep('serverRun', await server.finish());
}

const clientRun = (w: IpcWorld) => w.get<FixtureRun>('client');
const serverRun = (w: IpcWorld) => w.get<FixtureRun>('serverRun');

When('an unrelated client process in its own session connects to that path without binding and writes {string}', async function (this: IpcWorld, text: string) {
  await runClient(this, text);
});

When('an unrelated client process binds its socket to a path of its own and connects, writing {string}', async function (this: IpcWorld, text: string) {
  const path = join(uds(this).dir, 'client.sock');
  this.keep('clientPath', path);
  await runClient(this, text, ['--bind', path]);
});

When('an unrelated client process connects, writes {string}, and sends the descriptor of a file holding {string}', async function (this: IpcWorld, text: string, content: string) {
  const file = join(uds(this).dir, 'passed.txt');
  writeFileSync(file, content);
  this.keep('passedFile', file);
  await runClient(this, text, ['--send-fd', file]);
});

Then('the server reads {string} and the client reads the reply {string}', function (this: IpcWorld, msg: string, reply: string) {
  expectValue('what the server read and the client got back', [msg, reply],
    [serverRun(this).only('received').data, clientRun(this).only('reply').data]);
  const s = serverRun(this).only('listening');
  const c = clientRun(this).only('who');
  expectUnrelated('the client and the server', c, s);
  expectValue('the client\'s session', c.pid, c.sid);
  this.evidence.record('uds.exchange', `${msg} / ${reply}`);
});

Then('the client\'s own name was only the address family, and accept\\() gave the server an address length of {int}', function (this: IpcWorld, n: number) {
  expectValue('getsockname length in the client, accept() address length in the server', [n, n],
    [clientRun(this).only('connected').name_len, serverRun(this).only('accepted').addrlen]);
  this.evidence.record('uds.unbound_client_addrlen', n);
});

Then('SO_PEERCRED on the server\'s connection names the client\'s process and user', function (this: IpcWorld) {
  const a = serverRun(this).only('accepted');
  expectValue('peer pid and uid', [clientRun(this).only('who').pid, process.geteuid!()], [a.peer_pid, a.peer_uid]);
  this.evidence.record('uds.peercred_pid_matches', true);
});

Then('the server\'s read returns 0, end-of-file, after the client closes', function (this: IpcWorld) {
  expectValue('the server\'s read() after the client closed', 0, serverRun(this).only('peer-closed').rc);
});

Then('after both processes have exited the socket file is still there, and a connect to it fails with {errno}', function (this: IpcWorld, errno: string) {
  const path = need(uds(this).serverPath, 'server path');
  expectValue('file type of the server\'s path after it exited', 'socket', lstat(path).type);
  failed('connect() to the dead server\'s path', connect(newSocket(this), pathAddr(path)), errno);
  this.evidence.record('uds.stale_connect_errno', errno);
});

Then('accept\\() received an address_len of {int} and returned the length of the client\'s path plus {int}', function (this: IpcWorld, inLen: number, plus: number) {
  const a = serverRun(this).only('accepted');
  const path = this.get<string>('clientPath');
  expectValue('address_len in and out', [inLen, Buffer.byteLength(path) + plus], [a.addrlen_in, a.addrlen]);
  this.evidence.record('uds.bound_client_addrlen', a.addrlen);
  this.evidence.record('uds.bound_client_path_len', Buffer.byteLength(path));
});

Then('the address accept\\() filled in is the client\'s path', function (this: IpcWorld) {
  expectValue('the path accept() reported', this.get<string>('clientPath'), serverRun(this).only('accepted').path);
});

Then('the server reads {string} through the descriptor it received, which is the same file', function (this: IpcWorld, content: string) {
  const got = serverRun(this).only('got-fd');
  expectValue('what the server read through the passed descriptor, and its inode', [content, stat(this.get<string>('passedFile')).ino],
    [got.data, got.ino]);
  this.evidence.record('uds.scm_rights', 'passed');
});

// ---- sockets in this process -------------------------------------------------------

function serverSocket(w: IpcWorld, type: SockType, backlog?: number): Uds {
  const u = uds(w);
  u.serverPath = join(u.dir, uniqueName('s').slice(-24));
  u.serverAddr = pathAddr(u.serverPath);
  u.server = newSocket(w, type);
  must(bind(u.server, u.serverAddr));
  if (backlog !== undefined) must(listen(u.server, backlog));
  return u;
}

Given('a listening stream socket bound to a path', function (this: IpcWorld) {
  serverSocket(this, 'SOCK_STREAM', 8);
});

Given('a listening stream socket bound to a path with a backlog of {int}', function (this: IpcWorld, n: number) {
  serverSocket(this, 'SOCK_STREAM', n);
});

Given('a stream socket bound to a path but not listening', function (this: IpcWorld) {
  serverSocket(this, 'SOCK_STREAM');
});

Given('an unbound stream socket', function (this: IpcWorld) {
  uds(this).sock = newSocket(this);
});

Given('a client stream socket bound to a path of its own', function (this: IpcWorld) {
  const u = uds(this);
  u.clientAddr = pathAddr(join(u.dir, 'own.sock'));
  u.client = newSocket(this);
  must(bind(u.client, u.clientAddr));
});

When('an unbound stream socket connects to that path', function (this: IpcWorld) {
  const u = uds(this);
  u.client = newSocket(this);
  this.last = connect(u.client, need(u.serverAddr, 'server address'));
});

When('an unbound stream socket connects to that path with address_len {int}', function (this: IpcWorld, len: number) {
  const u = uds(this);
  this.last = connect(newSocket(this), { bytes: need(u.serverAddr, 'server address').bytes, len });
});

When('an unbound stream socket connects to the path {string}', function (this: IpcWorld, path: string) {
  this.last = connect(newSocket(this), pathAddr(path));
});

When('the client connects to its own address', function (this: IpcWorld) {
  const u = uds(this);
  this.last = connect(need(u.client, 'client'), need(u.clientAddr, 'client address'));
  this.evidence.record('uds.connect_own_errno', this.last.errnoName);
});

When('the client connects to the server\'s address', function (this: IpcWorld) {
  const u = uds(this);
  this.last = connect(need(u.client, 'client'), need(u.serverAddr, 'server address'));
});

Then('getsockname on the client reports an address of {int} bytes, the family alone', function (this: IpcWorld, n: number) {
  expectValue('getsockname length of the unbound client', n, getsockname(need(uds(this).client, 'client')).len);
  expectValue('sizeof(sa_family_t)', n, C['sizeof(sa_family_t)']);
});

Then('accept\\() on the server reports an address of {int} bytes', function (this: IpcWorld, n: number) {
  const a = accept(need(uds(this).server, 'server'));
  this.tracker.fd(must(a));
  expectValue('accept() address length for an unbound client', n, a.len);
  this.evidence.record('uds.unbound_client_addrlen', a.len);
});

When('it listens with a backlog of {int}', function (this: IpcWorld, n: number) {
  this.last = listen(need(uds(this).sock, 'socket'), n);
});

When('it is bound with only the address family', function (this: IpcWorld) {
  this.last = bind(need(uds(this).sock, 'socket'), familyOnly());
  must(this.last);
});

Then('getsockname reports an abstract name of {int} hex digits the kernel chose', function (this: IpcWorld, digits: number) {
  const g = getsockname(need(uds(this).sock, 'socket'));
  const name = decodeName(g.addr, g.len);
  expectValue('kind of the autobound name', 'abstract', name.kind);
  expectMatch('the autobound name', new RegExp(`^@[0-9a-f]{${digits}}$`), name.name);
  this.evidence.record('uds.autobind_name_len', g.len);
});

When('it is bound to a path in a sockaddr_un', function (this: IpcWorld) {
  const u = uds(this);
  u.serverPath = join(u.dir, 'bound.sock');
  u.serverAddr = pathAddr(u.serverPath);
  this.last = bind(need(u.sock, 'socket'), u.serverAddr);
});

When('it is bound to a path with address_len sizeof\\(struct sockaddr_un)', function (this: IpcWorld) {
  const u = uds(this);
  u.serverPath = join(u.dir, 'full.sock');
  must(bind(need(u.sock, 'socket'), pathAddrFull(u.serverPath)));
  this.evidence.record('uds.bind_len_given', sizeOf('struct sockaddr_un'));
});

Then('getsockname reports the length of the path plus {int}, not {int}', function (this: IpcWorld, plus: number, not: number) {
  const u = uds(this);
  const g = getsockname(need(u.sock, 'socket'));
  const expected = Buffer.byteLength(need(u.serverPath, 'path')) + plus;
  this.evidence.record('uds.getsockname_len_in_note', not);
  expectValue('getsockname length', expected, g.len);
  expectValue('getsockname path', u.serverPath, decodeName(g.addr, g.len).name);
  this.evidence.record('uds.getsockname_len', g.len);
});

Then('lstat reports the path as a socket of size {int} in {int} blocks', function (this: IpcWorld, size: number, blocks: number) {
  const st = lstat(need(uds(this).serverPath, 'path'));
  expectValue('type, size and blocks of the socket file', ['socket', size, blocks], [st.type, st.size, st.blocks]);
  this.evidence.record('uds.file_type', st.type);
  this.evidence.record('uds.file_blocks', st.blocks);
});

Then('ls -l shows the socket file with the type letter {string}', function (this: IpcWorld, letter: string) {
  const ls = lsLong(need(uds(this).serverPath, 'path'));
  expectValue(`the type letter in "${ls.line}"`, letter, ls.mode[0]);
  this.evidence.record('uds.ls_mode', ls.mode);
});

When('another socket is bound to the same path', function (this: IpcWorld) {
  this.last = bind(newSocket(this), pathAddr(need(uds(this).serverPath, 'path')));
  this.evidence.record('uds.rebind_errno', this.last.errnoName);
});

When('that socket is closed', function (this: IpcWorld) {
  must(this.tracker.closeFd(need(uds(this).server, 'server')));
});

When('the path is unlinked and another socket is bound to it', function (this: IpcWorld) {
  const path = need(uds(this).serverPath, 'path');
  must(unlink(path));
  this.last = bind(newSocket(this), pathAddr(path));
});

Given('a pipe for the socket calls', function (this: IpcWorld) {
  const p = openPipe();
  this.tracker.fd(p.writeEnd);
  uds(this).sock = this.tracker.fd(p.readEnd);
});

When('bind\\() is called on its read end', function (this: IpcWorld) {
  this.last = bind(need(uds(this).sock, 'pipe'), pathAddr(join(uds(this).dir, 'never.sock')));
});

When('connect\\() is called on its read end', function (this: IpcWorld) {
  this.last = connect(need(uds(this).sock, 'pipe'), pathAddr(join(uds(this).dir, 'never.sock')));
  this.evidence.record('uds.not_a_socket_errno', this.last.errnoName);
});

When('accept\\() is called on it', function (this: IpcWorld) {
  this.last = accept(need(uds(this).server, 'server'));
  this.evidence.record('uds.accept_unlistening_errno', this.last.errnoName);
});

When('non-blocking clients connect until one fails', function (this: IpcWorld) {
  const addr = need(uds(this).serverAddr, 'server address');
  const { accepted: queued, refusal } = untilRefused(() => connect(newSocket(this), addr), 4096);
  this.keep('refusal', refusal);
  this.keep('queued', queued);
  this.evidence.record('uds.backlog_queued', queued);
  this.evidence.record('uds.somaxconn', sysctl('net/core/somaxconn') ?? 'absent');
});

Then('{int} connections were queued before the failure', function (this: IpcWorld, n: number) {
  expectValue('connections queued with backlog 3', n, this.get<number>('queued'));
});

Then('the failing connect failed with {errno}', function (this: IpcWorld, errno: string) {
  failed('the connect() past the backlog', this.get<SysResult>('refusal'), errno);
  this.evidence.record('uds.backlog_errno', errno);
});

When('the server accepts one connection', function (this: IpcWorld) {
  this.tracker.fd(must(accept(need(uds(this).server, 'server'))));
});

Then('the compiler rejects it with conflicting types for {string}', function (this: IpcWorld, fn: string) {
  const c = this.get<{ ok: boolean; diagnostics: string }>('compilation');
  expectValue('whether it compiled', false, c.ok);
  expectMatch('the diagnostics', new RegExp(`error: conflicting types for .${fn}.`), c.diagnostics);
  this.evidence.record(`uds.prototype_${fn}`, 'conflicting types');
});

When('{string} is written to the unconnected socket', function (this: IpcWorld, text: string) {
  this.last = write(need(uds(this).sock, 'socket'), Buffer.from(text));
  this.evidence.record('uds.unconnected_write_errno', this.last.errnoName);
});

When('the unconnected socket is read', function (this: IpcWorld) {
  this.last = read(need(uds(this).sock, 'socket'), 10);
  this.evidence.record('uds.unconnected_read_errno', this.last.errnoName);
});

function connection(w: IpcWorld, type: SockType): void {
  const u = serverSocket(w, type, 4);
  u.client = newSocket(w, type);
  must(connect(u.client, need(u.serverAddr, 'server address')));
  u.conn = w.tracker.fd(must(accept(u.server!)));
}

Given(/^a connected (SOCK_STREAM|SOCK_SEQPACKET|stream) connection$/, function (this: IpcWorld, type: string) {
  connection(this, type === 'stream' ? 'SOCK_STREAM' : (type as SockType));
});

function endOf(w: IpcWorld, who: string): number {
  return need({ client: uds(w).client, server: uds(w).conn }[who], `${who} end of the connection`);
}

When(/^"([^"]*)" is written by the (client|server)$/, function (this: IpcWorld, text: string, who: string) {
  this.last = write(endOf(this, who), Buffer.from(text));
});

/** A read that returns 0 is the end of the stream, recorded apart from the partial reads before it (uds.read_at_eof). */
Then(/^a read of up to (\d+) bytes by the server returns (\d+), "([^"]*)"$/, function (this: IpcWorld, max: number, n: number, text: string) {
  const r = read(endOf(this, 'server'), max);
  expectValue(`${r.call}: return value and data`, [n, text], [r.rc, r.data.toString()]);
  this.evidence.record(r.rc === 0 ? 'uds.read_at_eof' : `uds.read_${max}`, r.rc);
});

When('the client closes its socket', function (this: IpcWorld) {
  must(this.tracker.closeFd(endOf(this, 'client')));
});

When(/^(\d+) bytes pass from client to server in writes of (\d+) bytes and reads of (\d+) bytes$/, function (this: IpcWorld, total: number, w: number, r: number) {
  const res = pushThrough({ writeEnd: endOf(this, 'client'), readEnd: endOf(this, 'server') }, total, w, r);
  this.keep('pushed', { total, ...res });
});

Then('every byte came out of the connection in the order it went in', function (this: IpcWorld) {
  const p = this.get<{ total: number; received: number; firstMismatch: number }>('pushed');
  expectValue('bytes received and first mismatch', [p.total, -1], [p.received, p.firstMismatch]);
  this.evidence.record('uds.reliable_bytes', p.received);
});

When('the client\'s side is filled without blocking', function (this: IpcWorld) {
  const fill = this.keep('fill', fillUntilRefused(endOf(this, 'client')));
  this.evidence.record('uds.stream_filled', fill.bytes);
});

Then('the server\'s side holds every byte that went in', function (this: IpcWorld) {
  expectValue('FIONREAD on the server\'s side', this.get<{ bytes: number }>('fill').bytes, bytesReadable(endOf(this, 'server')));
});

When('{string} and then {string} are written by the client', function (this: IpcWorld, a: string, b: string) {
  for (const t of [a, b]) must(write(endOf(this, 'client'), Buffer.from(t)));
});

Then(/^reads of up to (\d+) bytes by the server yield (.+)$/, function (this: IpcWorld, max: number, list: string) {
  const expected = [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const got: string[] = [];
  for (let r = read(endOf(this, 'server'), max); r.rc > 0; r = read(endOf(this, 'server'), max)) got.push(r.data.toString());
  expectValue('what each read returned', expected, got);
  this.evidence.record(`uds.reads_${expected.length > 1 ? 'seqpacket' : 'stream'}`, got.join('|'));
});

// ---- datagrams ----------------------------------------------------------------------

Given('a datagram socket bound to an abstract name', function (this: IpcWorld) {
  const u = uds(this);
  u.abstract = uniqueName('dgram');
  u.server = newSocket(this, 'SOCK_DGRAM');
  must(bind(u.server, abstractAddr(u.abstract)));
});

When('an unbound, unconnected datagram socket sends {string} to that name', function (this: IpcWorld, text: string) {
  this.last = send(newSocket(this, 'SOCK_DGRAM'), Buffer.from(text), abstractAddr(need(uds(this).abstract, 'name')));
});

Then('the bound socket receives {string} from a sender address of {int} bytes', function (this: IpcWorld, text: string, len: number) {
  const r = recv(need(uds(this).server, 'receiver'), 100);
  expectValue('datagram and sender address length', [text, len], [r.data.toString(), r.len]);
  this.evidence.record('uds.dgram_sender_len', r.len);
});

When('an unbound datagram socket sends numbered datagrams to it until one fails', function (this: IpcWorld) {
  const fd = newSocket(this, 'SOCK_DGRAM');
  const to = abstractAddr(need(uds(this).abstract, 'name'));
  const { accepted: sent, refusal } = untilRefused((i) => send(fd, Buffer.from(`datagram ${i}`), to), 100000);
  this.keep('refusal', refusal);
  this.keep('sent', sent);
  this.evidence.record('uds.dgram_accepted', sent);
});

Then('the receiver gets every datagram that was accepted, whole and in order', function (this: IpcWorld) {
  const got: string[] = [];
  for (let r = recv(need(uds(this).server, 'receiver'), 100); r.rc > 0; r = recv(uds(this).server!, 100)) got.push(r.data.toString());
  expectValue('datagrams received', Array.from({ length: this.get<number>('sent') }, (_, i) => `datagram ${i}`), got);
  this.evidence.record('uds.dgram_received', got.length);
});

const maxDgramQlen = (): number => requiredSysctl('net/unix/max_dgram_qlen');

Then('the sender was stopped with EAGAIN after net.unix.max_dgram_qlen + 1 datagrams', function (this: IpcWorld) {
  const q = maxDgramQlen();
  failed('the datagram past the queue', this.get<SysResult>('refusal'), 'EAGAIN');
  expectValue('datagrams accepted', q + 1, this.get<number>('sent'));
  this.evidence.record('uds.max_dgram_qlen', q);
});

When('a child sends datagrams with blocking sendto\\() to a socket that the parent does not read', async function (this: IpcWorld) {
  await this.fixture('uds-blocked-sender', ['dgram'], { waitingFor: 'the blocked sender to finish after one datagram was read' });
});

Then('the child sleeps in sendto\\() after net.unix.max_dgram_qlen + 1 datagrams', function (this: IpcWorld) {
  const a = this.lastRun().only('sender-asleep');
  expectValue('sender state and datagrams queued', ['S', maxDgramQlen() + 1], [a.state, a.queued]);
  this.evidence.record('uds.blocked_after', a.queued);
});

Then('its blocked sendto\\() completes once the parent has received one', function (this: IpcWorld) {
  const f = this.lastRun().only('sender-finished');
  expectValue('datagrams drained and sent in all', [1, this.lastRun().only('sender-asleep').queued + 1], [f.drained, f.sent]);
});

// ---- names --------------------------------------------------------------------------

Given('an empty directory', function (this: IpcWorld) {
  expectValue('entries of the new directory', [], readdirSync(uds(this).dir));
});

Given('a listening stream socket bound to an abstract name', function (this: IpcWorld) {
  const u = uds(this);
  u.abstract = uniqueName('abstract');
  u.server = newSocket(this);
  must(bind(u.server, abstractAddr(u.abstract)));
  must(listen(u.server, 4));
});

When('an unbound stream socket connects to that abstract name', function (this: IpcWorld) {
  this.last = connect(newSocket(this), abstractAddr(need(uds(this).abstract, 'name')));
});

Then('the directory is still empty and the name appears in \\/proc\\/net\\/unix with a leading {string}', function (this: IpcWorld, at: string) {
  expectValue('entries of the directory', [], readdirSync(uds(this).dir));
  const { sockets } = procNetUnix();
  // the listener and the connection waiting in its backlog both show the name
  expectValue(`sockets /proc/net/unix lists as ${at}${uds(this).abstract}`, 2, sockets.filter((k) => k.name === `${at}${uds(this).abstract}`).length);
  this.evidence.record('uds.abstract_listed', true);
  this.evidence.record('uds.proc_net_unix_sockets', sockets.length);
});

Given('a connected socketpair for the name check', function (this: IpcWorld) {
  const r = socketpair('SOCK_STREAM');
  must(r);
  this.keep('names', r.fds.map((fd) => this.tracker.fd(fd)));
});

Then('neither socket of that pair has a name', function (this: IpcWorld) {
  const kinds = this.get<number[]>('names').map((fd) => { const g = getsockname(fd); return decodeName(g.addr, g.len).kind; });
  expectValue('names of the pair', ['unnamed', 'unnamed'], kinds);
});

/** With no socket file there, "every socket file" holds of nothing: a named skip, not a pass. */
Then('every socket file directly under \\/var\\/run is a socket with no data blocks', function (this: IpcWorld) {
  const sockets = socketFilesIn('/var/run');
  if (sockets.length === 0) throw new NotAvailable('no socket file directly under /var/run on this host (no service here made one), so there is none to examine');
  expectValue('data blocks of the socket files under /var/run', sockets.map(() => 0), sockets.map((p) => lstat(p).blocks));
  // /proc/net/unix: its header names the columns, and each line (parsed by procNetUnix) starts with a kernel address "Num:"
  expectValue('columns of /proc/net/unix', ['Num', 'RefCount', 'Protocol', 'Flags', 'Type', 'St', 'Inode', 'Path'], procNetUnix().columns);
  this.evidence.record('uds.run_socket_files', sockets.length);
  this.evidence.record('uds.run_socket_names', sockets.join(', ') || 'none');
});

Then('the names gssproxy.sock and rpcbind.sock are looked for there', function (this: IpcWorld) {
  const typeOf = (n: string): string => typeAt(join('/var/run', n));
  for (const n of ['gssproxy.sock', 'rpcbind.sock']) {
    expectOneOf(`the type of /var/run/${n}`, ['socket', 'absent'], typeOf(n));
  }
  // Stryker disable next-line all: which of the two names exist is only recorded for the claims report
  const present = ['gssproxy.sock', 'rpcbind.sock'].filter((n) => typeOf(n) === 'socket');
  this.evidence.record('uds.note_sample_present', present.join(', ') || 'neither');
});

// ---- other families -----------------------------------------------------------------

When('a TCP server listens on 127.0.0.1 and a TCP client connects to it', function (this: IpcWorld) {
  const server = this.tracker.fd(must(socket('SOCK_STREAM', 'AF_INET')));
  const b = bind(server, loopbackAddr(0));
  if (b.rc === -1 && loopbackDown()) throw new NotAvailable(`bind(127.0.0.1) → ${b.errnoName}: the loopback interface lo is down here`);
  must(b);
  must(listen(server, 1));
  const port = inetPort(getsockname(server, sizeOf('struct sockaddr_in')).addr);
  // A blocking connect: on the loopback interface the kernel completes the handshake within the call.
  const client = this.tracker.fd(must(socket('SOCK_STREAM', 'AF_INET', 0, 0)));
  must(connect(client, loopbackAddr(port)));
  const conn = this.tracker.fd(must(accept(server, sizeOf('struct sockaddr_in'))));
  this.keep('tcp', { client, conn });
});

Then('{string} written by the TCP client is read by the TCP server', function (this: IpcWorld, text: string) {
  const { client, conn } = this.get<{ client: number; conn: number }>('tcp');
  must(write(client, Buffer.from(text)));
  expectValue('what the TCP server read', text, read(conn, 100).data.toString());
  this.evidence.record('uds.tcp_loopback', text);
});

Then('an AF_UNIX socket is created too', function (this: IpcWorld) {
  const fd = newSocket(this);
  expectValue('file type of the AF_UNIX socket', 'socket', fstat(fd).type);
  expectValue('getsockname length of the unbound AF_UNIX socket (the family only)', C['sizeof(sa_family_t)'], getsockname(fd).len);
  this.evidence.record('uds.af_unix_socket', true);
});

Then('struct sockaddr_un is the family followed by a {int}-byte path and nothing else', function (this: IpcWorld, n: number) {
  const path = field('struct sockaddr_un', 'sun_path');
  expectValue('sizeof(sun_path)', n, path.size);
  expectValue('sizeof(struct sockaddr_un)', path.offset + path.size, sizeOf('struct sockaddr_un'));
  expectValue('offset of sun_path (the family before it)', C['sizeof(sa_family_t)'], path.offset);
  this.evidence.record('uds.sun_path_size', path.size);
});
