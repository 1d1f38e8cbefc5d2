/**
 * Steps for features/sysv-shm.feature. In-process facts go through
 * native/sysv-shm.ts (koffi); other processes, faults and privilege drops go
 * through fixtures/shm-*.c.
 */
import { DataTable } from '@cucumber/cucumber';
import { C } from '../native/constants';
import { compileText, Compilation } from '../native/compiler';
import { callLog, SysResult } from '../native/libc';
import { NotAvailable } from '../native/not-available';
import { pageSize, requiredSysctlText, sysctlText } from '../native/platform';
import { mapsAreaLength, mapsEntry } from '../native/mmap';
import { signalNumber } from '../native/signal-names';
import { sysvipcRows } from '../native/sysv';
import { Attachment, shmat, shmget, shmInfo, shmRemove, shmSetMode, shmStat, statOf, sysvMappingsOf, view } from '../native/sysv-shm';
import { Given, Then, When } from './support/dsl';
import { expectAbove, expectDistinct, expectFailure, expectSuccess, expectTrue, expectValue } from './support/expect';
import { createWithFreshKey, errnoOf, flagsFromText, reported, trackedId, unusedKey } from './support/params-sysv';
import type { IpcWorld } from './support/world';

interface Segment { id: number; key: number; size: number }

// Stryker disable next-line all: hex only words addresses in failure messages and labels
const hex = (addr: bigint) => `0x${addr.toString(16)}`;

// ---- the scenario's segments and attachments ------------------------------------

function segment(world: IpcWorld): Segment {
  return world.get<Segment>('shm.segment');
}

function attachment(world: IpcWorld): Attachment {
  return world.get<Attachment>('shm.attachment');
}

/** A segment this scenario created, removed after it (IPC_RMID) even when it fails. */
function track(world: IpcWorld, r: SysResult, key: number, size: number): Segment {
  return { id: trackedId(world, 'shm', r), key, size };
}

function privateSegment(world: IpcWorld, size: number, mode = 0o600): Segment {
  return track(world, shmget(C.IPC_PRIVATE, size, C.IPC_CREAT | mode), C.IPC_PRIVATE, size);
}

/** Attaches read-write and registers the detach, which runs before the segment's removal. */
function attach(world: IpcWorld, seg: Segment): Attachment {
  const r = shmat(seg.id, null, 0);
  expectSuccess(r);
  return world.tracker.mapping(`shm ${seg.id} at ${hex(r.addr)}`, new Attachment(seg.id, r.addr, seg.size));
}

Given('a new private segment of {int} bytes', function (this: IpcWorld, size: number) {
  const seg = this.keep('shm.segment', privateSegment(this, size));
  this.evidence.record('shm.id', seg.id);
});

Given('another new private segment of {int} bytes', function (this: IpcWorld, size: number) {
  this.keep('shm.other', privateSegment(this, size));
});

Given('a segment of {int} bytes created with a fresh key and mode {mode}', function (this: IpcWorld, size: number, mode: number) {
  const { key, result } = createWithFreshKey((k) => shmget(k, size, C.IPC_CREAT | C.IPC_EXCL | mode));
  this.keep('shm.segment', track(this, result, key, size));
});

Given('the segment is attached', function (this: IpcWorld) {
  this.keep('shm.attachment', attach(this, segment(this)));
});

Given('{string} is stored at offset {int} of the attachment', function (this: IpcWorld, text: string, offset: number) {
  attachment(this).store(offset, text);
});

// ---- prototypes ---------------------------------------------------------------------

When(/^a C file that includes (.+?) and declares the note's prototypes is compiled:$/, function (this: IpcWorld, headers: string, table: DataTable) {
  const includes = [...headers.matchAll(/<[^>]+>/g)].map((m) => `#include ${m[0]}`);
  const text = [...includes, ...table.raw().map((row) => row[0]), 'int main(void) { return 0; }', ''].join('\n');
  this.keep('sysv.compilation', compileText('c', text, this.tracker.tempDir('sysv-compile'), 'prototypes'));
});

Then('the declarations compile without a diagnostic', function (this: IpcWorld) {
  const c = this.get<Compilation>('sysv.compilation');
  expectTrue(`${c.command} failed:\n${c.diagnostics}`, c.ok);
  expectValue(`diagnostics of ${c.command}`, '', c.diagnostics);
  this.evidence.record('sysv.prototypes', 'compile cleanly');
});

// ---- sizes and limits -----------------------------------------------------------------

Then('IPC_STAT reports a size of {int} bytes', function (this: IpcWorld, size: number) {
  expectValue('shm_segsz', size, statOf(segment(this).id).segsz);
  this.evidence.record('shm.segsz', size);
});

Then('its mapping in this process spans one page', function (this: IpcWorld) {
  const length = mapsAreaLength(attachment(this).addr);
  expectValue('length of the mapping at the attach address', pageSize(), length);
  this.evidence.record('shm.mapping_bytes', length!);
  this.evidence.record('page_size', pageSize());
});

/** kernel.shmmax as an exact integer: it is often near 2^64, beyond a double's precision. */
const shmmaxFromProc = (): bigint => BigInt(requiredSysctlText('kernel/shmmax'));

Then('shmctl IPC_INFO reports the limits kernel.shmmax, kernel.shmmni and kernel.shmall of \\/proc\\/sys', function (this: IpcWorld) {
  const info = shmInfo();
  const proc = { shmmax: shmmaxFromProc(), shmmni: BigInt(sysctlText('kernel/shmmni') ?? '-1'), shmall: BigInt(sysctlText('kernel/shmall') ?? '-1') };
  expectValue('shminfo.shmmax vs kernel.shmmax', proc.shmmax.toString(), info.shmmax.toString());
  expectValue('shminfo.shmmni vs kernel.shmmni', proc.shmmni.toString(), info.shmmni.toString());
  expectValue('shminfo.shmall vs kernel.shmall', proc.shmall.toString(), info.shmall.toString());
  this.evidence.record('kernel.shmmax', proc.shmmax.toString());
  this.evidence.record('kernel.shmmni', proc.shmmni.toString());
  this.evidence.record('kernel.shmall', proc.shmall.toString());
  this.evidence.record('shm.shmmin', info.shmmin.toString());
});

When('private segments of {int}, {int} and {int} bytes, or kernel.shmmax where that is smaller, are created', function (this: IpcWorld, a: number, b: number, c: number) {
  const shmmax = shmmaxFromProc(); // a private IPC namespace or container may set it low
  this.keep('shm.sized', [a, b, c].map((size) => privateSegment(this, BigInt(size) > shmmax ? Number(shmmax) : size)));
});

Then('IPC_STAT reports each of their sizes exactly', function (this: IpcWorld) {
  const segs = this.get<Segment[]>('shm.sized');
  expectValue('shm_segsz of each segment', segs.map((s) => s.size), segs.map((s) => statOf(s.id).segsz));
  this.evidence.record('shm.sizes', segs.map((s) => s.size).join(', '));
});

function request(world: IpcWorld, size: number | bigint): void {
  const r = shmget(C.IPC_PRIVATE, size, C.IPC_CREAT | 0o600);
  world.last = world.tracker.sysvCreated('shm', r);
}

When('a private segment of {int} bytes is requested', function (this: IpcWorld, size: number) {
  request(this, size);
});

When('a private segment of kernel.shmmax plus {int} bytes is requested', function (this: IpcWorld, extra: number) {
  const size = shmmaxFromProc() + BigInt(extra);
  if (size > 0xffffffffffffffffn) throw new NotAvailable('kernel.shmmax is the largest size_t, so no size exceeds it');
  request(this, size);
  this.evidence.record('shm.over_shmmax', this.lastCall().errnoName);
});

Then('shmget fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.lastCall(), errno);
});

// ---- keys ------------------------------------------------------------------------------------

When(/^shmget looks up that key with size (\d+) and (no flags|[A-Z_|]+)$/, function (this: IpcWorld, size: number, flags: string) {
  const seg = segment(this);
  this.last = shmget(seg.key, size, flagsFromText(flags, C) | (flags.includes('IPC_CREAT') ? 0o600 : 0));
  this.tracker.sysvCreated('shm', this.last);
});

When('shmget looks up an unused key with size {int} and no flags', function (this: IpcWorld, size: number) {
  const key = unusedKey((k) => shmget(k, 0, 0).rc !== -1);
  this.last = shmget(key, size, 0);
  this.evidence.record('shm.unused_key_errno', this.last.errnoName);
});

Then('shmget returns the segment\'s id', function (this: IpcWorld) {
  expectSuccess(this.lastCall(), segment(this).id);
});

Then('shmget of the segment\'s key fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(shmget(segment(this).key, 0, 0), errno);
});

Then('IPC_STAT reports mode {mode} and this process\'s user as owner and creator', function (this: IpcWorld, mode: number) {
  const { perm } = statOf(segment(this).id);
  const uid = process.geteuid!();
  expectValue('shm_perm mode, uid, cuid', { mode, uid, cuid: uid }, { mode: perm.mode, uid: perm.uid, cuid: perm.cuid });
  this.evidence.record('shm.mode', `0${mode.toString(8)}`);
});

When('a separate process gets the segment by that key and reads {int} bytes at offset {int}', async function (this: IpcWorld, n: number, offset: number) {
  await this.fixture('shm-peer', ['--key', segment(this).key, `read:${offset}:${n}`]);
});

Then('that process got the segment\'s id', function (this: IpcWorld) {
  expectValue('the id the other process got', segment(this).id, reported(this, 'got').id);
  this.evidence.record('shm.same_key_same_id', true);
});

Then('that process read {string}', function (this: IpcWorld, text: string) {
  const got = String(reported(this, 'read').data);
  expectValue('what the other process read', text, got);
  this.evidence.record('shm.peer_read', got);
});

When('a separate process looks up another unused key', async function (this: IpcWorld) {
  const key = unusedKey((k) => shmget(k, 0, 0).rc !== -1);
  await this.fixture('shm-peer', ['--key', key]);
});

Then('that process\'s lookup failed with {errno}', function (this: IpcWorld, errno: string) {
  expectValue('errno of shmget(other key, 0, 0)', errno, errnoOf(reported(this, 'get-failed')));
});

Then('the two segments have different ids', function (this: IpcWorld) {
  const a = segment(this).id;
  const b = this.get<Segment>('shm.other').id;
  expectDistinct('the ids of two shmget(IPC_PRIVATE) calls', [a, b]);
  this.evidence.record('shm.private_ids', `${a} and ${b}`);
});

Then('IPC_STAT reports key {int} for both', function (this: IpcWorld, key: number) {
  expectValue('shm_perm.__key of the two segments', [key, key], [statOf(segment(this).id).perm.key, statOf(this.get<Segment>('shm.other').id).perm.key]);
});

When('a process in a new IPC namespace looks up that key', async function (this: IpcWorld) {
  await this.fixture('shm-ns', [segment(this).key]);
  this.evidence.record('shm.namespace', String(reported(this, 'namespace').how));
});

Then('that process\'s lookup in the new namespace failed with {errno}', function (this: IpcWorld, errno: string) {
  const e = reported(this, 'lookup');
  expectValue('shmget(key, 0, 0) in the new namespace', [-1, errno], [e.rc, errnoOf(e)]);
  this.evidence.record('shm.namespace_lookup', errno);
});

Then('that process\'s first segment in the new namespace got id {int}', function (this: IpcWorld, id: number) {
  const e = reported(this, 'first-id');
  expectValue('shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) in the new namespace', id, e.rc);
  this.evidence.record('shm.first_id_in_new_namespace', e.rc);
});

// ---- attaching ----------------------------------------------------------------------------------

Then('IPC_STAT reports {int} attachment(s)', function (this: IpcWorld, n: number) {
  expectValue('shm_nattch', n, statOf(segment(this).id).nattch);
});

Then('this process has no mapping of the segment', function (this: IpcWorld) {
  expectValue(`mappings of segment ${segment(this).id} in /proc/self/maps`, [], sysvMappingsOf(segment(this).id).map((m) => hex(m.start)));
});

Then(/^\/proc\/self\/maps shows a shared "([^"]+)" mapping of the segment at the attach address, named after its key$/, function (this: IpcWorld, perms: string) {
  const a = attachment(this);
  const m = mapsEntry(a.addr);
  expectValue(`start of a /proc/self/maps area at ${hex(a.addr)}`, a.addr, m?.start);
  const key = statOf(a.id).perm.key >>> 0;
  const name = `/SYSV${key.toString(16).padStart(8, '0')}`;
  expectValue('permissions, inode (the shm id) and name of the mapping', { perms, inode: a.id, name }, { perms: m!.perms, inode: m!.inode, name: m!.path.split(' ')[0] });
  this.evidence.record('shm.maps_line', `${hex(m!.start)}-${hex(m!.end)} ${m!.perms} inode ${m!.inode} ${m!.path}`);
});

When('a process attaches it at NULL, at that address plus 1, with SHM_RND, and at the address itself', async function (this: IpcWorld) {
  await this.fixture('shm-addr', [segment(this).id]);
});

Then('the kernel chose an address aligned to SHMLBA', function (this: IpcWorld) {
  const e = reported(this, 'kernel-chosen');
  expectValue('SHMLBA in the fixture and in the probe', C.SHMLBA, e.shmlba);
  expectValue('whether the address is aligned to the page and to SHMLBA', [true, true], [e.page_aligned, e.shmlba_aligned]);
  this.evidence.record('SHMLBA', C.SHMLBA);
  this.evidence.record('page_size', pageSize());
});

Then('the address plus 1 was refused with {errno}', function (this: IpcWorld, errno: string) {
  const e = reported(this, 'unaligned');
  expectValue('shmat(id, addr + 1, 0)', [-1, errno], [e.rc, errnoOf(e)]);
  this.evidence.record('shm.unaligned_errno', errno);
});

Then('with SHM_RND it was rounded down to a multiple of SHMLBA', function (this: IpcWorld) {
  const e = reported(this, 'rounded');
  expectValue('shmat(id, addr + 1, SHM_RND)', 0, e.rc);
  expectValue('the address SHM_RND gave', e.expected, e.addr);
});

Then('the aligned address was used as given', function (this: IpcWorld) {
  const e = reported(this, 'exact');
  expectValue('shmat(id, addr, 0)', 0, e.rc);
  expectValue('the address shmat returned', e.expected, e.addr);
});

// ---- faults -----------------------------------------------------------------------------------------

When(/^a child attaches the segment( with SHM_RDONLY and loads a byte| with SHM_RDONLY and stores a byte|, detaches it and stores a byte at the old address)$/, async function (this: IpcWorld, how: string) {
  const mode = how.includes('loads') ? 'rdonly-load' : how.includes('detaches') ? 'store-after-detach' : 'rdonly-store';
  await this.fixture('shm-fault', [segment(this).id, mode]);
  this.keep('shm.fault_mode', mode);
});

Then('the child survived and loaded {string}', function (this: IpcWorld, text: string) {
  expectValue('the byte the child loaded', text.charCodeAt(0), reported(this, 'survived').byte);
  expectValue('how the child ended', { exit: 0 }, { exit: reported(this, 'child-ended').exit });
});

Then('the child was killed by {signal}', function (this: IpcWorld, signal: string) {
  const ended = reported(this, 'child-ended');
  expectValue('the signal that ended the child', signalNumber(signal), ended.signal);
  expectValue('stores that survived', 0, this.lastRun().all('survived').length);
  this.evidence.record(`shm.${this.get<string>('shm.fault_mode').replace(/-/g, '_')}`, signal);
});

// ---- detaching, shmctl -----------------------------------------------------------------------------

When('the segment is detached', function (this: IpcWorld) {
  this.last = attachment(this).detach();
});

Then('shmdt returned {int}', function (this: IpcWorld, rc: number) {
  expectSuccess(this.lastCall(), rc);
});

When('a separate process attaches the segment by its id and reads {int} bytes at offset {int}', async function (this: IpcWorld, n: number, offset: number) {
  await this.fixture('shm-peer', ['--id', segment(this).id, `read:${offset}:${n}`]);
  this.keep('shm.peer_pid', reported(this, 'attached').pid);
});

When('a separate process attaches the segment by its id, reads {int} bytes at offset {int} and stores {string} at offset {int}', async function (this: IpcWorld, n: number, offset: number, text: string, at: number) {
  await this.fixture('shm-peer', ['--id', segment(this).id, `read:${offset}:${n}`, `write:${at}:${text}`]);
});

Then('IPC_STAT reports this process as the creator, no attach or detach yet and {int} attachments', function (this: IpcWorld, n: number) {
  const s = statOf(segment(this).id);
  expectValue('shm_cpid, shm_lpid, shm_nattch', { cpid: process.pid, lpid: 0, nattch: n }, { cpid: s.cpid, lpid: s.lpid, nattch: s.nattch });
  expectValue('shm_atime and shm_dtime before any attach', [0, 0], [s.atime, s.dtime]);
  this.evidence.record('shm.cpid_is_creator', true);
});

Then('IPC_STAT reports that process as the last to attach or detach, and {int} attachments', function (this: IpcWorld, n: number) {
  const s = statOf(segment(this).id);
  expectValue('shm_lpid, shm_nattch', { lpid: this.get<number>('shm.peer_pid'), nattch: n }, { lpid: s.lpid, nattch: s.nattch });
  expectAbove('shm_atime after an attach', 0, s.atime);
  expectAbove('shm_dtime after a detach', 0, s.dtime);
  this.evidence.record('shm.lpid_is_peer', true);
});

When('the segment\'s mode is set to {mode} with IPC_SET', function (this: IpcWorld, mode: number) {
  expectSuccess(shmSetMode(segment(this).id, mode), 0);
});

When('the segment is removed with IPC_RMID', function (this: IpcWorld) {
  const id = segment(this).id;
  expectSuccess(this.tracker.sysvRemoved('shm', id, shmRemove(id)), 0);
});

Then('IPC_STAT fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(shmStat(segment(this).id), errno);
  this.evidence.record('shm.stat_after_removal', errno);
});

Then('IPC_STAT shows SHM_DEST in its mode, key {int} and {int} attachment', function (this: IpcWorld, key: number, n: number) {
  const s = statOf(segment(this).id);
  expectValue('SHM_DEST bit, key, shm_nattch', { dest: true, key, nattch: n }, { dest: (s.rawMode & C.SHM_DEST) !== 0, key: s.perm.key, nattch: s.nattch });
  this.evidence.record('shm.removed_mode', `0${s.rawMode.toString(8)}`);
});

Then(/^the attachment (?:still )?reads "([^"]*)" at offset (\d+)$/, function (this: IpcWorld, text: string, offset: number) {
  const bytes = attachment(this).read(offset, Buffer.byteLength(text) + 1);
  expectValue(`bytes at offset ${offset} of the attachment`, `${text}\0`, bytes.toString('latin1'));
});

// ---- sharing ------------------------------------------------------------------------------------------

const SLOT = 64;

When('{int} processes attach the segment at once, each writes its slot and then reads every slot', async function (this: IpcWorld, n: number) {
  await this.fixture('shm-many', [segment(this).id, n], { waitingFor: 'every child to attach, write and read' });
});

Then('all {int} were attached at the same time', function (this: IpcWorld, n: number) {
  expectValue('children attached while all waited', n, reported(this, 'all-attached').children_attached);
  expectValue('children attached after all ended', 0, reported(this, 'done').children_attached);
  this.evidence.record('shm.concurrent_attachments', n);
});

const slotTexts = (slots: string) => slots.split('|');

Then('each of them read the creator\'s greeting and all {int} slots', function (this: IpcWorld, n: number) {
  const greeting = attachment(this).read(0, SLOT).toString('latin1').split('\0')[0];
  const saw = this.lastRun().all('saw').sort((a, b) => a.who - b.who);
  expectValue('children that reported', Array.from({ length: n }, (_, i) => i), saw.map((e) => e.who));
  const slots = saw[0].slots;
  expectValue('the greeting and the slots each child read', saw.map(() => [greeting, slots]), saw.map((e) => [e.greeting, e.slots]));
  expectValue('the child each slot names ("child <i> pid <pid>")', Array.from({ length: n }, (_, i) => `child ${i}`),
    slotTexts(slots).map((s) => s.split(' ').slice(0, 2).join(' ')));
});

Then('the attachment reads all {int} slots', function (this: IpcWorld, n: number) {
  const a = attachment(this);
  const mine = Array.from({ length: n }, (_, i) => a.read(SLOT * (i + 1), SLOT).toString('latin1').split('\0')[0]);
  expectValue('the slots as this process reads them', slotTexts(this.lastRun().all('saw')[0].slots), mine);
});

When('the segment is attached twice', function (this: IpcWorld) {
  const seg = segment(this);
  this.keep('shm.pair', [attach(this, seg), attach(this, seg)]);
});

Then('the two attachments have different addresses', function (this: IpcWorld) {
  const [a, b] = this.get<Attachment[]>('shm.pair');
  expectDistinct('the addresses of two attachments', [a.addr, b.addr]);
  expectValue('shm_nattch', 2, statOf(a.id).nattch);
});

Then('{int} bytes stored through the first attachment are read back through the second with no call in between', function (this: IpcWorld, n: number) {
  const [a, b] = this.get<Attachment[]>('shm.pair');
  // Stryker disable next-line all: the same pattern is stored through one attachment and expected through the other
  const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251));
  const first = view(a.addr, n);
  const second = view(b.addr, n);
  const calls = callLog.length;
  first.set(bytes);
  const seen = Buffer.from(second); // a plain load through the second mapping, copied
  expectValue('calls the kit made between the store and the load', calls, callLog.length);
  expectValue('the bytes read through the second attachment (hex)', bytes.toString('hex'), seen.toString('hex'));
  this.evidence.record('shm.bytes_seen_through_second_attachment', n);
});

When('a second thread writes a global variable and a heap buffer of its process', async function (this: IpcWorld) {
  await this.fixture('shm-threads');
});

Then('the main thread reads {int} from the global and {string} from the buffer', function (this: IpcWorld, value: number, text: string) {
  const e = reported(this, 'shared');
  expectValue('global, heap buffer, same process, same address', { value, text, pid: true, addr: true },
    { value: e.global, text: e.heap, pid: e.same_pid, addr: e.same_global_address });
  this.evidence.record('shm.thread_global', e.global);
});

// ---- synchronisation ---------------------------------------------------------------------------------------

When('two processes increment a counter in a segment, the second loading it after the first loaded and before it stored', async function (this: IpcWorld) {
  await this.fixture('shm-counter', ['interleave']);
  this.keep('shm.counter', reported(this, 'unsynchronised'));
});

When('two processes increment a counter in a segment inside P and V of a semaphore', async function (this: IpcWorld) {
  await this.fixture('shm-counter', ['locked'], { waitingFor: 'the second process to get through P' });
  this.keep('shm.counter', reported(this, 'synchronised'));
});

Then('the counter ends at {int} after {int} increments', function (this: IpcWorld, final: number, increments: number) {
  const e = this.get<Record<string, number>>('shm.counter');
  expectValue('increments done, final counter', { increments, final }, { increments: e.increments, final: e.final });
  this.evidence.record(e.waiting_while_parent_inside === undefined ? 'shm.unlocked_final' : 'shm.locked_final', e.final);
});

Then('the second process had read {int}', function (this: IpcWorld, value: number) {
  expectValue('the value the second process loaded', value, this.get<Record<string, number>>('shm.counter').child_read);
});

Then('while the first was between its load and store, the kernel counted {int} process waiting in P', function (this: IpcWorld, n: number) {
  expectValue('GETNCNT while the first process held the semaphore', n, this.get<Record<string, number>>('shm.counter').waiting_while_parent_inside);
  this.evidence.record('shm.waiting_in_p', n);
});

When('{int} messages are stored one after another at offset {int} while no other process is attached', function (this: IpcWorld, n: number, offset: number) {
  const a = attachment(this);
  expectValue('shm_nattch before the stores', 1, statOf(a.id).nattch);
  for (let i = 0; i < n; i++) a.store(offset, `message ${i}`);
  this.evidence.record('shm.stores_without_reader', n);
});

Then(/^\/proc\/sysvipc\/shm lists the segment with key (\d+)$/, function (this: IpcWorld, key: number) {
  const id = segment(this).id;
  expectValue(`[key, shmid] of the rows of /proc/sysvipc/shm for shmid ${id}`, [[key, id]], sysvipcRows('shm', { id }).map((r) => [r.key, r.id]));
  this.evidence.record('shm.listed_in_proc', true);
});

When(/^a process running as uid 65534 attaches the segment by its id( with SHM_RDONLY)?$/, async function (this: IpcWorld, rdonly?: string) {
  await this.fixture('shm-peer', ['--unprivileged', ...(rdonly ? ['--rdonly'] : []), '--id', segment(this).id]);
});

Then('that process was refused with {errno} unless it is the segment\'s owner', function (this: IpcWorld, errno: string) {
  const owner = statOf(segment(this).id).perm.uid;
  const uid = reported(this, 'unprivileged').uid;
  if (owner === uid) {
    // the run itself is unprivileged, so "the other user" owns the segment: mode 0600 lets it in
    expectValue(`refusals of shmat by the segment's own uid ${uid}`, 0, this.lastRun().all('attach-failed').length);
    reported(this, 'attached');
    this.evidence.record('shm.other_user_attach', 'owner');
  } else {
    expectValue(`errno of shmat by uid ${uid} on a 0600 segment of uid ${owner}`, errno, errnoOf(reported(this, 'attach-failed')));
    this.evidence.record('shm.other_user_attach', errno);
  }
});

Then('that process was refused with {errno}', function (this: IpcWorld, errno: string) {
  expectValue('errno of the refused shmat', errno, errnoOf(reported(this, 'attach-failed')));
  this.evidence.record('shm.read_only_rw_attach', errno);
});

Then('that process was attached', function (this: IpcWorld) {
  expectValue('the id it attached', segment(this).id, reported(this, 'attached').id);
  this.evidence.record('shm.read_only_rdonly_attach', 'attached');
});
