/**
 * How each condition of features/errors/inventory/pipes-fifos.yaml is brought
 * about: pipes, FIFOs, mknod, open on FIFOs and socket files, read, write,
 * close and fcntl.
 */
import { C } from '../../native/constants';
import { pipe2, pipeToBadAddress } from '../../native/errcalls';
import { errnoCases, fixtureCall } from './cases';

errnoCases('pipe', {
  'pipefd is not a valid address': () => pipeToBadAddress(),
  'the per-process limit on open file descriptors has been reached': (w) => fixtureCall(w, 'err-emfile', ['pipe']),
});

errnoCases('pipe2', {
  'flags holds a bit that is not a pipe2 flag': (w) => {
    const r = pipe2(C.O_CLOEXEC | C.O_NONBLOCK | C.O_DIRECT | 0x40000000);
    if (r.rc === 0) r.fds.forEach((fd) => w.tracker.fd(fd));
    return r;
  },
});
