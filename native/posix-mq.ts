/**
 * POSIX message queues from this process: mq_open (variadic: mode and attributes),
 * mq_send, mq_receive, mq_getattr, mq_close. struct mq_attr is read and written
 * with the probe's offsets. Queues are opened O_NONBLOCK by the steps, so a call
 * that would wait fails with EAGAIN instead of blocking the worker.
 */
import { endianness } from 'node:os';
import { field, readField, sizeOf } from './constants';
import { rtFunc, sys, SysResult } from './libc';
import { flagValue } from './mmap';
import { NotAvailable } from './not-available';
import { notePosixName } from './posix-names';

const raw = {
  open: rtFunc('int mq_open(const char *name, int oflag, ...)'),
  send: rtFunc('int mq_send(int mqdes, const uint8_t *msg, size_t len, unsigned int prio)'),
  receive: rtFunc('ssize_t mq_receive(int mqdes, _Out_ uint8_t *msg, size_t len, _Out_ uint32_t *prio)'),
  getattr: rtFunc('int mq_getattr(int mqdes, _Out_ uint8_t *attr)'),
  close: rtFunc('int mq_close(int mqdes)'),
};

export interface MqAttr { flags: number; maxmsg: number; msgsize: number; curmsgs: number }

const ATTR = 'struct mq_attr';

function encodeAttr(maxmsg: number, msgsize: number): Buffer {
  const buf = Buffer.alloc(sizeOf(ATTR));
  const put = (name: string, v: number) => {
    const { offset, size } = field(ATTR, name);
    if (size !== 8 && size !== 4) throw new Error(`${ATTR}.${name} has size ${size}`);
    const le = endianness() === 'LE';
    if (size === 8) le ? buf.writeBigInt64LE(BigInt(v), offset) : buf.writeBigInt64BE(BigInt(v), offset);
    else le ? buf.writeInt32LE(v, offset) : buf.writeInt32BE(v, offset);
  };
  put('mq_maxmsg', maxmsg);
  put('mq_msgsize', msgsize);
  return buf;
}

/** mq_open(name, flags, mode, attr): attr NULL (the defaults) unless maxmsg and msgsize are given. */
export function mqOpen(name: string, flags: string, attr?: { maxmsg: number; msgsize: number }, mode = 0o600): SysResult {
  const call = `mq_open(${name}, ${flags}${attr ? `, maxmsg ${attr.maxmsg}, msgsize ${attr.msgsize}` : ''})`;
  const a = attr ? encodeAttr(attr.maxmsg, attr.msgsize) : null;
  return notePosixName('mq', name, flags, sys(call, raw.open, name, flagValue(flags), 'uint32_t', mode, 'void *', a));
}

export function mqSend(q: number, text: string, priority: number): SysResult {
  const msg = Buffer.from(text);
  return sys(`mq_send(${q}, "${text}", prio ${priority})`, raw.send, q, msg, msg.length, priority);
}

export function mqReceive(q: number, size: number): SysResult & { text: string; priority: number } {
  const buf = Buffer.alloc(size);
  const prio = new Uint32Array(1);
  const r = sys(`mq_receive(${q}, ${size} bytes)`, raw.receive, q, buf, size, prio);
  return { ...r, text: buf.subarray(0, Math.max(r.rc, 0)).toString(), priority: prio[0] };
}

export function mqGetattr(q: number): MqAttr {
  const buf = Buffer.alloc(sizeOf(ATTR));
  const r = sys(`mq_getattr(${q})`, raw.getattr, q, buf);
  if (r.rc === -1) throw new Error(`${r.call} failed with ${r.errnoName}`);
  const get = (n: string) => readField(buf, ATTR, n);
  return { flags: get('mq_flags'), maxmsg: get('mq_maxmsg'), msgsize: get('mq_msgsize'), curmsgs: get('mq_curmsgs') };
}

export function mqClose(q: number): SysResult {
  return sys(`mq_close(${q})`, raw.close, q);
}

/**
 * mq_open fails with EMFILE when the queue's bytes would pass RLIMIT_MSGQUEUE
 * (819200 by default): a limit of this account, named as a skip, not a verdict.
 */
export function skipOverMsgqueueRlimit(r: SysResult, attr: { maxmsg: number; msgsize: number }): void {
  if (r.rc === -1 && r.errnoName === 'EMFILE') {
    throw new NotAvailable(`RLIMIT_MSGQUEUE is too small for ${attr.maxmsg} messages of ${attr.msgsize} bytes (${r.call} → EMFILE)`);
  }
}

