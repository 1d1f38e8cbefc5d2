/**
 * Steps for features/sysv-msg.feature. In-process calls go through
 * native/sysv-msg.ts (koffi); other processes, blocking and dropped privileges
 * go through fixtures/msg-*.c. "the call fails with {errno}" and "the call
 * returns {int}" are the kit's generic steps (steps/pipe.steps.ts), read from this.last.
 */
import { DataTable } from '@cucumber/cucumber';
import { skipIfBlocked } from '../native/blocked';
import { C, field, sizeOf } from '../native/constants';
import { compileText, Compilation } from '../native/compiler';
import { errnoName } from '../native/errno';
import { read, write } from '../native/fd';
import { untilRefused } from '../native/libc';
import { NotAvailable } from '../native/not-available';
import { capacity, fillUntilRefused, openPipe } from '../native/pipe';
import { hasCapability, requiredSysctl, sysctl } from '../native/platform';
import {
  createQueue, decodeMsqidDs, msgctl, msgget, msgrcv, msgsnd, msgsndRaw, MsqidDs, now, Received,
  removeQueue, setAttributes, shmStat, stat, statRaw,
} from '../native/sysv-msg';
import { createWithFreshKey, freshKey, sysvipcRows } from '../native/sysv';
import { Given, Then, When } from './support/dsl';
import {
  expectAbove, expectAtLeast, expectCompileError, expectDistinct, expectFailure, expectOneOf, expectSuccess, expectTrue, expectUnrelated,
  expectValue, expectWithin,
} from './support/expect';
import { FixtureEvent } from './support/fixtures';
import { octal } from './support/parameter-types';
import type { IpcWorld } from './support/world';

// ---- the queue this scenario made -------------------------------------------

interface Queue {
  id: number;
  key: number;
  mode: number;
  /** time(NULL) just before and just after msgget created it */
  createdFrom: number;
  createdTo: number;
  /** msg_ctime right after creation (0 when the creator may not read it) */
  ctime0: number;
}

const queue = (world: IpcWorld): Queue => world.get<Queue>('msgq');
const ds = (world: IpcWorld): MsqidDs => stat(queue(world).id);

/** Registers the queue with the tracker (IPC_RMID after the scenario, unless the scenario removed it itself). */
function adoptQueue(world: IpcWorld, id: number, key: number, mode: number, from: number, to: number): Queue {
  world.tracker.sysv('msg', id);
  // a queue without read permission for its creator (mode 0000, unprivileged) cannot be read back: ctime0 0
  const first = statRaw(id);
  return world.keep('msgq', { id, key, mode, createdFrom: from, createdTo: to, ctime0: first.rc === 0 ? decodeMsqidDs(first.buf).ctime : 0 });
}

function makeQueue(world: IpcWorld, mode: number): Queue {
  const from = now();
  const { id, key } = createQueue(mode);
  return adoptQueue(world, id, key, mode, from, now());
}

Given('a SysV queue with mode {mode}', function (this: IpcWorld, mode: number) {
  makeQueue(this, mode);
});

When('msgget creates a SysV queue under a fresh key with IPC_CREAT|IPC_EXCL and mode {mode}', function (this: IpcWorld, mode: number) {
  const from = now();
  const { key, result } = createWithFreshKey((k) => msgget(k, C.IPC_CREAT | C.IPC_EXCL | mode));
  this.last = result;
  expectSuccess(result);
  adoptQueue(this, result.rc, key, mode, from, now());
});

Then('msgget returned a non-negative identifier', function (this: IpcWorld) {
  expectSuccess(this.lastCall());
  expectAtLeast('the identifier msgget returned', 0, this.lastCall().rc);
  this.evidence.record('msg.id', this.lastCall().rc);
});

Then('msgctl IPC_STAT accepts that identifier and shows the key it was created with', function (this: IpcWorld) {
  const q = queue(this);
  const r = statRaw(q.id);
  expectSuccess(r, 0);
  expectValue('msg_perm.__key of the new queue', q.key, ds(this).perm.key);
});

When('msgget is called again with that key and msgflg {msgflg}', function (this: IpcWorld, flags: number) {
  this.last = msgget(queue(this).key, flags);
});

Then('it returns the same identifier', function (this: IpcWorld) {
  expectSuccess(this.lastCall(), queue(this).id);
});

Then('\\/proc\\/sysvipc\\/msg lists the SysV queue under its key and identifier', function (this: IpcWorld) {
  const q = queue(this);
  const rows = sysvipcRows('msg', { key: q.key });
  expectValue(`[key, msqid, perms] of the rows of /proc/sysvipc/msg with key ${q.key}`, [[q.key, q.id, q.mode]], rows.map((r) => [r.key, r.id, r.perms]));
});

When('msgget is called with an unused key and msgflg {msgflg}', function (this: IpcWorld, flags: number) {
  // a fresh key that a probe with IPC_CREAT|IPC_EXCL would get is not proof it is unused; ENOENT itself is the proof
  this.last = msgget(freshKey(), flags);
  this.evidence.record('msg.msgget_failure_rc', this.last.rc);
});

When('msgget is called with its key and {msgflg}', function (this: IpcWorld, flags: number) {
  this.last = msgget(queue(this).key, flags);
  this.evidence.record('msg.msgget_eexist_rc', this.last.rc);
});

Then('msgget returned -1, not 0', function (this: IpcWorld) {
  expectValue(`${this.lastCall().call} return value`, -1, this.lastCall().rc);
});

// ---- compiling the note's declarations ---------------------------------------

function compileC(world: IpcWorld, text: string, name: string): Compilation {
  return world.keep('msg.compilation', compileText('c', text, world.tracker.tempDir('msg-compile'), name));
}

const NOTE_DECLARATIONS = [
  'int msgget(key_t key, int msgflg);',
  'int msgsnd(int msqid, const void *msg_ptr, size_t msg_sz, int msgflg);',
  'int msgctl(int msqid, int command, struct msqid_ds *buf);',
];

When('a C file that includes <sys\\/msg.h> and repeats the note\'s declarations of msgget, msgsnd and msgctl is compiled', function (this: IpcWorld) {
  compileC(this, `#include <sys/msg.h>\n${NOTE_DECLARATIONS.join('\n')}\nint main(void) { return 0; }\n`, 'msg-prototypes');
});

When('a C file that includes <sys\\/msg.h> and declares {string} is compiled', function (this: IpcWorld, declaration: string) {
  compileC(this, `#include <sys/types.h>\n#include <sys/msg.h>\n${declaration}\nint main(void) { return 0; }\n`, 'msg-declares');
});

When('a C file that includes <sys\\/msg.h> and takes the address of every field the note lists, with the note\'s types, is compiled', function (this: IpcWorld) {
  // the note's listing, field by field; "unsigned long__msg_cbytes" read as the type and name it means
  const text = `#include <sys/msg.h>
int main(void)
{
  struct msqid_ds ds = { 0 };
  struct ipc_perm *perm = &ds.msg_perm;
  time_t *stime = &ds.msg_stime, *rtime = &ds.msg_rtime, *ctime = &ds.msg_ctime;
  unsigned long *cbytes = &ds.__msg_cbytes;
  msgqnum_t *qnum = &ds.msg_qnum;
  msglen_t *qbytes = &ds.msg_qbytes;
  pid_t *lspid = &ds.msg_lspid, *lrpid = &ds.msg_lrpid;
  return !(perm && stime && rtime && ctime && cbytes && qnum && qbytes && lspid && lrpid);
}
`;
  compileC(this, text, 'msg-msqid-ds');
});

When('a C file with _GNU_SOURCE that includes <sys\\/msg.h> and defines the note\'s struct msgbuf is compiled', function (this: IpcWorld) {
  const text = `#define _GNU_SOURCE\n#include <sys/msg.h>\nstruct msgbuf\n{\n    long mtype;\n    char mtext[512];\n};\nint main(void) { return 0; }\n`;
  compileC(this, text, 'msg-msgbuf');
});

Then('the compiler accepts it without a diagnostic', function (this: IpcWorld) {
  const c = this.get<Compilation>('msg.compilation');
  expectTrue(`${c.command} failed:\n${c.diagnostics}`, c.ok);
  expectValue(`diagnostics of ${c.command}`, '', c.diagnostics);
});

Then('the compiler rejects it with the error {string} about {string}', function (this: IpcWorld, message: string, subject: string) {
  const line = expectCompileError(this.get<Compilation>('msg.compilation'), new RegExp(`error: ${message} .${subject}.`));
  this.evidence.record(`msg.compiler_${subject.replace(/\W+/g, '_')}`, line);
});

Then('the probe\'s offsets of {string} increase in that order', function (this: IpcWorld, names: string) {
  const fields = names.split(/,\s*/);
  const offsets = fields.map((f) => field('struct msqid_ds', f).offset);
  for (let i = 1; i < offsets.length; i++) {
    expectAbove(`offsetof(struct msqid_ds, ${fields[i]}), after ${fields[i - 1]}`, offsets[i - 1], offsets[i]);
  }
  this.evidence.record('msg.msqid_ds_size', sizeOf('struct msqid_ds'));
  this.evidence.record('msg.msqid_ds_offsets', fields.map((f, i) => `${f}@${offsets[i]}`).join(' '));
});

// ---- msqid_ds ---------------------------------------------------------------

Then('its msg_perm shows mode {mode} with owner and creator this process\'s euid and egid', function (this: IpcWorld, mode: number) {
  const { perm } = ds(this);
  const [uid, gid] = [process.geteuid!(), process.getegid!()];
  expectValue('msg_perm.mode & 0777', mode, perm.mode);
  expectValue('msg_perm uid, gid, cuid, cgid', [uid, gid, uid, gid], [perm.uid, perm.gid, perm.cuid, perm.cgid]);
  this.evidence.record('msg.perm', `mode ${octal(perm.mode)}, uid ${perm.uid}, gid ${perm.gid}, cuid ${perm.cuid}, cgid ${perm.cgid}`);
});

Then('msg_qnum is {int} and msg_cbytes is {int}', function (this: IpcWorld, qnum: number, cbytes: number) {
  const d = ds(this);
  expectValue('msg_qnum', qnum, d.qnum);
  expectValue('__msg_cbytes', cbytes, d.cbytes);
  this.evidence.record(`msg.cbytes_with_${qnum}`, d.cbytes);
});

Then('its msg_stime, msg_rtime, msg_lspid and msg_lrpid are {int}', function (this: IpcWorld, zero: number) {
  const d = ds(this);
  expectValue('msg_stime, msg_rtime, msg_lspid, msg_lrpid of a new queue', [zero, zero, zero, zero], [d.stime, d.rtime, d.lspid, d.lrpid]);
});

Then('its msg_ctime is the time of its creation', function (this: IpcWorld) {
  const q = queue(this);
  const ctime = ds(this).ctime;
  expectWithin('msg_ctime, against the seconds of msgget', ctime, q.createdFrom, q.createdTo);
  this.evidence.record('msg.ctime_at_creation', 'set');
});

Then('its msg_qbytes equals kernel.msgmnb', function (this: IpcWorld) {
  const msgmnb = requiredSysctl('kernel/msgmnb');
  expectValue('msg_qbytes of a new queue', msgmnb, ds(this).qbytes);
  this.evidence.record('msg.qbytes', msgmnb);
  this.evidence.record('msg.msgmnb', msgmnb);
});

Then('its msg_qbytes is {int}', function (this: IpcWorld, n: number) {
  expectValue('msg_qbytes', n, ds(this).qbytes);
});

// ---- other processes send and receive (fixtures/msg-op.c) -----------------------

function opEvent(world: IpcWorld, role: string): FixtureEvent {
  return world.get<FixtureEvent>(`msg.op.${role}`);
}

async function runOp(world: IpcWorld, role: string, route: Array<string | number>, op: Array<string | number>, after?: number): Promise<FixtureEvent> {
  const args = [...(after === undefined ? [] : ['--after-second', after]), ...route, ...op];
  const run = await world.fixture('msg-op', args, { waitingFor: `the ${role} to ${op[0]}` });
  const e = run.only('op');
  expectValue(`the ${role}'s ${op[0] === 'send' ? 'msgsnd' : 'msgrcv'} (errno ${e.errno})`, op[0] === 'send' ? 0 : Buffer.byteLength(e.data, 'latin1'), e.rc);
  world.keep(`msg.queue-route.${role}`, run.only('queue'));
  return world.keep(`msg.op.${role}`, e);
}

When('a separate process sends {string} with type {int} in a later second than the queue\'s msg_ctime', async function (this: IpcWorld, text: string, type: number) {
  const q = queue(this);
  await runOp(this, 'sender', ['--id', q.id], ['send', type, text], q.ctime0);
});

When('another separate process receives from the queue', async function (this: IpcWorld) {
  await runOp(this, 'receiver', ['--id', queue(this).id], ['recv', 0, 4096]);
});

When('a separate process finds the queue by its key, sends {string} with type {int} and exits', async function (this: IpcWorld, text: string, type: number) {
  await runOp(this, 'sender', ['--key', queue(this).key], ['send', type, text]);
});

When('another separate process finds the queue by its key and receives from it', async function (this: IpcWorld) {
  await runOp(this, 'receiver', ['--key', queue(this).key], ['recv', 0, 4096]);
});

When('a separate process that only knows the identifier sends {string} with type {int} and exits', async function (this: IpcWorld, text: string, type: number) {
  await runOp(this, 'sender', ['--id', queue(this).id], ['send', type, text]);
  expectValue('how the sender found the queue', 'id', this.get<FixtureEvent>('msg.queue-route.sender').by);
});

Then('that process got {string} with type {int}', function (this: IpcWorld, text: string, type: number) {
  const e = opEvent(this, 'receiver');
  expectValue('what the receiving process got', { text, type }, { text: e.data, type: e.type });
});

Then('msg_lspid is that process\'s pid and msg_stime the second of its msgsnd', function (this: IpcWorld) {
  const e = opEvent(this, 'sender');
  const d = ds(this);
  expectValue('msg_lspid', e.pid, d.lspid);
  expectWithin('msg_stime, against the seconds of the sender\'s msgsnd', d.stime, e.t_before, e.t_after);
  this.evidence.record('msg.lspid_is_sender', d.lspid === e.pid);
});

Then('msg_lrpid is that process\'s pid and msg_rtime the second of its msgrcv', function (this: IpcWorld) {
  const e = opEvent(this, 'receiver');
  const d = ds(this);
  expectValue('msg_lrpid', e.pid, d.lrpid);
  expectWithin('msg_rtime, against the seconds of the receiver\'s msgrcv', d.rtime, e.t_before, e.t_after);
  this.evidence.record('msg.lrpid_is_receiver', d.lrpid === e.pid);
});

Then('msg_lrpid and msg_rtime are still {int}', function (this: IpcWorld, zero: number) {
  const d = ds(this);
  expectValue('msg_lrpid and msg_rtime before any msgrcv', [zero, zero], [d.lrpid, d.rtime]);
});

Then('msg_lspid is still the sender\'s pid', function (this: IpcWorld) {
  expectValue('msg_lspid after a msgrcv', opEvent(this, 'sender').pid, ds(this).lspid);
});

Then('msg_ctime is still the time of creation', function (this: IpcWorld) {
  const q = queue(this);
  const d = ds(this);
  expectValue('msg_ctime', q.ctime0, d.ctime);
  // the stamps have whole seconds: the sender waited past msg_ctime's second, so an update would show
  expectAbove('msg_stime, a later second than msg_ctime', q.ctime0, d.stime);
  this.evidence.record('msg.ctime_after_send_receive', 'unchanged');
});

When('IPC_SET changes the queue\'s mode to {mode}', function (this: IpcWorld, mode: number) {
  const from = now();
  this.last = setAttributes(queue(this).id, { mode });
  this.keep('msg.set_window', [from, now()]);
});

Then('msg_ctime has moved on to the second of the IPC_SET', function (this: IpcWorld) {
  expectSuccess(this.lastCall(), 0);
  const [from, to] = this.get<number[]>('msg.set_window');
  const d = ds(this);
  expectWithin('msg_ctime, against the seconds of the IPC_SET', d.ctime, from, to);
  expectAbove('msg_ctime, moved on from its creation', queue(this).ctime0, d.ctime);
  this.evidence.record('msg.ctime_after_ipc_set', 'changed');
});

Then('both processes found the queue\'s identifier by its key', function (this: IpcWorld) {
  const id = queue(this).id;
  for (const role of ['sender', 'receiver']) {
    const route = this.get<FixtureEvent>(`msg.queue-route.${role}`);
    expectValue(`the ${role}'s msgget(key, 0)`, { id, by: 'key' }, { id: route.id, by: route.by });
  }
  this.evidence.record('msg.found_by_key', id);
});

Then('neither process is the other\'s parent', function (this: IpcWorld) {
  const [s, r] = [opEvent(this, 'sender'), opEvent(this, 'receiver')];
  expectUnrelated('the sender and the receiver', s, r);
});

// ---- sending and receiving in this process ------------------------------------

When('msgsnd sends {string} with type {int}', function (this: IpcWorld, text: string, type: number) {
  this.last = msgsnd(queue(this).id, type, Buffer.from(text));
});

When('msgsnd sends {string} with type {int} and msgflg {msgflg}', function (this: IpcWorld, text: string, type: number, flags: number) {
  this.last = msgsnd(queue(this).id, type, Buffer.from(text), flags);
});

When('msgsnd sends the bytes {string} with type {int}', function (this: IpcWorld, hex: string, type: number) {
  const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  this.keep('msg.sent', bytes);
  this.last = msgsnd(queue(this).id, type, bytes);
  expectSuccess(this.last, 0);
});

const msgmax = (): number => requiredSysctl('kernel/msgmax');

/** msgmax bytes that are all different from their neighbours, so a lost or moved byte shows. */
// Stryker disable next-line all: the same pattern is sent and expected back
const pattern = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251));

When('msgsnd sends a kernel.msgmax-byte text with type {int}', function (this: IpcWorld, type: number) {
  const bytes = this.keep('msg.sent', pattern(msgmax()));
  this.last = msgsnd(queue(this).id, type, bytes);
  this.evidence.record('msg.msgmax', bytes.length);
});

When('msgsnd sends a text one byte longer than kernel.msgmax with type {int}', function (this: IpcWorld, type: number) {
  this.last = msgsnd(queue(this).id, type, pattern(msgmax() + 1));
  this.evidence.record('msg.msgmax', msgmax());
});

When('msgsnd sends a {int}-byte text with type {int} and msgflg {msgflg}', function (this: IpcWorld, n: number, type: number, flags: number) {
  this.last = msgsnd(queue(this).id, type, pattern(n), flags);
});

When('msgsnd is given a NULL message pointer', function (this: IpcWorld) {
  this.last = msgsndRaw(queue(this).id, null, 3, C.IPC_NOWAIT);
});

When('msgsnd sends {string} with type {int} from a buffer that is then overwritten with {string}', function (this: IpcWorld, text: string, type: number, later: string) {
  const buffer = Buffer.from(text);
  expectSuccess(msgsnd(queue(this).id, type, buffer), 0);
  buffer.write(later);
  expectValue('the source buffer after overwriting', later, buffer.toString());
});

function receive(world: IpcWorld, msgtyp: number, room: number, flags: number): Received {
  const r = msgrcv(queue(world).id, room, msgtyp, flags);
  world.last = r;
  world.keep('msg.received', r);
  return r;
}

When('msgrcv is called with msgtyp {int}, room for {int} bytes and msgflg {msgflg}', function (this: IpcWorld, msgtyp: number, room: number, flags: number) {
  receive(this, msgtyp, room, flags);
});

Then('it received {string} with type {int}', function (this: IpcWorld, text: string, type: number) {
  const r = this.get<Received>('msg.received');
  expectValue('what msgrcv received', { text, type }, { text: r.text.toString('latin1'), type: r.type });
});

Then('msgrcv with msgtyp {int} returns {string} with type {int}', function (this: IpcWorld, msgtyp: number, text: string, type: number) {
  const r = receive(this, msgtyp, 4096, C.IPC_NOWAIT);
  expectSuccess(r, Buffer.byteLength(text));
  expectValue('what msgrcv received', { text, type }, { text: r.text.toString(), type: r.type });
});

Then('msgrcv with msgtyp {int} returns the same bytes with type {int}', function (this: IpcWorld, msgtyp: number, type: number) {
  const sent = this.get<Buffer>('msg.sent');
  const r = receive(this, msgtyp, sent.length, C.IPC_NOWAIT);
  expectSuccess(r, sent.length);
  expectValue('the type msgrcv received', type, r.type);
  expectValue('the bytes msgrcv received (hex)', sent.toString('hex'), r.text.toString('hex'));
  this.evidence.record('msg.bytes_intact', sent.length);
});

Then('msgrcv with msgtyp {int} and room for {int} bytes returns {string}, then {string}', function (this: IpcWorld, msgtyp: number, room: number, first: string, second: string) {
  const got = [first, second].map(() => {
    const r = receive(this, msgtyp, room, C.IPC_NOWAIT);
    expectSuccess(r);
    return r.text.toString();
  });
  expectValue('what two msgrcv calls returned', [first, second], got);
  this.evidence.record('msg.boundaries', got.map((t) => `"${t}"`).join(' then '));
});

Then('the same two writes into a pipe come out of one read of {int} bytes as {string}', function (this: IpcWorld, room: number, joined: string) {
  const p = openPipe();
  this.tracker.fd(p.readEnd);
  this.tracker.fd(p.writeEnd);
  expectSuccess(write(p.writeEnd, Buffer.from('abc')), 3);
  expectSuccess(write(p.writeEnd, Buffer.from('de')), 2);
  const r = read(p.readEnd, room);
  expectValue('what one read() of the pipe returned', joined, r.data.toString());
  this.evidence.record('msg.pipe_joined', `"${r.data.toString()}"`);
});

Then('that is more than the sizeof\\(union sigval) bytes sigqueue can attach to a signal', function (this: IpcWorld) {
  const sigval = sizeOf('union sigval');
  const sent = this.get<Buffer>('msg.sent').length;
  expectAbove('bytes in the message, against sizeof(union sigval)', sigval, sent);
  this.evidence.record('msg.sigval_bytes', sigval);
});

// ---- selection by type ---------------------------------------------------------

Given('a SysV queue holding, in this order:', function (this: IpcWorld, table: DataTable) {
  const q = makeQueue(this, 0o600);
  for (const row of table.hashes()) {
    expectSuccess(msgsnd(q.id, Number(row.type), Buffer.from(row.text)), 0);
  }
  // Stryker disable next-line all: the kept text only words a failure message
  this.keep('msg.loaded', table.hashes().map((r) => `${r.text}`).join(' '));
});

When('msgrcv with msgtyp {int} and {msgflg} is repeated until it fails', function (this: IpcWorld, msgtyp: number, flags: number) {
  const texts: string[] = [];
  const { accepted, refusal } = untilRefused(() => {
    const r = msgrcv(queue(this).id, 64, msgtyp, flags);
    texts.push(r.text.toString());
    return r;
  }, 100);
  this.last = refusal;
  this.keep('msg.sequence', texts.slice(0, accepted).join(' '));
  // Stryker disable next-line all: the kept text is only an evidence key
  this.keep('msg.sequence_key', `msg.order_${flags & C.MSG_EXCEPT ? 'except_' : ''}${msgtyp}`);
});

Then('the texts came out as {string}', function (this: IpcWorld, expected: string) {
  const got = this.get<string>('msg.sequence');
  expectValue(`the order msgrcv returned the messages "${this.get<string>('msg.loaded')}" in`, expected, got);
  this.evidence.record(this.get<string>('msg.sequence_key'), `"${got}"`);
});

Then('the SysV queue still holds {string} in order', function (this: IpcWorld, expected: string) {
  const texts: string[] = [];
  for (let r = msgrcv(queue(this).id, 64, 0, C.IPC_NOWAIT); r.rc >= 0; r = msgrcv(queue(this).id, 64, 0, C.IPC_NOWAIT)) {
    texts.push(r.text.toString());
  }
  expectValue('the messages left in the queue, in order', expected, texts.join(' '));
});

// ---- capacity -------------------------------------------------------------------

When('the SysV queue is filled with messages of kernel.msgmax bytes, then topped up to the byte, with IPC_NOWAIT', function (this: IpcWorld) {
  const q = queue(this);
  const max = msgmax();
  const qbytes = ds(this).qbytes;
  const { accepted: messages, refusal } = untilRefused(() => msgsnd(q.id, 1, pattern(Math.min(max, qbytes)), C.IPC_NOWAIT), 100000);
  expectFailure(refusal, 'EAGAIN');
  const left = qbytes - ds(this).cbytes;
  if (left > 0) expectSuccess(msgsnd(q.id, 1, pattern(left), C.IPC_NOWAIT), 0);
  this.evidence.record('msg.fill', `${messages} messages of ${Math.min(max, qbytes)} bytes${left > 0 ? ` and one of ${left}` : ''}`);
});

Then('msg_cbytes equals msg_qbytes', function (this: IpcWorld) {
  const d = ds(this);
  expectValue('__msg_cbytes of the full queue', d.qbytes, d.cbytes);
  this.evidence.record('msg.filled_bytes', d.cbytes);
  this.evidence.record('msg.qbytes', d.qbytes);
});

When('IPC_SET sets its msg_qbytes to {int}', function (this: IpcWorld, n: number) {
  this.last = setAttributes(queue(this).id, { qbytes: n });
});

When('IPC_SET sets its msg_qbytes to twice kernel.msgmnb', function (this: IpcWorld) {
  const msgmnb = requiredSysctl('kernel/msgmnb');
  this.evidence.record('msg.msgmnb', msgmnb);
  this.last = setAttributes(queue(this).id, { qbytes: 2 * msgmnb });
});

Then('IPC_SET was refused with {errno}, unless this process has CAP_SYS_RESOURCE', function (this: IpcWorld, errno: string) {
  const privileged = hasCapability('CAP_SYS_RESOURCE');
  if (privileged) {
    expectSuccess(this.lastCall(), 0);
    expectValue('msg_qbytes after raising it', 2 * sysctl('kernel/msgmnb')!, ds(this).qbytes);
  } else {
    expectFailure(this.lastCall(), errno);
  }
  this.evidence.record('msg.raise_qbytes', privileged ? 'allowed (CAP_SYS_RESOURCE)' : errno);
  this.evidence.record('cap.CAP_SYS_RESOURCE', privileged);
});

When('the SysV queue and a new pipe are each filled without waiting', function (this: IpcWorld) {
  const q = queue(this);
  const chunk = 1024;
  const queueBytes = chunk * untilRefused(() => msgsnd(q.id, 1, pattern(chunk), C.IPC_NOWAIT), 100000).accepted;
  const p = openPipe();
  this.tracker.fd(p.readEnd);
  this.tracker.fd(p.writeEnd);
  const pipeFill = fillUntilRefused(p.writeEnd, chunk);
  expectFailure(pipeFill.refusal, 'EAGAIN');
  this.keep('msg.compare', { queueBytes, pipeBytes: pipeFill.bytes, pipeCapacity: capacity(p.writeEnd) });
});

Then('the queue took its msg_qbytes and the pipe its F_GETPIPE_SZ capacity', function (this: IpcWorld) {
  const c = this.get<{ queueBytes: number; pipeBytes: number; pipeCapacity: number }>('msg.compare');
  const qbytes = ds(this).qbytes;
  expectValue('bytes the queue took (in 1024-byte messages)', Math.floor(qbytes / 1024) * 1024, c.queueBytes);
  expectValue('bytes the pipe took', c.pipeCapacity, c.pipeBytes);
  this.evidence.record('msg.queue_bytes', qbytes);
  this.evidence.record('msg.pipe_bytes', c.pipeCapacity);
  this.evidence.record('msg.queue_vs_pipe', qbytes > c.pipeCapacity ? 'larger' : qbytes === c.pipeCapacity ? 'equal' : 'smaller');
  this.evidence.record('msg.msgmax', msgmax());
  this.evidence.record('msg.pipe_max_size', sysctl('fs/pipe-max-size') ?? 'absent');
});

// ---- blocking (fixtures/msg-block.c, msg-compete.c) ------------------------------

const reported = (world: IpcWorld, event: string): FixtureEvent => world.lastRun().only(event);

When('a process fills it without waiting and a child then sends one more message, blocking', async function (this: IpcWorld) {
  await this.fixture('msg-block', ['send', queue(this).id], { waitingFor: 'the blocked sender to finish after the parent made room' });
});

Then('the fill stopped with {errno} at msg_qbytes bytes', function (this: IpcWorld, errno: string) {
  const full = reported(this, 'full');
  expectValue('errno of the msgsnd that did not fit', errno, errnoName(full.errno));
  expectValue('__msg_cbytes of the full queue', full.qbytes, full.cbytes);
});

Then('the child sleeps in msgsnd while the queue stays full', function (this: IpcWorld) {
  const full = reported(this, 'full');
  const blocked = reported(this, 'sender-blocked');
  expectValue('the sender\'s scheduler state', 'S', blocked.state);
  expectValue('whether msgsnd had returned before the parent made room', false, blocked.returned);
  expectValue('msg_qnum and __msg_cbytes while the sender sleeps', [full.qnum, full.cbytes], [blocked.qnum, blocked.cbytes]);
  this.evidence.record('msg.sender_wchan', blocked.wchan || 'not shown');
});

Then('after the parent receives one message the child\'s msgsnd returns {int} and its message is last in the queue', function (this: IpcWorld, rc: number) {
  const done = reported(this, 'sender-finished');
  expectValue('the blocked msgsnd\'s return value', rc, done.rc);
  const after = reported(this, 'after');
  const full = reported(this, 'full');
  expectValue('msg_qnum and __msg_cbytes after one out, one in', [full.qnum, full.cbytes], [after.qnum, after.cbytes]);
  expectValue('the type of the last message in the queue', 2, after.last_type);
  this.evidence.record('msg.blocked_send', 'slept, then completed');
});

When('a child receives from it, blocking, while it is empty', async function (this: IpcWorld) {
  await this.fixture('msg-block', ['recv', queue(this).id], { waitingFor: 'the blocked receiver to get the message' });
});

Then('the child sleeps in msgrcv while the queue holds {int} messages', function (this: IpcWorld, qnum: number) {
  const blocked = reported(this, 'receiver-blocked');
  expectValue('the receiver\'s scheduler state', 'S', blocked.state);
  expectValue('whether msgrcv had returned before the parent sent', false, blocked.returned);
  expectValue('msg_qnum while the receiver sleeps', qnum, blocked.qnum);
  this.evidence.record('msg.receiver_wchan', blocked.wchan || 'not shown');
});

Then('after the parent sends {string} with type {int} the child\'s msgrcv returns it', function (this: IpcWorld, text: string, type: number) {
  const done = reported(this, 'receiver-finished');
  expectValue('the blocked msgrcv', { rc: Buffer.byteLength(text), text, type }, { rc: done.rc, text: done.data, type: done.type });
  expectValue('msg_lrpid after the wake-up', done.pid, ds(this).lrpid);
  this.evidence.record('msg.blocked_receive', 'slept, then received');
});

When('{int} receivers wait on it and a sender sends {int} numbered messages', async function (this: IpcWorld, receivers: number, n: number) {
  expectValue('receivers msg-compete runs', 2, receivers);
  await this.fixture('msg-compete', [queue(this).id, n], { waitingFor: 'both receivers to get their stop message' });
});

Then('{int} messages were received, none twice and none missing', function (this: IpcWorld, n: number) {
  const t = reported(this, 'tally');
  expectValue('messages received, duplicated, missing', [n, 0, 0], [t.received, t.duplicates, t.missing]);
  this.evidence.record('msg.compete', `${t.received} of ${t.sent} (${t.first} + ${t.second})`);
});

Then('each receiver got its messages in the order they were sent', function (this: IpcWorld) {
  expectValue('messages a receiver got out of order', 0, reported(this, 'tally').out_of_order);
});

// ---- permissions (fixtures/msg-perms.c) --------------------------------------------

const tried = (world: IpcWorld, call: string): FixtureEvent => world.lastRun().only('try', (e) => e.call === call);

When('an unprivileged process that created a SysV queue holding one message sets its mode to {mode}', async function (this: IpcWorld, mode: number) {
  // Stryker disable next-line all: the kept text only forms evidence keys
  this.keep('msg.perms_case', `own_${octal(mode)}`);
  await this.fixture('msg-perms', ['own', octal(mode)]);
  expectValue('the mode IPC_SET gave', mode, reported(this, 'mode-set').mode);
  reported(this, 'removed');
});

Given('a SysV queue that root created with mode {mode}, holding one message', function (this: IpcWorld, mode: number) {
  if (process.geteuid!() !== 0) throw new NotAvailable('only root can own a queue that uid 65534 does not own (this run is unprivileged)');
  const q = makeQueue(this, mode);
  expectSuccess(msgsnd(q.id, 1, Buffer.from('root\'s')), 0);
});

When('an unprivileged process tries it', async function (this: IpcWorld) {
  // Stryker disable next-line all: the kept text only forms evidence keys
  this.keep('msg.perms_case', 'foreign');
  await this.fixture('msg-perms', ['foreign', queue(this).key]);
});

Then(/^its (msgsnd|msgrcv|IPC_STAT|IPC_RMID|msgget with msgflg 0|msgget with msgflg 0400) succeeds$/, function (this: IpcWorld, call: string) {
  const t = tried(this, callName(call));
  expectValue(`errno of ${call} as uid 65534`, 'OK', errnoName(t.errno));
  expectAtLeast(`${call} as uid 65534`, 0, t.rc);
  this.evidence.record(`msg.${this.get<string>('msg.perms_case')}_${callName(call)}`, 'succeeded');
});

Then(/^its (msgsnd|msgrcv|IPC_STAT|IPC_RMID|msgget with msgflg 0|msgget with msgflg 0400) fails with ([A-Z0-9]+)$/, function (this: IpcWorld, call: string, errno: string) {
  const t = tried(this, callName(call));
  expectValue(`${call} as uid 65534`, { rc: -1, errno }, { rc: t.rc, errno: errnoName(t.errno) });
  this.evidence.record(`msg.${this.get<string>('msg.perms_case')}_${callName(call)}`, errno);
});

function callName(step: string): string {
  const m = /^msgget with msgflg (\d+)$/.exec(step);
  return m ? `msgget-${m[1]}` : step;
}

Then('the call returns {int} if this process has CAP_IPC_OWNER, else fails with {errno}', function (this: IpcWorld, rc: number, errno: string) {
  const owner = hasCapability('CAP_IPC_OWNER');
  if (owner) expectSuccess(this.lastCall(), rc);
  else expectFailure(this.lastCall(), errno);
  this.evidence.record('msg.mode0000_send', owner ? 'succeeded' : errno);
});

// ---- msgctl ---------------------------------------------------------------------------

When('msgctl is called with command {int}', function (this: IpcWorld, cmd: number) {
  this.last = msgctl(queue(this).id, cmd);
});

When('msgctl removes the queue with IPC_RMID', function (this: IpcWorld) {
  const q = queue(this);
  this.last = this.tracker.sysvRemoved('msg', q.id, removeQueue(q.id));
});

When('msgctl IPC_STAT is called on it', function (this: IpcWorld) {
  this.last = statRaw(queue(this).id);
});

Then('shmctl IPC_STAT on its identifier does not reach the queue', function (this: IpcWorld) {
  const q = queue(this);
  const r = shmStat(q.id);
  // EINVAL: no segment has that number. A segment that happens to have the same number is another object, with another key.
  skipIfBlocked('shmctl', r.errnoName);
  if (r.rc === -1) expectOneOf(`errno of shmctl(${q.id}, IPC_STAT)`, ['EINVAL', 'EACCES'], r.errnoName);
  else expectDistinct(`keys of the queue and of segment ${q.id}`, [q.key, r.key]);
  this.evidence.record('msg.shmctl_on_msqid', r.rc === -1 ? r.errnoName : 'another object with another key');
});

Then('\\/proc\\/sysvipc\\/shm lists no segment with its key', function (this: IpcWorld) {
  const key = queue(this).key;
  expectValue(`rows of /proc/sysvipc/shm with key ${key}`, [], sysvipcRows('shm', { key }));
});
