/**
 * Steps for features/posix-mq.feature. Queues are created and read from this
 * process (native/posix-mq.ts, always O_NONBLOCK: a call that would wait fails
 * with EAGAIN instead of blocking the worker); another process sends through
 * fixtures/pmq-send.c. Limits are read from /proc/sys/fs/mqueue, never assumed.
 */
import { DataTable } from '@cucumber/cucumber';
import { C } from '../native/constants';
import { SysResult, untilRefused } from '../native/libc';
import { hasCapability, requiredSysctl } from '../native/platform';
import { mqGetattr, mqOpen, mqReceive, mqSend, skipOverMsgqueueRlimit } from '../native/posix-mq';
import { Given, Then, When } from './support/dsl';
import { expectFailure, expectSuccess, expectValue } from './support/expect';
import { uniqueName } from './support/names';
import type { IpcWorld } from './support/world';

interface Queue { name: string; q: number }

const theQueue = (world: IpcWorld): Queue => world.get<Queue>('mq');

const mqueueLimit = (name: string): number => requiredSysctl(`fs/mqueue/${name}`);

/** Creates a queue under a fresh name (tracked before the call); its descriptor is closed after the scenario. */
function createQueue(world: IpcWorld, attr?: { maxmsg: number; msgsize: number }): SysResult {
  const name = world.tracker.posix('mq', `/${uniqueName('pmq')}`);
  const r = mqOpen(name, 'O_RDWR|O_CREAT|O_EXCL|O_NONBLOCK', attr);
  world.last = r;
  // an mqd_t is a file descriptor on Linux: the tracker closes it like one
  const q = world.tracker.opened(r);
  if (q !== undefined) world.keep('mq', { name, q });
  return r;
}

Given('a POSIX message queue created with the default attributes', function (this: IpcWorld) {
  expectSuccess(createQueue(this));
});

When('a POSIX message queue is created with mq_maxmsg {string} and mq_msgsize {int}', function (this: IpcWorld, expr: string, msgsize: number) {
  const msgMax = this.evidence.record('pmq.msg_max', mqueueLimit('msg_max'));
  const maxmsg = expr === 'msg_max' ? msgMax : expr === 'msg_max + 1' ? msgMax + 1 : Number(expr);
  if (Number.isNaN(maxmsg)) throw new Error(`mq_maxmsg "${expr}" is not "msg_max", "msg_max + 1" or a number`);
  const r = createQueue(this, { maxmsg, msgsize });
  skipOverMsgqueueRlimit(r, { maxmsg, msgsize });
  this.evidence.record(`pmq.maxmsg_${expr.replace(/\W+/g, '_')}`, r.rc === -1 ? r.errnoName : 'created');
});

When('another process sends to the queue, in this order:', async function (this: IpcWorld, table: DataTable) {
  const messages = table.hashes().map((row) => `${row.priority}:${row.text}`);
  const run = await this.fixture('pmq-send', [theQueue(this).name, ...messages]);
  expectValue('messages the other process sent', messages.length, run.all('sent').length);
  this.evidence.record('pmq.sent_order', messages.join(' '));
});

Then('mq_getattr reports {int} messages on the queue', function (this: IpcWorld, n: number) {
  expectValue('mq_curmsgs', n, mqGetattr(theQueue(this).q).curmsgs);
});

Then('the queue yields, in this order:', function (this: IpcWorld, table: DataTable) {
  const { q } = theQueue(this);
  const size = mqGetattr(q).msgsize;
  const got = table.hashes().map(() => {
    const r = mqReceive(q, size);
    expectSuccess(r);
    return `${r.priority}:${r.text}`;
  });
  expectValue('messages in the order mq_receive returned them', table.hashes().map((row) => `${row.priority}:${row.text}`), got);
  this.evidence.record('pmq.received_order', got.join(' '));
});

Then('a further receive from the queue fails with {errno}', function (this: IpcWorld, errno: string) {
  const { q } = theQueue(this);
  expectFailure(mqReceive(q, mqGetattr(q).msgsize), errno);
  this.evidence.record('pmq.empty_receive', errno);
});

When(/^"([^"]*)" is sent to the queue with priority MQ_PRIO_MAX(?: - (\d+))?$/, function (this: IpcWorld, text: string, minus?: number) {
  const priority = C.MQ_PRIO_MAX - Number(minus ?? 0);
  this.last = mqSend(theQueue(this).q, text, priority);
  this.evidence.record('pmq.MQ_PRIO_MAX', C.MQ_PRIO_MAX);
  this.evidence.record(`pmq.send_priority_${minus ? `MQ_PRIO_MAX-${minus}` : 'MQ_PRIO_MAX'}`, this.last.rc === -1 ? this.last.errnoName : 'sent');
});

Then('mq_getattr reports the defaults of \\/proc\\/sys\\/fs\\/mqueue, capped by msg_max and msgsize_max', function (this: IpcWorld) {
  const attr = mqGetattr(theQueue(this).q);
  const maxmsg = Math.min(mqueueLimit('msg_default'), mqueueLimit('msg_max'));
  const msgsize = Math.min(mqueueLimit('msgsize_default'), mqueueLimit('msgsize_max'));
  expectValue('mq_maxmsg and mq_msgsize of a queue made with attr NULL', { maxmsg, msgsize }, { maxmsg: attr.maxmsg, msgsize: attr.msgsize });
  expectValue('O_NONBLOCK in mq_flags', C.O_NONBLOCK, attr.flags & C.O_NONBLOCK);
  this.evidence.record('pmq.default_maxmsg', attr.maxmsg);
  this.evidence.record('pmq.default_msgsize', attr.msgsize);
  this.evidence.record('pmq.msg_default', mqueueLimit('msg_default'));
  this.evidence.record('pmq.msgsize_default', mqueueLimit('msgsize_default'));
  this.evidence.record('pmq.msg_max', mqueueLimit('msg_max'));
  this.evidence.record('pmq.msgsize_max', mqueueLimit('msgsize_max'));
});

When('the queue is filled without blocking', function (this: IpcWorld) {
  const { q } = theQueue(this);
  const { accepted: sent, refusal } = untilRefused((i) => mqSend(q, `message ${i}`, 0), 100000);
  this.keep('fill', { sent, refusal });
});

Then('it took exactly mq_maxmsg messages before mq_send failed with {errno}', function (this: IpcWorld, errno: string) {
  const { sent, refusal } = this.get<{ sent: number; refusal: SysResult }>('fill');
  const attr = mqGetattr(theQueue(this).q);
  expectValue('messages the queue took', attr.maxmsg, sent);
  expectValue('mq_curmsgs of the full queue', attr.maxmsg, attr.curmsgs);
  expectFailure(refusal, errno);
  this.evidence.record('pmq.filled', sent);
  this.evidence.record('pmq.full_send', errno);
});

When('a message is received from the queue into a buffer {int} byte smaller than mq_msgsize', function (this: IpcWorld, less: number) {
  const { q } = theQueue(this);
  this.last = mqReceive(q, mqGetattr(q).msgsize - less);
  this.evidence.record('pmq.small_buffer', this.last.rc === -1 ? this.last.errnoName : 'received');
});

Then('mq_getattr reports room for {string} messages of {int} bytes', function (this: IpcWorld, expr: string, msgsize: number) {
  expectSuccess(this.lastCall());
  const expected = expr === 'msg_max' ? mqueueLimit('msg_max') : Number(expr);
  const attr = mqGetattr(theQueue(this).q);
  expectValue('mq_maxmsg and mq_msgsize', { maxmsg: expected, msgsize }, { maxmsg: attr.maxmsg, msgsize: attr.msgsize });
});

Then('mq_open fails with {errno}, unless the process has CAP_SYS_RESOURCE', function (this: IpcWorld, errno: string) {
  const privileged = this.evidence.record('pmq.cap_sys_resource', hasCapability('CAP_SYS_RESOURCE'));
  if (privileged) expectSuccess(this.lastCall());
  else expectFailure(this.lastCall(), errno);
});
