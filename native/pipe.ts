/** Anonymous pipes from this process: create, measure, resize. */
import { fcntl, read, setNonBlocking, write } from './fd';
import { raw, sys, must, SysResult } from './libc';

export interface PipeEnds { readEnd: number; writeEnd: number }

export function pipe(): SysResult & { fds: [number, number] } {
  const fds = new Int32Array(2).fill(-1);
  const r = sys('pipe(fd)', raw.pipe, fds);
  return { ...r, fds: [fds[0], fds[1]] };
}

export function openPipe(): PipeEnds {
  const r = pipe();
  must(r);
  return { readEnd: r.fds[0], writeEnd: r.fds[1] };
}

/** F_GETPIPE_SZ: the capacity the kernel reports. */
export function capacity(fd: number): number {
  return must(fcntl(fd, 'F_GETPIPE_SZ'));
}

export function resize(fd: number, bytes: number): SysResult {
  return fcntl(fd, 'F_SETPIPE_SZ', bytes);
}

/**
 * Makes the write end non-blocking and writes chunks until the kernel refuses.
 * Returns how many bytes went in and how the last write failed.
 */
export function fillUntilRefused(writeEnd: number, chunk = 4096): { bytes: number; refusal: SysResult } {
  setNonBlocking(writeEnd);
  const block = Buffer.alloc(chunk, 0x5a);
  let bytes = 0;
  for (;;) {
    const r = write(writeEnd, block);
    if (r.rc === -1) return { bytes, refusal: r };
    bytes += r.rc;
  }
}

/** The byte at stream offset i of the pattern pushThrough sends: period 251 (prime), so it never lines up with pages. */
const patternByte = (i: number) => (i * 7 + 3) % 251;

/**
 * Pushes `total` bytes through a pipe from this one process: non-blocking
 * writes of `writeChunk` bytes alternate with reads of `readChunk`, so the data
 * wraps around the pipe's buffer many times. Returns the offset of the first
 * byte that came out wrong (-1 when none) and how many bytes came out.
 */
export function pushThrough(p: PipeEnds, total: number, writeChunk: number, readChunk: number): { received: number; firstMismatch: number } {
  setNonBlocking(p.writeEnd);
  let sent = 0;
  let received = 0;
  let firstMismatch = -1;
  while (received < total) {
    if (sent < total) {
      const n = Math.min(writeChunk, total - sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = patternByte(sent + i);
      const w = write(p.writeEnd, chunk);
      if (w.rc > 0) sent += w.rc;
      else if (w.errnoName !== 'EAGAIN') must(w);
    }
    const r = read(p.readEnd, readChunk);
    must(r);
    for (let i = 0; i < r.data.length && firstMismatch < 0; i++) {
      if (r.data[i] !== patternByte(received + i)) firstMismatch = received + i;
    }
    received += r.data.length;
  }
  return { received, firstMismatch };
}
