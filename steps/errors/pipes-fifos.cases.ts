/**
 * How each condition of features/errors/inventory/pipes-fifos.yaml is brought
 * about: pipes, FIFOs, mknod, open on FIFOs and socket files, read, write,
 * close and fcntl. Conditions only an unprivileged caller meets name the
 * capabilities that let root past them (the uid 65534 run checks those).
 */
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { C } from '../../native/constants';
import {
  fcntlCommand, fillUntilFull, mkfifoat, mknod, mknodat, mknodBadPath, openat, openBadPath, pipe2, pipeToBadAddress, readToBadAddress,
  writeFromBadAddress,
} from '../../native/errcalls';
import { mkfifo, open } from '../../native/fifo';
import { close, fcntl, read, setNonBlocking, write } from '../../native/fd';
import { must, SysResult } from '../../native/libc';
import { openPipe } from '../../native/pipe';
import { requiredSysctl, pageSize } from '../../native/platform';
import { bind, listen, pathAddr, socket, socketpair } from '../../native/socket';
import { NotAvailable } from '../../native/not-available';
import { uniqueName } from '../support/names';
import type { IpcWorld } from '../support/world';
import { errnoCases, fixtureCall } from './cases';
import {
  behindDirectory, danglingLink, fifoAt, freshPath, scratch, throughDanglingLink, throughFile, throughLoop, throughMissingDirectory,
  tooLongComponent, tooLongPath,
} from './paths';

const DAC = ['CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH'];
/** A descriptor number no process has open: above any RLIMIT_NOFILE. */
const NOT_AN_FD = 1 << 30;

function trackedPipe(w: IpcWorld) {
  const p = openPipe();
  w.tracker.fd(p.readEnd);
  w.tracker.fd(p.writeEnd);
  return p;
}
const fifoMode = C.S_IFIFO | 0o600;
/** What the write cases write: one byte (a write of none may succeed where one byte fails). */
const ONE_BYTE = Buffer.from('x');
const tracked = <T extends SysResult>(w: IpcWorld, r: T): T => {
  w.tracker.opened(r);
  return r;
};

errnoCases('pipe', {
  'pipefd is not a valid address': () => pipeToBadAddress(),
  'the per-process limit on open file descriptors has been reached': (w) => fixtureCall(w, 'err-emfile', ['pipe']),
});

errnoCases('pipe2', {
  'flags holds a bit that is not a pipe2 flag': (w) => {
    return w.tracker.openedPair(pipe2(C.O_CLOEXEC | C.O_NONBLOCK | C.O_DIRECT | 0x40000000));
  },
});

const pathCases = (make: (path: string) => ReturnType<typeof mkfifo>) => ({
  'a directory of the path does not allow search': { run: (w: IpcWorld) => make(behindDirectory(w)), bypassedBy: DAC },
  'the path already exists': (w: IpcWorld) => make(fifoAt(w)),
  'the path is a dangling symbolic link': (w: IpcWorld) => make(danglingLink(w)),
  'a directory of the path does not exist': (w: IpcWorld) => make(throughMissingDirectory(w)),
  'a directory of the path is a dangling symbolic link': (w: IpcWorld) => make(throughDanglingLink(w)),
  'a component used as a directory is not a directory': (w: IpcWorld) => make(throughFile(w)),
});

errnoCases('mkfifo', {
  ...pathCases((p) => mkfifo(p, 0o600)),
  'the path is longer than PATH_MAX': (w) => mkfifo(tooLongPath(w), 0o600),
  'a component of the path is longer than NAME_MAX': (w) => mkfifo(tooLongComponent(w), 0o600),
});

/** A descriptor of a regular file (not a directory) for the *at() calls. */
function fileFd(w: IpcWorld): number {
  const path = freshPath(w);
  closeSync(openSync(path, 'w'));
  return w.tracker.fd(must(open(path, 'O_RDONLY')));
}

errnoCases('mkfifoat', {
  'the path is relative and dirfd is not a valid descriptor': () => mkfifoat(NOT_AN_FD, 'fifo'),
  'the path is relative and dirfd is not a directory': (w) => mkfifoat(fileFd(w), 'fifo'),
});

errnoCases('mknod', {
  ...pathCases((p) => mknod(p, fifoMode)),
  'the parent directory does not allow writing': { run: (w) => mknod(behindDirectory(w, 0o500), fifoMode), bypassedBy: DAC },
  'the path is not a valid address': () => mknodBadPath(fifoMode),
  'the mode names no file type the kernel knows': (w) => mknod(freshPath(w), C.S_IFMT | 0o600),
  'the path has a symbolic link loop': (w) => mknod(throughLoop(w), fifoMode),
  'the path is too long': (w) => mknod(tooLongPath(w), fifoMode),
  'the mode asks for a device node and the caller lacks CAP_MKNOD': {
    run: (w) => mknod(freshPath(w), C.S_IFCHR | 0o600, 0x103), bypassedBy: ['CAP_MKNOD'],
  },
  // devpts has no mknod operation; only a caller allowed to write its root directory gets that far
  'the file system does not support the node type': {
    needs: 'CAP_DAC_OVERRIDE',
    run: (w) => {
      if (!existsSync('/dev/pts')) throw new NotAvailable('no devpts file system at /dev/pts here');
      return mknod(w.tracker.path(`/dev/pts/${uniqueName('errno')}`), fifoMode);
    },
  },
  'the mode asks for a directory': (w) => mknod(freshPath(w), C.S_IFDIR | 0o700),
});

errnoCases('mknodat', {
  'the path is relative and dirfd is not a valid descriptor': () => mknodat(NOT_AN_FD, 'fifo', fifoMode),
  'the path is relative and dirfd is not a directory': (w) => mknodat(fileFd(w), 'fifo', fifoMode),
});

const openFifo = (w: IpcWorld, path: string, ...flags: string[]) => tracked(w, open(path, ...flags));

errnoCases('open', {
  "the FIFO's mode does not allow the requested access": { run: (w) => openFifo(w, fifoAt(w, 0o400), 'O_WRONLY', 'O_NONBLOCK'), bypassedBy: DAC },
  "a directory of the FIFO's path does not allow search": {
    run: (w) => {
      const path = behindDirectory(w, 0o700, 'fifo');
      must(mkfifo(path, 0o600));
      chmodSync(join(path, '..'), 0o600);
      return openFifo(w, path, 'O_RDWR');
    },
    bypassedBy: DAC,
  },
  'O_CREAT names an existing FIFO of another user in a sticky world-writable directory of a third user, with fs.protected_fifos set': {
    needs: 'CAP_CHOWN',
    run: (w) => {
      if (requiredSysctl('fs/protected_fifos') < 1) throw new NotAvailable('fs.protected_fifos is 0 here: the check is off');
      const dir = freshPath(w);
      mkdirSync(dir);
      chmodSync(dir, 0o1777);
      chownSync(dir, 65533, 65533);
      const path = fifoAt(w, 0o666, dir);
      chownSync(path, 65534, 65534);
      return openFifo(w, path, 'O_RDWR', 'O_CREAT');
    },
  },
  'O_CREAT and O_EXCL name an existing FIFO': (w) => openFifo(w, fifoAt(w), 'O_RDWR', 'O_CREAT', 'O_EXCL'),
  'the path is not a valid address': () => openBadPath(C.O_RDONLY),
  'a blocking open of a FIFO is interrupted by a signal handler': (w) => fixtureCall(w, 'err-eintr', ['open', fifoAt(w)], 'a writer that never comes'),
  'the path has a symbolic link loop': (w) => openFifo(w, throughLoop(w), 'O_RDWR'),
  'the path is a symbolic link to a FIFO and O_NOFOLLOW is given': (w) => {
    const fifo = fifoAt(w);
    const link = `${fifo}-link`;
    symlinkSync(fifo, link);
    return openFifo(w, link, 'O_RDWR', 'O_NOFOLLOW');
  },
  'the per-process limit on open file descriptors has been reached': (w) => fixtureCall(w, 'err-emfile', ['open', fifoAt(w)]),
  'the path is too long': (w) => openFifo(w, tooLongPath(w), 'O_RDWR'),
  'O_CREAT is not given and the FIFO does not exist': (w) => openFifo(w, freshPath(w), 'O_RDWR'),
  'a directory of the path does not exist': (w) => openFifo(w, throughMissingDirectory(w), 'O_RDWR'),
  'a directory of the path is a dangling symbolic link': (w) => openFifo(w, throughDanglingLink(w), 'O_RDWR'),
  'a component used as a directory is not a directory': (w) => openFifo(w, throughFile(w), 'O_RDWR'),
  'O_DIRECTORY is given and the path is a FIFO': (w) => openFifo(w, fifoAt(w), 'O_RDONLY', 'O_NONBLOCK', 'O_DIRECTORY'),
  'O_WRONLY and O_NONBLOCK open a FIFO no process has open for reading': (w) => openFifo(w, fifoAt(w), 'O_WRONLY', 'O_NONBLOCK'),
  'the path is a UNIX domain socket': (w) => {
    const path = freshPath(w);
    const s = w.tracker.fd(must(socket('SOCK_STREAM')));
    must(bind(s, pathAddr(path)));
    return openFifo(w, path, 'O_RDWR');
  },
  'O_NOATIME is given for a FIFO the caller does not own': {
    needs: 'CAP_SETUID',
    run: (w) => {
      const dir = scratch(w);
      chmodSync(dir, 0o711);
      return fixtureCall(w, 'err-drop', ['noatime', fifoAt(w, 0o666, dir)]);
    },
  },
});

errnoCases('openat', {
  'the path is relative and dirfd is not a valid descriptor': (w) => tracked(w, openat(NOT_AN_FD, 'fifo', C.O_RDWR)),
  'the path is relative and dirfd is not a directory': (w) => tracked(w, openat(fileFd(w), 'fifo', C.O_RDWR)),
});

/** A connected pair of non-blocking AF_UNIX sockets of the type, tracked. */
function pair(w: IpcWorld, type: 'SOCK_STREAM' | 'SOCK_DGRAM' = 'SOCK_STREAM'): [number, number] {
  const r = socketpair(type);
  must(r);
  return [w.tracker.fd(r.fds[0]), w.tracker.fd(r.fds[1])];
}
function listening(w: IpcWorld): number {
  const s = w.tracker.fd(must(socket('SOCK_STREAM')));
  must(bind(s, pathAddr(freshPath(w))));
  must(listen(s, 1));
  return s;
}
function fullPipe(w: IpcWorld) {
  const p = trackedPipe(w);
  setNonBlocking(p.writeEnd);
  fillUntilFull(p.writeEnd, write);
  return p;
}
function fullSocket(w: IpcWorld): number {
  const [a] = pair(w);
  fillUntilFull(a, write);
  return a;
}

errnoCases('read', {
  'an empty non-blocking pipe is read': (w) => {
    const p = trackedPipe(w);
    setNonBlocking(p.readEnd);
    return read(p.readEnd, 16);
  },
  'a non-blocking socket with nothing to read is read': (w) => read(pair(w)[0], 16),
  'fd is not a valid descriptor': () => read(NOT_AN_FD, 16),
  'fd is the write end of a pipe': (w) => read(trackedPipe(w).writeEnd, 16),
  'buf is not a valid address': (w) => {
    const p = trackedPipe(w);
    must(write(p.writeEnd, Buffer.from('abc')));
    return readToBadAddress(p.readEnd);
  },
  'a signal handler interrupts a blocked read of a pipe': (w) => fixtureCall(w, 'err-eintr', ['read'], 'data that never comes'),
  'fd is a listening socket': (w) => read(listening(w), 16),
});

errnoCases('write', {
  'a full non-blocking pipe is written': (w) => write(fullPipe(w).writeEnd, ONE_BYTE),
  'a non-blocking socket whose buffer is full is written': (w) => write(fullSocket(w), ONE_BYTE),
  'fd is not a valid descriptor': () => write(NOT_AN_FD, ONE_BYTE),
  'fd is the read end of a pipe': (w) => write(trackedPipe(w).readEnd, ONE_BYTE),
  'fd is an AF_UNIX datagram socket with no peer address': (w) => write(w.tracker.fd(must(socket('SOCK_DGRAM'))), ONE_BYTE),
  'buf is not a valid address': (w) => writeFromBadAddress(trackedPipe(w).writeEnd),
  'a signal handler interrupts a blocked write to a full pipe': (w) => fixtureCall(w, 'err-eintr', ['write'], 'room that never comes'),
  'fd is a listening socket': (w) => write(listening(w), ONE_BYTE),
  'the read end of the pipe is closed': (w) => {
    const p = trackedPipe(w);
    must(w.tracker.closeFd(p.readEnd));
    return write(p.writeEnd, ONE_BYTE); // Node ignores SIGPIPE, so the errno comes back
  },
  'the peer of a stream socket is closed': (w) => {
    const [a, b] = pair(w);
    must(w.tracker.closeFd(b));
    return write(a, ONE_BYTE);
  },
});

errnoCases('close', {
  'fd is not an open descriptor': () => close(NOT_AN_FD),
});

errnoCases('fcntl', {
  'fd is not an open descriptor': () => fcntl(NOT_AN_FD, 'F_GETPIPE_SZ'),
  'F_SETPIPE_SZ asks for less than the data the pipe holds': (w) => {
    const p = trackedPipe(w);
    must(write(p.writeEnd, Buffer.alloc(2 * pageSize())));
    return fcntl(p.writeEnd, 'F_SETPIPE_SZ', pageSize());
  },
  'cmd is not a command this kernel knows': (w) => fcntlCommand(trackedPipe(w).writeEnd, 0x7fff),
  "F_SETPIPE_SZ grows a pipe beyond the user's soft pipe limit": {
    run: (w) => fixtureCall(w, 'err-pipesz', []), bypassedBy: ['CAP_SYS_RESOURCE', 'CAP_SYS_ADMIN'],
  },
  'F_SETPIPE_SZ asks for more than fs.pipe-max-size without CAP_SYS_RESOURCE': {
    run: (w) => fcntl(trackedPipe(w).writeEnd, 'F_SETPIPE_SZ', requiredSysctl('fs/pipe-max-size') * 2), bypassedBy: ['CAP_SYS_RESOURCE'],
  },
});

