/**
 * How each condition of features/errors/inventory/sockets.yaml is brought
 * about: socket, socketpair, bind, listen, connect, accept, send and receive
 * calls and the AF_UNIX errors of unix(7). Every socket is non-blocking
 * unless a case bounds its wait (SO_RCVTIMEO, poll with a timeout).
 */
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { C } from '../../native/constants';
import {
  acceptBadAddress, accept4, awaitEvent, bindAddr, bindBadAddress, connectAddr, connectBadAddress, credsPayload, fdsPayload, fillUntilFull, inetAddr,
  lingerZero, oversizedUnixAddr, recvBlocking, recvmsg, recvmsgBadAddress, recvToBadAddress, sendFromBadAddress, sendmsg,
  sendmsgBadAddress, sendto, setIntOption, setTimeout, shutdown, socketpairRaw, socketpairToBadAddress, socketRaw,
} from '../../native/errcalls';
import { must, SysResult, untilRefused } from '../../native/libc';
import { NotAvailable } from '../../native/not-available';
import { openPipe } from '../../native/pipe';
import { requiredSysctl } from '../../native/platform';
import {
  abstractAddr, accept, bind, connect, getsockname, inetPort, listen, loopbackAddr, pathAddr, pathAddrFull, recv, send, socket,
  socketOption, socketpair, SockType,
} from '../../native/socket';
import { uniqueName } from '../support/names';
import type { IpcWorld } from '../support/world';
import { errnoCases, fixtureCall } from './cases';
import { behindDirectory, freshPath, regularFile, throughFile, throughLoop, throughMissingDirectory } from './paths';

const DAC = ['CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH'];
const NOT_AN_FD = 1 << 30;
/** TEST-NET-1 (RFC 5737): an address no interface of this host has (bind only; nothing is ever sent to it). */
const NOT_LOCAL = '192.0.2.1';
const x = Buffer.from('x');

const sock = (w: IpcWorld, type: SockType = 'SOCK_STREAM', domain = 'AF_UNIX'): number => w.tracker.fd(must(socket(type, domain)));
const tracked = (w: IpcWorld, r: SysResult): SysResult => {
  w.tracker.opened(r);
  return r;
};
function pair(w: IpcWorld, type: SockType = 'SOCK_STREAM', flags = C.SOCK_NONBLOCK): [number, number] {
  const r = socketpair(type, 'AF_UNIX', 0, flags);
  must(r);
  return [w.tracker.fd(r.fds[0]), w.tracker.fd(r.fds[1])];
}
const pipeEnd = (w: IpcWorld): number => {
  const p = openPipe();
  w.tracker.fd(p.readEnd);
  return w.tracker.fd(p.writeEnd);
};
/** A socket bound to a path in a fresh directory; listening when backlog is given. */
function boundAt(w: IpcWorld, path: string, type: SockType = 'SOCK_STREAM', backlog?: number): number {
  const s = sock(w, type);
  must(bind(s, pathAddr(path)));
  if (backlog !== undefined) must(listen(s, backlog));
  return s;
}
const listenerPath = (w: IpcWorld, backlog = 1): string => {
  const path = freshPath(w);
  boundAt(w, path, 'SOCK_STREAM', backlog);
  return path;
};
/** A TCP listener on 127.0.0.1 and its port. */
function tcpListener(w: IpcWorld, backlog = 4): { fd: number; port: number } {
  const fd = sock(w, 'SOCK_STREAM', 'AF_INET');
  must(bind(fd, loopbackAddr(0)));
  must(listen(fd, backlog));
  return { fd, port: inetPort(getsockname(fd).addr) };
}
/**
 * A non-blocking TCP connect that stays in progress without a packet leaving
 * this host: the loopback listener's accept queue (backlog 0: one connection)
 * is already full, so the kernel drops the new SYN and the attempt waits.
 */
function connectUnanswered(w: IpcWorld): { fd: number; port: number; first: SysResult } {
  const { fd: listener, port } = tcpListener(w, 0);
  must(connect(w.tracker.fd(must(socket('SOCK_STREAM', 'AF_INET', 0, 0))), loopbackAddr(port)));
  awaitEvent(listener, 'POLLIN', 5000, 'the first loopback connection (in the accept queue)');
  const fd = sock(w, 'SOCK_STREAM', 'AF_INET');
  return { fd, port, first: connect(fd, loopbackAddr(port)) };
}
function udpToBroadcast(w: IpcWorld, call: (fd: number) => SysResult): SysResult {
  const fd = sock(w, 'SOCK_DGRAM', 'AF_INET');
  const r = call(fd);
  if (r.errnoName === 'ENETUNREACH') throw new NotAvailable('no route to the broadcast address here (ENETUNREACH)');
  return r;
}

errnoCases('socket', {
  'the caller may not create a raw socket': { run: (w) => tracked(w, socketRaw(C.AF_INET, C.SOCK_RAW, C.IPPROTO_ICMP)), bypassedBy: ['CAP_NET_RAW'] },
  'the address family is not supported': (w) => tracked(w, socketRaw(C.AF_MAX, C.SOCK_STREAM, 0)),
  'the protocol is unknown': (w) => tracked(w, socketRaw(C.AF_UNIX, C.SOCK_STREAM, C.IPPROTO_TCP)),
  'the protocol family is not available': (w) => tracked(w, socketRaw(C.AF_MAX + 1000, C.SOCK_STREAM, 0)),
  'type holds an invalid flag': (w) => tracked(w, socketRaw(C.AF_UNIX, C.SOCK_STREAM | 0x100, 0)),
  'the per-process limit on open file descriptors has been reached': (w) => fixtureCall(w, 'err-emfile', ['socket']),
  'the protocol is not supported within the domain': (w) => tracked(w, socketRaw(C.AF_INET, C.SOCK_STREAM, C.IPPROTO_UDP)),
  'the socket type is unknown to AF_UNIX': (w) => tracked(w, socketRaw(C.AF_UNIX, C.SOCK_RDM, 0)),
});

const trackedPair = (w: IpcWorld, r: SysResult & { fds: [number, number] }) => w.tracker.openedPair(r);
errnoCases('socketpair', {
  'the address family is not supported': (w) => trackedPair(w, socketpairRaw(C.AF_MAX, C.SOCK_STREAM, 0)),
  'sv is not a valid address': () => socketpairToBadAddress(C.SOCK_STREAM),
  'the per-process limit on open file descriptors has been reached': (w) => fixtureCall(w, 'err-emfile', ['socketpair']),
  'the protocol does not support socket pairs': (w) => trackedPair(w, socketpairRaw(C.AF_INET, C.SOCK_STREAM, 0)),
  'the protocol is not supported': (w) => trackedPair(w, socketpairRaw(C.AF_UNIX, C.SOCK_STREAM, C.IPPROTO_TCP)),
});

errnoCases('bind', {
  'the address is a privileged port and the caller is not privileged': {
    bypassedBy: ['CAP_NET_BIND_SERVICE'],
    run: (w) => {
      const start = requiredSysctl('net/ipv4/ip_unprivileged_port_start');
      if (start < 1) throw new NotAvailable('net.ipv4.ip_unprivileged_port_start is 0 here: no port is privileged');
      return bind(sock(w, 'SOCK_STREAM', 'AF_INET'), loopbackAddr(start - 1));
    },
  },
  'the socket path already exists': (w) => bind(sock(w), pathAddr(regularFile(w))),
  'the abstract name is already bound': (w) => {
    const name = uniqueName('errno-abstract');
    must(bind(sock(w), abstractAddr(name)));
    return bind(sock(w), abstractAddr(name));
  },
  'sockfd is not a valid descriptor': (w) => bind(NOT_AN_FD, pathAddr(freshPath(w))),
  'the socket is already bound': (w) => {
    const s = boundAt(w, freshPath(w));
    return bind(s, pathAddr(freshPath(w)));
  },
  'addrlen is shorter than the address family': (w) => bind(sock(w), { ...pathAddr(freshPath(w)), len: 1 }),
  "the address is not of the socket's family": (w) => bind(sock(w), loopbackAddr(0)),
  'sockfd is not a socket': (w) => bind(pipeEnd(w), pathAddr(freshPath(w))),
  'a directory of the socket path does not allow search': { run: (w) => bind(sock(w), pathAddr(behindDirectory(w))), bypassedBy: DAC },
  'the address is not local': (w) => bind(sock(w, 'SOCK_STREAM', 'AF_INET'), inetAddr(NOT_LOCAL, 0)),
  'addr is not a valid address': (w) => bindBadAddress(sock(w)),
  'the socket path has a symbolic link loop': (w) => bind(sock(w), pathAddr(throughLoop(w))),
  'addr is longer than a sockaddr_un': (w) => bindAddr(sock(w), oversizedUnixAddr()),
  'a directory of the socket path does not exist': (w) => bind(sock(w), pathAddr(throughMissingDirectory(w))),
  'a component of the socket path is not a directory': (w) => bind(sock(w), pathAddr(throughFile(w))),
});

errnoCases('listen', {
  'another socket already listens on the same port': (w) => {
    const a = sock(w, 'SOCK_STREAM', 'AF_INET');
    const b = sock(w, 'SOCK_STREAM', 'AF_INET');
    must(setIntOption(a, 'SO_REUSEADDR', 1));
    must(setIntOption(b, 'SO_REUSEADDR', 1));
    must(bind(a, loopbackAddr(0)));
    must(bind(b, loopbackAddr(inetPort(getsockname(a).addr))));
    must(listen(a, 1));
    return listen(b, 1);
  },
  'sockfd is not a valid descriptor': () => listen(NOT_AN_FD, 1),
  'sockfd is not a socket': (w) => listen(pipeEnd(w), 1),
  'the socket is a datagram socket': (w) => listen(sock(w, 'SOCK_DGRAM'), 1),
});

errnoCases('connect', {
  'the socket file does not allow writing': {
    bypassedBy: DAC,
    run: (w) => {
      const path = listenerPath(w);
      chmodSync(path, 0o400);
      return connect(sock(w), pathAddr(path));
    },
  },
  'a directory of the socket path does not allow search': {
    bypassedBy: DAC,
    run: (w) => {
      const path = behindDirectory(w, 0o700, 'listener');
      boundAt(w, path, 'SOCK_STREAM', 1);
      chmodSync(join(path, '..'), 0o600);
      return connect(sock(w), pathAddr(path));
    },
  },
  'a UDP socket connects to a broadcast address without SO_BROADCAST': (w) => udpToBroadcast(w, (fd) => connect(fd, inetAddr('255.255.255.255', 9))),
  "the address's family is not the socket's": (w) => connect(sock(w, 'SOCK_STREAM', 'AF_INET'), pathAddrFull(freshPath(w))),
  'a non-blocking UNIX socket connects to a listener whose backlog is full': (w) => {
    const addr = pathAddr(listenerPath(w, 0));
    return untilRefused(() => tracked(w, connect(sock(w), addr)), 64).refusal;
  },
  'a non-blocking connection attempt is still in progress': (w) => {
    const { fd, port, first } = connectUnanswered(w);
    if (first.errnoName !== 'EINPROGRESS') return first;
    return connect(fd, loopbackAddr(port));
  },
  'sockfd is not a valid descriptor': (w) => connect(NOT_AN_FD, pathAddr(freshPath(w))),
  "no one listens on the stream socket's address": (w) => {
    const path = freshPath(w);
    boundAt(w, path);
    return connect(sock(w), pathAddr(path));
  },
  'the target path is not a socket': (w) => connect(sock(w), pathAddr(regularFile(w))),
  'addr is not a valid address': (w) => connectBadAddress(sock(w)),
  'a non-blocking TCP connection cannot complete at once': (w) => connectUnanswered(w).first,
  'a signal handler interrupts a blocked connect': (w) => fixtureCall(w, 'err-eintr', ['connect'], 'room in a full backlog'),
  "the address's sun_family is not AF_UNIX": (w) => connectAddr(sock(w), loopbackAddr(9)),
  'the socket is already connected': (w) => connect(pair(w)[0], pathAddr(listenerPath(w))),
  'the socket path does not exist': (w) => connect(sock(w), pathAddr(freshPath(w))),
  'sockfd is not a socket': (w) => connect(pipeEnd(w), pathAddr(freshPath(w))),
  'a datagram socket connects to a stream socket': (w) => connect(sock(w, 'SOCK_DGRAM'), pathAddr(listenerPath(w))),
});

/** A listener with one connection waiting to be accepted. */
function pending(w: IpcWorld): number {
  const path = freshPath(w);
  const l = boundAt(w, path, 'SOCK_STREAM', 1);
  must(connect(sock(w), pathAddr(path)));
  return l;
}

errnoCases('accept', {
  'a non-blocking socket has no pending connection': (w) => accept(boundAt(w, freshPath(w), 'SOCK_STREAM', 1)),
  'sockfd is not a valid descriptor': () => accept(NOT_AN_FD),
  'addr is not a writable address': (w) => tracked(w, acceptBadAddress(pending(w))),
  'a signal handler interrupts a blocked accept': (w) => fixtureCall(w, 'err-eintr', ['accept'], 'a connection that never comes'),
  'the socket is not listening': (w) => accept(boundAt(w, freshPath(w))),
  'addrlen is negative': (w) => tracked(w, accept4(pending(w), 0, -1)),
  'the per-process limit on open file descriptors has been reached': (w) => fixtureCall(w, 'err-emfile', ['accept']),
  'sockfd is not a socket': (w) => accept(pipeEnd(w)),
  'the socket is not a stream socket': (w) => accept(boundAt(w, freshPath(w), 'SOCK_DGRAM')),
});

errnoCases('accept4', {
  'flags holds a bit that is not an accept4 flag': (w) => tracked(w, accept4(pending(w), 0x1)),
});

function fullSocket(w: IpcWorld): number {
  const [a] = pair(w);
  fillUntilFull(a, send);
  return a;
}

errnoCases('send', {
  'a non-blocking socket whose buffer is full is written': (w) => send(fullSocket(w), x),
  'sockfd is not a valid descriptor': () => send(NOT_AN_FD, x),
  'the peer reset the connection': (w) => {
    const l = tcpListener(w);
    const client = sock(w, 'SOCK_STREAM', 'AF_INET');
    const c = connect(client, loopbackAddr(l.port));
    if (c.rc === -1 && c.errnoName !== 'EINPROGRESS') must(c);
    awaitEvent(l.fd, 'POLLIN', 2000, 'the loopback connection');
    const server = w.tracker.fd(must(accept(l.fd)));
    must(lingerZero(server));
    must(w.tracker.closeFd(server));
    awaitEvent(client, 'POLLIN', 2000, 'the reset');
    return send(client, x);
  },
  'a UDP socket has no peer address': (w) => send(sock(w, 'SOCK_DGRAM', 'AF_INET'), x),
  'an AF_UNIX datagram socket has no peer address': (w) => send(sock(w, 'SOCK_DGRAM'), x),
  'buf is not a valid address': (w) => sendFromBadAddress(pair(w)[0]),
  'a signal handler interrupts a blocked send': (w) => fixtureCall(w, 'err-eintr', ['send'], 'room that never comes'),
  'a datagram is too large to send at once': (w) => {
    const [a] = pair(w, 'SOCK_DGRAM');
    return send(a, Buffer.alloc(socketOption(a, 'SO_SNDBUF') + 1));
  },
  'a stream socket is not connected': (w) => send(sock(w), x),
  'sockfd is not a socket': (w) => send(pipeEnd(w), x),
  'MSG_OOB is sent on an AF_UNIX datagram socket': (w) => sendto(pair(w, 'SOCK_DGRAM')[0], x, C.MSG_OOB),
  'the local end is shut down for writing': (w) => {
    const [a] = pair(w);
    must(shutdown(a, 'SHUT_WR'));
    return sendto(a, x, C.MSG_NOSIGNAL);
  },
  'the peer of the stream socket is closed': (w) => {
    const [a, b] = pair(w);
    must(w.tracker.closeFd(b));
    return sendto(a, x, C.MSG_NOSIGNAL);
  },
});

errnoCases('sendto', {
  'the destination socket file does not allow writing': {
    bypassedBy: DAC,
    run: (w) => {
      const path = freshPath(w);
      boundAt(w, path, 'SOCK_DGRAM');
      chmodSync(path, 0o400);
      return send(sock(w, 'SOCK_DGRAM'), x, pathAddr(path));
    },
  },
  'a directory of the destination path does not allow search': {
    bypassedBy: DAC,
    run: (w) => {
      const path = behindDirectory(w, 0o700, 'receiver');
      boundAt(w, path, 'SOCK_DGRAM');
      chmodSync(join(path, '..'), 0o600);
      return send(sock(w, 'SOCK_DGRAM'), x, pathAddr(path));
    },
  },
  'a UDP socket sends to a broadcast address without SO_BROADCAST': (w) => udpToBroadcast(w, (fd) => send(fd, x, inetAddr('255.255.255.255', 9))),
  'the destination address length is invalid': (w) => send(sock(w, 'SOCK_DGRAM'), x, { ...pathAddr(freshPath(w)), len: 1 }),
  'a connected stream socket is given a recipient': (w) => send(pair(w)[0], x, pathAddr(freshPath(w))),
});

/** A pid no process has: the highest below pid_max that /proc does not show. */
function unusedPid(): number {
  const max = requiredSysctl('kernel/pid_max');
  for (let pid = max - 1; pid > max - 1000; pid--) if (!existsSync(`/proc/${pid}`)) return pid;
  throw new Error('no unused pid found near pid_max');
}

errnoCases('sendmsg', {
  'msg is not a valid address': (w) => sendmsgBadAddress(pair(w)[0]),
  'a control message is longer than the control buffer': (w) =>
    sendmsg(pair(w)[0], x, { controls: [{ type: 'SCM_RIGHTS', data: fdsPayload([0]), lenDelta: 64 }] }),
  'SCM_RIGHTS passes a descriptor that is not open': (w) => sendmsg(pair(w)[0], x, { controls: [{ type: 'SCM_RIGHTS', data: fdsPayload([NOT_AN_FD]) }] }),
  "SCM_CREDENTIALS names a uid that is not the caller's": {
    bypassedBy: ['CAP_SETUID'],
    // a uid other than the caller's own (root without CAP_SETUID is refused one too)
    run: (w) => sendmsg(pair(w)[0], x, { controls: [{ type: 'SCM_CREDENTIALS', data: credsPayload(process.pid, process.getuid!() === 0 ? 65534 : 0, process.getgid!()) }] }),
  },
  'SCM_CREDENTIALS names a pid of no process': {
    needs: 'CAP_SYS_ADMIN',
    run: (w) => sendmsg(pair(w)[0], x, { controls: [{ type: 'SCM_CREDENTIALS', data: credsPayload(unusedPid(), process.getuid!(), process.getgid!()) }] }),
  },
  'the descriptors in flight exceed RLIMIT_NOFILE': { run: (w) => fixtureCall(w, 'err-scm', ['inflight']), bypassedBy: ['CAP_SYS_RESOURCE', 'CAP_SYS_ADMIN'] },
});

errnoCases('recv', {
  'a non-blocking socket has nothing to receive': (w) => recv(pair(w)[0], 16),
  'the receive timeout expires': (w) => {
    const [a] = pair(w, 'SOCK_STREAM', 0);
    must(setTimeout(a, 'SO_RCVTIMEO', 1000));
    return recvBlocking(a);
  },
  'sockfd is not a valid descriptor': () => recv(NOT_AN_FD, 16),
  'buf is not a valid address': (w) => {
    const [a, b] = pair(w);
    must(send(b, x));
    return recvToBadAddress(a);
  },
  'a signal handler interrupts a blocked receive': (w) => fixtureCall(w, 'err-eintr', ['recv'], 'data that never comes'),
  'a TCP socket is not connected': (w) => recv(sock(w, 'SOCK_STREAM', 'AF_INET'), 16),
  'an AF_UNIX stream socket is not connected': (w) => recv(sock(w), 16),
  'sockfd is not a socket': (w) => recv(pipeEnd(w), 16),
});

errnoCases('recvfrom', {
  'a UDP datagram was refused by the remote host': (w) => {
    const probe = sock(w, 'SOCK_DGRAM', 'AF_INET');
    must(bind(probe, loopbackAddr(0)));
    const port = inetPort(getsockname(probe).addr);
    must(w.tracker.closeFd(probe)); // the port is free again: nobody receives there
    const fd = sock(w, 'SOCK_DGRAM', 'AF_INET');
    must(connect(fd, loopbackAddr(port)));
    must(send(fd, x));
    awaitEvent(fd, 'POLLERR', 2000, 'the ICMP port-unreachable');
    return recv(fd, 16);
  },
});

errnoCases('recvmsg', {
  'msg is not a valid address': (w) => recvmsgBadAddress(pair(w)[0]),
  'the socket is listening': (w) => recvmsg(boundAt(w, freshPath(w), 'SOCK_STREAM', 1), 16),
  'the peer closed with data it had not read': (w) => {
    const [a, b] = pair(w);
    must(send(a, x));
    must(w.tracker.closeFd(b));
    return recvmsg(a, 16);
  },
});
