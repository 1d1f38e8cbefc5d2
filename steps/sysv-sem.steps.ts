/**
 * Steps for features/sysv-sem.feature. This process only makes semop calls
 * that cannot block (IPC_NOWAIT, or V); a process that must sleep in P is a
 * fixture (fixtures/sem-op.c, sem-threads.c), proven asleep by the kernel's
 * waiter count (GETNCNT), never by a sleep.
 */
import { readFileSync } from 'node:fs';
import { C, field, sizeOf } from '../native/constants';
import { SysResult } from '../native/libc';
import { requiredSysctlText } from '../native/platform';
import { getall, getval, semCount, semget, semInfo, semop, semRemove, semStat, semSysctl, setall, setval } from '../native/sysv-sem';
import { Given, Then, When } from './support/dsl';
import { expectAtLeast, expectDistinct, expectFailure, expectSuccess, expectValue } from './support/expect';
import { FixtureEvent, FixtureSession } from './support/fixtures';
import { createWithFreshKey, errnoOf, flagsFromText, reported, trackedId, until } from './support/params-sysv';
import type { IpcWorld } from './support/world';

interface SemSet { id: number; key: number; nsems: number }

function theSet(world: IpcWorld): SemSet {
  return world.get<SemSet>('sem.set');
}

function track(world: IpcWorld, r: SysResult, key: number, nsems: number): SemSet {
  return { id: trackedId(world, 'sem', r), key, nsems };
}

const privateSet = (world: IpcWorld, nsems: number) => track(world, semget(C.IPC_PRIVATE, nsems, C.IPC_CREAT | 0o600), C.IPC_PRIVATE, nsems);

/** kernel.sem, "SEMMSL SEMMNS SEMOPM SEMMNI", read from /proc, never assumed. */
const kernelSem = () => semSysctl(requiredSysctlText('kernel/sem'))!;

const list = (text: string) => text.split(',').map((v) => Number(v.trim()));

Given(/^a new private set of (\d+) semaphores?$/, function (this: IpcWorld, n: number) {
  this.keep('sem.set', privateSet(this, n));
});

Given(/^another new private set of (\d+) semaphores?$/, function (this: IpcWorld, n: number) {
  this.keep('sem.other', privateSet(this, n));
});

Given('a set of {int} semaphores created with a fresh key and mode {mode}', function (this: IpcWorld, n: number, mode: number) {
  const { key, result } = createWithFreshKey((k) => semget(k, n, C.IPC_CREAT | C.IPC_EXCL | mode));
  this.keep('sem.set', track(this, result, key, n));
});

Then('<sys\\/sem.h> sets _SEM_SEMUN_UNDEFINED to {int}', function (this: IpcWorld, value: number) {
  expectValue('_SEM_SEMUN_UNDEFINED', value, C._SEM_SEMUN_UNDEFINED);
  this.evidence.record('sem.semun_undefined', C._SEM_SEMUN_UNDEFINED);
});

// ---- values: SETVAL, GETVAL, SETALL, GETALL ----------------------------------------

function semvmx(): number {
  return semInfo().semvmx;
}

/** SETVAL of a value in 0..SEMVMX: it must succeed, or the steps after it would test another value. */
When(/^semaphore (\d+) is set to (\d+|SEMVMX) with SETVAL$/, function (this: IpcWorld, num: number, value: string) {
  this.last = setval(theSet(this).id, num, value === 'SEMVMX' ? semvmx() : Number(value));
  expectSuccess(this.last, 0);
  this.evidence.record('sem.semvmx', semvmx());
});

/** SETVAL out of range: the Then after it names the errno. */
When(/^semaphore (\d+) is set to (-\d+|SEMVMX plus 1) with SETVAL$/, function (this: IpcWorld, num: number, value: string) {
  this.last = setval(theSet(this).id, num, value === 'SEMVMX plus 1' ? semvmx() + 1 : Number(value));
});

Then(/^GETVAL of semaphore (\d+) reads (\d+|SEMVMX)$/, function (this: IpcWorld, num: number, value: string) {
  const expected = value === 'SEMVMX' ? semvmx() : Number(value);
  const r = getval(theSet(this).id, num);
  expectSuccess(r, expected);
});

Then('GETVAL of semaphore {int} fails with {errno}', function (this: IpcWorld, num: number, errno: string) {
  expectFailure(getval(theSet(this).id, num), errno);
  this.evidence.record('sem.after_rmid', errno);
});

When(/^the set is set to ([\d, ]+) with SETALL$/, function (this: IpcWorld, values: string) {
  expectSuccess(setall(theSet(this).id, list(values)), 0);
});

Then(/^GETALL reads ([\d, ]+)$/, function (this: IpcWorld, values: string) {
  const set = theSet(this);
  const r = getall(set.id, set.nsems);
  expectSuccess(r, 0);
  expectValue('GETALL', list(values), r.values);
});

Then('semctl fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.lastCall(), errno);
  this.evidence.record('sem.setval_out_of_range', errno);
});

// ---- semop from this process (never blocking) ----------------------------------------------

const tryP = (world: IpcWorld, num: number) => (world.last = semop(theSet(world).id, [{ num, op: -1, flags: C.IPC_NOWAIT }]));

/** One P that may fail: the Then after it says how. */
When('P is done on semaphore {int} without waiting', function (this: IpcWorld, num: number) {
  tryP(this, num);
});

/** P several times, each of which must succeed (the value allows them all). */
When('P is done on semaphore {int} without waiting {int} times', function (this: IpcWorld, num: number, times: number) {
  for (let i = 0; i < times; i++) expectSuccess(tryP(this, num), 0);
});

When('V is done on semaphore {int}', function (this: IpcWorld, num: number) {
  this.last = semop(theSet(this).id, [{ num, op: +1 }]);
});

When('semop waits for semaphore {int} to be zero without waiting', function (this: IpcWorld, num: number) {
  this.last = semop(theSet(this).id, [{ num, op: 0, flags: C.IPC_NOWAIT }]);
});

When('semop adds {int} to semaphore {int} and {int} to semaphore {int} in one call', function (this: IpcWorld, a: number, na: number, b: number, nb: number) {
  this.last = semop(theSet(this).id, [{ num: na, op: a }, { num: nb, op: b }]);
  expectSuccess(this.last, 0);
});

When('semop takes {int} from semaphore {int} and {int} from semaphore {int} in one call without waiting', function (this: IpcWorld, a: number, na: number, b: number, nb: number) {
  this.last = semop(theSet(this).id, [{ num: na, op: -a, flags: C.IPC_NOWAIT }, { num: nb, op: -b, flags: C.IPC_NOWAIT }]);
});

When('semop is given one operation more than kernel.sem\'s SEMOPM', function (this: IpcWorld) {
  const { semopm } = kernelSem();
  this.last = semop(theSet(this).id, Array.from({ length: semopm + 1 }, () => ({ num: 0, op: +1 })));
  this.evidence.record('kernel.sem.SEMOPM', semopm);
});

Then('semop fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.lastCall(), errno);
});

Then('semop returns {int}', function (this: IpcWorld, rc: number) {
  expectSuccess(this.lastCall(), rc);
});

// ---- limits ---------------------------------------------------------------------------------

Then('semctl IPC_INFO reports SEMMSL, SEMMNS, SEMOPM and SEMMNI as kernel.sem does', function (this: IpcWorld) {
  const proc = kernelSem();
  const info = semInfo();
  expectValue('seminfo vs kernel.sem', proc, { semmsl: info.semmsl, semmns: info.semmns, semopm: info.semopm, semmni: info.semmni });
  this.evidence.record('kernel.sem', `${proc.semmsl} ${proc.semmns} ${proc.semopm} ${proc.semmni}`);
  this.evidence.record('sem.semmsl', proc.semmsl);
});

function createPrivate(world: IpcWorld, nsems: number): void {
  world.last = world.tracker.sysvCreated('sem', semget(C.IPC_PRIVATE, nsems, C.IPC_CREAT | 0o600));
}

When('semget creates a private set of {int} semaphores', function (this: IpcWorld, n: number) {
  createPrivate(this, n);
});

When('semget creates a private set of SEMMSL semaphores', function (this: IpcWorld) {
  createPrivate(this, kernelSem().semmsl);
});

When('semget creates a private set of SEMMSL plus 1 semaphores', function (this: IpcWorld) {
  createPrivate(this, kernelSem().semmsl + 1);
});

Then('semget returned a set of SEMMSL semaphores', function (this: IpcWorld) {
  expectSuccess(this.lastCall());
  expectValue('sem_nsems of the new set', kernelSem().semmsl, semStat(this.lastCall().rc).stat?.nsems);
  this.evidence.record('sem.largest_set', kernelSem().semmsl);
});

Then('semget fails with {errno}', function (this: IpcWorld, errno: string) {
  expectFailure(this.lastCall(), errno);
});

Then('struct sembuf holds exactly sem_num, sem_op and sem_flg, of {int} bytes each', function (this: IpcWorld, width: number) {
  const names = ['sem_num', 'sem_op', 'sem_flg'];
  expectValue('sizeof(struct sembuf)', names.length * width, sizeOf('struct sembuf'));
  expectValue('offsets and sizes of the fields', names.map((n, i) => ({ n, offset: i * width, size: width })),
    names.map((n) => ({ n, offset: field('struct sembuf', n).offset, size: field('struct sembuf', n).size })));
  this.evidence.record('sem.sembuf_size', sizeOf('struct sembuf'));
});

// ---- keys -----------------------------------------------------------------------------------

When(/^semget looks up that key with (\d+) semaphores and (no flags|[A-Z_|]+)$/, function (this: IpcWorld, n: number, flags: string) {
  const set = theSet(this);
  this.last = semget(set.key, n, flagsFromText(flags, C) | (flags.includes('IPC_CREAT') ? 0o600 : 0));
  this.tracker.sysvCreated('sem', this.last);
});

Then('semget returns the set\'s id', function (this: IpcWorld) {
  expectSuccess(this.lastCall(), theSet(this).id);
  this.evidence.record('sem.same_key_same_id', true);
});

Then('IPC_STAT reports {int} semaphores and mode {mode}', function (this: IpcWorld, n: number, mode: number) {
  const r = semStat(theSet(this).id);
  expectSuccess(r, 0);
  expectValue('sem_nsems, sem_perm.mode', { n, mode }, { n: r.stat!.nsems, mode: r.stat!.perm.mode });
});

Then('the two sets have different ids', function (this: IpcWorld) {
  const a = theSet(this).id;
  const b = this.get<SemSet>('sem.other').id;
  expectDistinct('the ids of two semget(IPC_PRIVATE) calls', [a, b]);
  this.evidence.record('sem.private_ids', `${a} and ${b}`);
});

When('the set is removed with IPC_RMID', function (this: IpcWorld) {
  const id = theSet(this).id;
  expectSuccess(this.tracker.sysvRemoved('sem', id, semRemove(id)), 0);
});

// ---- other processes ---------------------------------------------------------------------------

function waiter(world: IpcWorld): FixtureSession {
  return world.get<FixtureSession>('sem.waiter');
}

When('a separate process does P on semaphore {int}', async function (this: IpcWorld, num: number) {
  const s = this.keep('sem.waiter', this.session('sem-op', ['--hold', '--id', theSet(this).id, `${num}:-1`], { waitingFor: 'its P to return' }));
  this.keep('sem.waiter_pid', (await s.waitFor('ready')).pid);
});

Then(/^the kernel counts (\d+) process(?:es)? waiting for semaphore (\d+) to grow$/, async function (this: IpcWorld, n: number, num: number) {
  const id = theSet(this).id;
  await until(`GETNCNT of semaphore ${num} is ${n}`, () => semCount(id, num, 'GETNCNT').rc === n);
  expectSuccess(semCount(id, num, 'GETNCNT'), n);
  this.evidence.record(`sem.ncnt_${n === 0 ? 'after' : 'while_blocked'}`, n);
});

Then('that process\'s semop has not returned', function (this: IpcWorld) {
  // GETNCNT already counts it as waiting; the kernel also shows it asleep (S), not running or finished
  const pid = this.get<number>('sem.waiter_pid');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  expectValue(`scheduler state of pid ${pid}`, 'S', stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  this.evidence.record('sem.waiter_state', 'S');
});

async function semopOutcome(world: IpcWorld): Promise<FixtureEvent> {
  if (world.objects.has('sem.waiter')) {
    const s = waiter(world);
    const e = await s.waitFor('semop');
    await s.finish();
    world.objects.delete('sem.waiter');
    world.keep('sem.outcome', e);
  }
  return world.get<FixtureEvent>('sem.outcome');
}

Then('that process\'s semop returned {int}', async function (this: IpcWorld, rc: number) {
  const e = await semopOutcome(this);
  expectValue('rc, errno of that process\'s semop', [rc, 'OK'], [e.rc, errnoOf(e)]);
});

Then('that process\'s semop failed with {errno}', async function (this: IpcWorld, errno: string) {
  const e = await semopOutcome(this);
  expectValue('rc, errno of that process\'s semop', [-1, errno], [e.rc, errnoOf(e)]);
  this.evidence.record(`sem.peer_${errno}`, errno);
});

Then('GETPID of semaphore {int} names that process', function (this: IpcWorld, num: number) {
  expectSuccess(semCount(theSet(this).id, num, 'GETPID'), this.get<number>('sem.waiter_pid'));
  this.evidence.record('sem.getpid_is_waiter', true);
});

When('a separate process does P on semaphore {int} without waiting', async function (this: IpcWorld, num: number) {
  await this.fixture('sem-op', ['--id', theSet(this).id, `${num}:-1:n`]);
  this.keep('sem.outcome', reported(this, 'semop'));
});

When('a separate process that never called semget does V on semaphore {int} by the set\'s id', async function (this: IpcWorld, num: number) {
  await this.fixture('sem-op', ['--id', theSet(this).id, `${num}:+1`]);
  this.keep('sem.outcome', reported(this, 'semop'));
  this.evidence.record('sem.op_by_id_only', 'returned 0');
});

When('a separate process reads semaphore {int}', async function (this: IpcWorld, num: number) {
  await this.fixture('sem-op', ['--id', theSet(this).id, `get:${num}`]);
});

When('a separate process gets the set by that key with {int} semaphores and reads semaphore {int}', async function (this: IpcWorld, n: number, num: number) {
  await this.fixture('sem-op', ['--key', theSet(this).key, '--nsems', n, `get:${num}`]);
});

Then('that process got the set\'s id', function (this: IpcWorld) {
  expectValue('the id the other process got', theSet(this).id, reported(this, 'got').id);
  this.evidence.record('sem.peer_same_id', true);
});

Then('that process read the value {int}', function (this: IpcWorld, value: number) {
  expectValue('the value the other process read', value, reported(this, 'value').val);
  this.evidence.record('sem.peer_read_value', value);
});

When('a separate process takes semaphore {int} with SEM_UNDO and semaphore {int} without, and stays', async function (this: IpcWorld, undo: number, plain: number) {
  const s = this.keep('sem.holder', this.session('sem-op', ['--hold', '--id', theSet(this).id, `${undo}:-1:nu,${plain}:-1:n`]));
  const e = await s.waitFor('semop');
  expectValue('rc, errno of the holder\'s semop', [0, 'OK'], [e.rc, errnoOf(e)]);
});

When('that process exits', async function (this: IpcWorld) {
  const s = this.get<FixtureSession>('sem.holder');
  await s.finish();
  this.evidence.record('sem.undo_on_exit', 'given back');
});

// ---- threads ------------------------------------------------------------------------------------

When('a thread of a process does P on a semaphore at 0 and the main thread does V once the kernel counts it waiting', async function (this: IpcWorld) {
  await this.fixture('sem-threads', [], { waitingFor: 'the thread to block in P and be released' });
});

Then('the kernel counted {int} waiter while the thread had not returned', function (this: IpcWorld, n: number) {
  const e = reported(this, 'waiting');
  expectValue('GETNCNT, returned, value', { ncnt: n, returned: false, val: 0 }, { ncnt: e.ncnt, returned: e.returned, val: e.val });
  this.evidence.record('sem.thread_ncnt', e.ncnt);
});

Then('the thread\'s P returned {int} in the same process', function (this: IpcWorld, rc: number) {
  const e = reported(this, 'released');
  expectValue('rc, errno, same process, value and waiters after', { rc, errno: 'OK', same: true, val: 0, ncnt: 0 },
    { rc: e.rc, errno: errnoOf(e), same: e.same_pid, val: e.val, ncnt: e.ncnt });
});

// ---- counting processes -----------------------------------------------------------------------------

When('{int} processes each increment a counter in a segment {int} times inside P and V, and do V on a second semaphore each time', async function (this: IpcWorld, processes: number, each: number) {
  expectAtLeast('SEMVMX, against the V operations the fixture will do', processes * each, semvmx());
  await this.fixture('shm-counter', ['count', processes, each], { waitingFor: 'every counting process to finish' });
  this.keep('sem.counted', reported(this, 'counted'));
});

Then('the counter ends at {int}', function (this: IpcWorld, n: number) {
  expectValue('the counter in the segment', n, this.get<FixtureEvent>('sem.counted').counter);
  this.evidence.record('sem.locked_counter', n);
});

Then('the second semaphore\'s value is {int}', function (this: IpcWorld, n: number) {
  expectValue('GETVAL of the second semaphore', n, this.get<FixtureEvent>('sem.counted').semval);
  this.evidence.record('sem.v_total', n);
});

Then('the lock semaphore is back at {int}', function (this: IpcWorld, n: number) {
  expectValue('GETVAL of the lock semaphore', n, this.get<FixtureEvent>('sem.counted').mutex);
});
