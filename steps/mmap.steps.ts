/**
 * Steps for features/mmap.feature. Mappings made in this process go through
 * native/mmap.ts (koffi); faults, fork and a second process go through
 * fixtures/mmap-*.c.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { C } from '../native/constants';
import { Compilation, compileText } from '../native/compiler';
import { errnoName } from '../native/errno';
import { read, stat, write } from '../native/fd';
import { SysResult } from '../native/libc';
import { deviceNumbers, MAP_FAILED, MapResult, Mapping, mapsAreaLength, mapsEntry, mmap, open, pread } from '../native/mmap';
import { signalName, signalNumber } from '../native/signal-names';
import { pageSize } from '../native/platform';
import { Given, Then, When } from './support/dsl';
import { expectCompileError, expectDistinct, expectFailure, expectSuccess, expectValue } from './support/expect';
import { FixtureEvent, runProgram } from './support/fixtures';
import type { IpcWorld } from './support/world';
import { offsetOf, skipWithoutCommitCharge } from './support/params-mmap';

// ---- helpers ---------------------------------------------------------------------

/** The byte at offset i of every test file: period 251 (prime), so no two pages look alike. */
// Stryker disable next-line all: the same pattern writes the test files and is expected back from them
const patternByte = (i: number) => (i * 7 + 3) % 251;
// Stryker disable next-line all: the same pattern writes the test files and is expected back from them
const pattern = (offset: number, n: number) => Buffer.from(Array.from({ length: n }, (_, i) => patternByte(offset + i)));


// Stryker disable next-line all: slug only forms evidence keys, which feed the claims report
const slug = (text: string) => text.replace(/[^\w]+/g, '_').replace(/^_|_$/g, '');

interface TestFile { path: string; size: number }

function theFile(world: IpcWorld): TestFile {
  return world.get<TestFile>('file');
}

/** Opens the scenario's file; the descriptor is tracked. */
function openFile(world: IpcWorld, mode: string): number {
  const r = open(theFile(world).path, mode);
  expectSuccess(r);
  world.keep('fd', world.tracker.fd(r.rc));
  return r.rc;
}

/** Records a mapping as the scenario's last call; a mapping it made is unmapped after the scenario. */
function mapped(world: IpcWorld, r: MapResult, role = 'mapping'): MapResult {
  world.last = r;
  if (r.mapping) world.keep(role, world.tracker.mapping(r.call, r.mapping));
  return r;
}

function theMapping(world: IpcWorld, role = 'mapping'): Mapping {
  return world.get<Mapping>(role);
}

// Stryker disable next-line all: outcome only forms evidence values, which feed the claims report
const outcome = (r: SysResult) => (r.rc === -1 ? r.errnoName : 'a mapping');

// ---- files ------------------------------------------------------------------------

Given(/^a file of (\d+) pages?$/, function (this: IpcWorld, pages: number) {
  const size = pages * pageSize();
  const path = join(this.tracker.tempDir('mmap'), 'mapped-file');
  writeFileSync(path, pattern(0, size), { mode: 0o600 });
  this.keep('file', { path, size });
});

Then('the file holds its original bytes at offset {int}', function (this: IpcWorld, offset: number) {
  const r = pread(this.get<number>('fd'), 32, offset);
  expectSuccess(r, 32);
  expectValue(`the file's bytes at offset ${offset} (pread)`, pattern(offset, 32).toString('hex'), r.data.toString('hex'));
});

Then('the file holds {string} at offset {int}', function (this: IpcWorld, text: string, offset: number) {
  // a fresh descriptor: what the file holds, not what one open file description caches
  const fd = this.tracker.fd(must(open(theFile(this).path, 'O_RDONLY')));
  const r = pread(fd, Buffer.byteLength(text), offset);
  expectValue(`the file's bytes at offset ${offset} (pread)`, text, r.data.toString());
  this.evidence.record('mmap.file_holds', text);
});

function must(r: SysResult): number {
  expectSuccess(r);
  return r.rc;
}

When('the file\'s descriptor is closed', function (this: IpcWorld) {
  this.last = this.tracker.closeFd(this.get<number>('fd'));
});

// ---- mapping from this process ------------------------------------------------------

When(/^(\d+) (page|pages|byte|bytes) (?:is|are) mapped with addr NULL, (\S+), (\S+) and fd -1$/, function (this: IpcWorld, n: number, unit: string, prot: string, flags: string) {
  const length = n * (unit.startsWith('page') ? pageSize() : 1);
  const r = mapped(this, mmap({ length, prot, flags }));
  this.evidence.record(`mmap.fd_-1.${flags.replace(/\|/g, '-')}`, r.rc === -1 ? r.errnoName : 'mapped');
});

When(/^(\d+) bytes of (anonymous memory|the file|\/dev\/zero) are mapped with (\S+) and (\S+)$/, function (this: IpcWorld, n: number, what: string, prot: string, flags: string) {
  const source: Record<string, () => { fd: number; flags: string }> = {
    'anonymous memory': () => ({ fd: -1, flags: flags.includes('MAP_ANONYMOUS') ? flags : `${flags}|MAP_ANONYMOUS` }),
    'the file': () => ({ fd: openFile(this, 'O_RDWR'), flags }),
    '/dev/zero': () => ({ fd: this.tracker.fd(must(open('/dev/zero', 'O_RDWR'))), flags }),
  };
  const r = mapped(this, mmap({ length: n, prot, ...source[what]() }));
  skipWithoutCommitCharge(r, n);
  this.evidence.record(`mmap.length_${BigInt(n)}_${slug(what.replace('memory', ''))}`, r.rc === -1 ? r.errnoName : 'mapped');
});

When(/^(1 page of the|the whole) file opened (O_\w+) is mapped with (\S+) and (?:flags )?(\S+)(?: at offset "([^"]+)")?$/, function (this: IpcWorld, amount: string, mode: string, prot: string, flags: string, at?: string) {
  const fd = openFile(this, mode);
  const offset = at ? offsetOf(at) : 0;
  const length = amount === 'the whole' ? theFile(this).size : pageSize();
  const r = mapped(this, mmap({ length, prot, flags, fd, offset }));
  // keyed by what varies: mode, prot and flags at offset 0, or the offset itself
  if (!at) this.evidence.record(`mmap.${mode}.${prot.replace(/\|/g, '-')}.${flags.replace(/\|/g, '-')}`, outcome(r));
  else this.evidence.record(`mmap.offset_${slug(at)}`, r.rc === -1 ? r.errnoName : 'mapped');
});

Given(/^the file opened (O_\w+) mapped (MAP_SHARED|MAP_PRIVATE) as "(\w+)"(?: and (MAP_SHARED|MAP_PRIVATE) as "(\w+)")?$/, function (this: IpcWorld, mode: string, flags1: string, role1: string, flags2?: string, role2?: string) {
  const fd = openFile(this, mode);
  for (const [flags, role] of !role2 ? [[flags1, role1]] : [[flags1, role1], [flags2!, role2]]) {
    const r = mapped(this, mmap({ length: theFile(this).size, prot: 'PROT_READ|PROT_WRITE', flags, fd }), role);
    expectSuccess(r);
  }
});

Then('mmap returned MAP_FAILED', function (this: IpcWorld) {
  const r = this.lastCall() as MapResult;
  expectValue(`the pointer ${r.call} returned`, `0x${MAP_FAILED.toString(16)}`, `0x${r.addr.toString(16)}`);
  this.evidence.record('mmap.MAP_FAILED', `0x${r.addr.toString(16)}`);
});

Then('mmap gives {mmapOutcome}', function (this: IpcWorld, expected: string) {
  const r = this.lastCall();
  if (expected === 'a mapping') expectSuccess(r, 0);
  else expectFailure(r, expected);
});

Then('the mapping starts at a page-aligned address other than MAP_FAILED', function (this: IpcWorld) {
  const m = theMapping(this);
  // MAP_FAILED, (void *) -1, is not page-aligned: the alignment check excludes it too
  expectValue(`the mapping's address 0x${m.addr.toString(16)} modulo the page size`, 0n, m.addr % BigInt(pageSize()));
  this.evidence.record('mmap.null_hint_aligned', true);
  this.evidence.record('mmap.page_size', pageSize());
});

Then('the mapping\'s first page reads as zero bytes', function (this: IpcWorld) {
  const bytes = theMapping(this).read(0, pageSize());
  expectValue('bytes of a fresh anonymous mapping (hex)', '00'.repeat(pageSize()), bytes.toString('hex'));
});

Then('\\/proc\\/self\\/maps shows the mapping {int} page long', function (this: IpcWorld, pages: number) {
  const m = theMapping(this);
  const length = mapsAreaLength(m.addr);
  expectValue(`bytes /proc/self/maps gives the ${m.length}-byte mapping`, pages * pageSize(), length);
  this.evidence.record('mmap.one_byte_mapping_bytes', length!);
});

// Stryker disable all: the huge page size is only recorded for the claims report
/** Hugepagesize from /proc/meminfo, or "none listed". */
function hugePageSize(): string {
  try {
    const line = readFileSync('/proc/meminfo', 'utf8').split('\n').find((l) => l.startsWith('Hugepagesize:'));
    if (line) return line.split(':')[1].trim();
  } catch { /* no /proc/meminfo: none listed */ }
  return 'none listed';
}
// Stryker restore all

Then('the page size is sysconf\\(_SC_PAGESIZE), with huge pages of Hugepagesize from \\/proc\\/meminfo besides', function (this: IpcWorld) {
  const page = this.evidence.record('mmap.page_size', pageSize());
  expectValue('the page size as the power of two nearest to it', 2 ** Math.round(Math.log2(page)), page);
  this.evidence.record('mmap.huge_page_size', hugePageSize());
});

Then('that succeeds exactly when {int} is a multiple of the page size', function (this: IpcWorld, offset: number) {
  const page = this.evidence.record('mmap.page_size', pageSize());
  if (offset % page === 0) expectSuccess(this.lastCall(), 0);
  else expectFailure(this.lastCall(), 'EINVAL');
});

When('the mapping is made writable with mprotect', function (this: IpcWorld) {
  const m = theMapping(this);
  this.last = m.protect('PROT_READ|PROT_WRITE');
  this.evidence.record(`mmap.mprotect_write_${m.call.includes('MAP_SHARED') ? 'shared' : 'private'}`, this.last.rc === -1 ? this.last.errnoName : 'allowed');
});

When(/^"([^"]*)" is stored at offset (\d+) through (?:the mapping|"(\w+)")$/, function (this: IpcWorld, text: string, offset: number, role?: string) {
  theMapping(this, role ?? 'mapping').write(offset, Buffer.from(text));
});

Then(/^(?:the mapping|"(\w+)") (?:still )?shows "([^"]*)" at offset (\d+)$/, function (this: IpcWorld, role: string | undefined, text: string, offset: number) {
  const m = theMapping(this, role ?? 'mapping');
  expectValue(`bytes at offset ${offset} of ${role ?? 'the mapping'}`, text, m.read(offset, Buffer.byteLength(text)).toString());
  this.evidence.record(`mmap.${role ?? 'mapping'}_shows`, text);
});

Then('{string} shows the file\'s original bytes at offset {int}', function (this: IpcWorld, role: string, offset: number) {
  expectValue(`bytes at offset ${offset} of "${role}"`, pattern(offset, 32).toString('hex'), theMapping(this, role).read(offset, 32).toString('hex'));
});

Then('the mapping holds the same {int} pages that pread returns', function (this: IpcWorld, pages: number) {
  const n = pages * pageSize();
  const r = pread(this.get<number>('fd'), n, 0);
  expectSuccess(r, n);
  expectValue('Buffer.compare of the mapping with what pread returned (0: the same bytes)', 0, Buffer.compare(theMapping(this).read(0, n), r.data));
  this.evidence.record('mmap.compared_bytes', n);
});

Then('the mapping\'s first {int} bytes are the file\'s {int} bytes at offset {string}', function (this: IpcWorld, n: number, _n: number, at: string) {
  const offset = offsetOf(at);
  const r = pread(this.get<number>('fd'), n, offset);
  expectValue(`the mapping's first ${n} bytes vs the file's at ${offset}`, r.data.toString('hex'), theMapping(this).read(0, n).toString('hex'));
  expectValue(`the file's bytes at ${offset}`, pattern(offset, n).toString('hex'), r.data.toString('hex'));
  this.evidence.record('mmap.offset_mapped', offset);
});

Then('\\/proc\\/self\\/maps names the mapping {string}', function (this: IpcWorld, name: string) {
  const m = theMapping(this);
  const path = mapsEntry(m.addr)?.path;
  expectValue(`the name /proc/self/maps gives ${m.call}`, name, path);
  this.evidence.record(`mmap.maps_name_${m.call.includes('MAP_SHARED') ? 'shared' : 'private'}_anonymous`, path || '(none)');
});

/**
 * What the kernel does with MAP_ANON, not what the header says of it: with fd -1 a file mapping
 * would fail with EBADF, so a mapping that succeeds, reads zeros and has no name in
 * /proc/self/maps is anonymous memory, as with MAP_ANONYMOUS.
 */
Then('a mapping made with MAP_ANON and fd -1 is anonymous memory: zero-filled, with no name in \\/proc\\/self\\/maps', function (this: IpcWorld) {
  const page = pageSize();
  const r = mapped(this, mmap({ length: page, prot: 'PROT_READ', flags: 'MAP_PRIVATE|MAP_ANON', fd: -1 }));
  expectSuccess(r, 0);
  expectValue('non-zero bytes in the MAP_ANON mapping', 0, theMapping(this).read(0, page).filter((b) => b !== 0).length);
  expectValue(`the name /proc/self/maps gives ${r.call}`, '', mapsEntry(r.addr)?.path);
  this.evidence.record('mmap.MAP_ANON', `0x${C.MAP_ANON.toString(16)}`);
  this.evidence.record('mmap.MAP_ANONYMOUS', `0x${C.MAP_ANONYMOUS.toString(16)}`);
  this.evidence.record('mmap.MAP_ANON_mapping', 'anonymous, zero-filled');
});

// ---- /dev/zero and /dev/null ---------------------------------------------------------

Then('\\/dev\\/zero is a character device with st_size {int}', function (this: IpcWorld, size: number) {
  const st = stat('/dev/zero');
  expectValue('file type of /dev/zero', 'char-device', st.type);
  expectValue('st_size of /dev/zero', size, st.size);
  this.evidence.record('mmap.dev_zero_size', st.size);
});

Then('reading {int} bytes from \\/dev\\/zero gives {int} zero bytes', function (this: IpcWorld, n: number, zeros: number) {
  const fd = this.tracker.fd(must(open('/dev/zero', 'O_RDONLY')));
  const r = read(fd, n);
  expectSuccess(r, n);
  expectValue('bytes read from /dev/zero (hex)', '00'.repeat(zeros), r.data.toString('hex'));
  this.evidence.record('mmap.dev_zero_read', r.rc);
});

Then('reading {int} bytes from \\/dev\\/zero at offset {int} gives {int} zero bytes', function (this: IpcWorld, n: number, offset: number, zeros: number) {
  const fd = this.tracker.fd(must(open('/dev/zero', 'O_RDONLY')));
  const r = pread(fd, n, offset);
  expectSuccess(r, n);
  expectValue(`bytes read from /dev/zero at offset ${offset} (hex)`, '00'.repeat(zeros), r.data.toString('hex'));
  this.evidence.record('mmap.dev_zero_far_offset', offset);
});

Then('\\/dev\\/null is character device {word} and \\/dev\\/zero is {word}', function (this: IpcWorld, nullDev: string, zeroDev: string) {
  expectValue('file type of /dev/null', 'char-device', stat('/dev/null').type);
  expectValue('device numbers of /dev/null and /dev/zero', [nullDev, zeroDev], [deviceNumbers('/dev/null'), deviceNumbers('/dev/zero')]);
  this.evidence.record('mmap.dev_null_rdev', deviceNumbers('/dev/null'));
  this.evidence.record('mmap.dev_zero_rdev', deviceNumbers('/dev/zero'));
});

Then('a read of {int} bytes from \\/dev\\/null returns {int}, end-of-file', function (this: IpcWorld, n: number, rc: number) {
  const fd = this.tracker.fd(must(open('/dev/null', 'O_RDONLY')));
  expectSuccess(read(fd, n), rc);
});

Then('a read of {int} bytes from \\/dev\\/zero returns {int} zero bytes', function (this: IpcWorld, n: number, zeros: number) {
  const fd = this.tracker.fd(must(open('/dev/zero', 'O_RDONLY')));
  const r = read(fd, n);
  expectSuccess(r, zeros);
  expectValue('bytes read from /dev/zero (hex)', '00'.repeat(zeros), r.data.toString('hex'));
});

Then('writes of {int} bytes to \\/dev\\/null and \\/dev\\/zero both return {int}', function (this: IpcWorld, n: number, rc: number) {
  for (const dev of ['/dev/null', '/dev/zero']) {
    const fd = this.tracker.fd(must(open(dev, 'O_WRONLY')));
    expectSuccess(write(fd, Buffer.alloc(n, 0x41)), rc);
  }
});

// ---- compiling ------------------------------------------------------------------------

const PROTOTYPES = `#include <sys/mman.h>
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int main(void) { return 0; }
`;

/** The note's two lines (001 §2.1), in the smallest program that runs them. */
const snippet = (flag: string) => `#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	int fd;
	int *p;
	size_t size = 4096;
	fd = open("/dev/zero", O_RDWR);
	p = mmap(NULL, size, PROT_READ, ${flag}, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	printf("mapped %zu bytes of /dev/zero, first int %d\\n", size, p[0]);
	return 0;
}
`;

When('a C file that includes <sys\\/mman.h> and declares the note\'s mmap and munmap prototypes is compiled', function (this: IpcWorld) {
  this.keep('compilation', compileText('c', PROTOTYPES, this.tracker.tempDir('compile'), 'mman-prototypes'));
});

When('the note\'s \\/dev\\/zero snippet is compiled as written', function (this: IpcWorld) {
  this.keep('compilation', compileText('c', snippet('MMAP_SHARED'), this.tracker.tempDir('compile'), 'dev-zero-as-written'));
});

When('the note\'s \\/dev\\/zero snippet is compiled with MAP_SHARED in place of MMAP_SHARED', function (this: IpcWorld) {
  this.keep('compilation', compileText('c', snippet('MAP_SHARED'), this.tracker.tempDir('compile'), 'dev-zero-fixed'));
});

Then('the compiler rejects MMAP_SHARED as undeclared', function (this: IpcWorld) {
  this.evidence.record('mmap.snippet_error', expectCompileError(this.get<Compilation>('compilation'), /MMAP_SHARED.*undeclared/));
});

Then('running the snippet prints {string}', async function (this: IpcWorld, text: string) {
  const run = await runProgram(this, this.get<{ binary: string }>('compilation').binary);
  expectValue('the snippet\'s output', `${text}\n`, run.stdout);
  expectValue('the snippet\'s exit status', 0, run.exitCode);
  this.evidence.record('mmap.snippet_output', text);
});

// ---- fixtures: faults, fork, hints, a second process -----------------------------------

const only = (world: IpcWorld, event: string, match?: (e: FixtureEvent) => boolean): FixtureEvent => world.lastRun().only(event, match);

async function fault(world: IpcWorld, args: string[]): Promise<void> {
  world.keep('fault-case', args[0]);
  await world.fixture('mmap-fault', args);
}

When('a process maps 4 bytes read-write in front of an inaccessible page and touches them', async function (this: IpcWorld) {
  await fault(this, ['page-tail']);
});

When('a process makes the note\'s read-only anonymous mapping, reads it and writes it', async function (this: IpcWorld) {
  await fault(this, ['readonly-write']);
});

When('a process writes {string} into a page, unmaps it and reads it again', async function (this: IpcWorld, c: string) {
  await fault(this, ['after-munmap', c]);
});

When('a process creates an empty file, maps 1 page of it MAP_SHARED and stores into it before and after ftruncate', async function (this: IpcWorld) {
  await fault(this, ['empty-file', join(this.tracker.tempDir('mmap'), 'empty')]);
});

When('a process maps 2 pages of a 100-byte file MAP_SHARED and touches them', async function (this: IpcWorld) {
  await fault(this, ['past-eof', join(this.tracker.tempDir('mmap'), 'short')]);
});


Then(/^the (read|write) at offset "([^"]+)"((?: [a-z ]+?)?) (?:gives (\d+)|(succeeds)|is killed by ([A-Z0-9]+))$/, function (this: IpcWorld, op: string, at: string, qualifier: string, value?: number, succeeds?: string, signal?: string) {
  expectValue('the page size the fixture measured', pageSize(), only(this, 'page').size);
  const offset = offsetOf(at);
  const access = only(this, 'access', (e) => e.op === op && e.offset === offset && (!qualifier || String(e.what).includes(qualifier.trim())));
  const happened = access.signal !== undefined ? signalName(access.signal) : access.survived ? 'survived' : `value ${access.value}`;
  this.evidence.record(`mmap.${this.get<string>('fault-case')}.${op}_${slug(at)}${qualifier ? `_${slug(qualifier)}` : ''}`, happened);
  if (signal) expectValue(`how the ${op} at offset ${offset} (${access.what}) ended`, signalName(signalNumber(signal)), happened);
  else if (succeeds) expectValue(`how the ${op} at offset ${offset} (${access.what}) ended`, 'survived', happened);
  else expectValue(`how the ${op} at offset ${offset} (${access.what}) ended`, `value ${value}`, happened);
});

Then(/^its (mmap) returned a mapping$/, function (this: IpcWorld, call: string) {
  const c = only(this, 'call', (e) => e.call === call);
  expectValue(`${call}() in that process`, 0, c.rc);
  this.evidence.record(`mmap.${this.get<string>('fault-case')}.${call}`, 'mapped');
});

Then(/^its (munmap|ftruncate) returned (-?\d+)$/, function (this: IpcWorld, call: string, rc: number) {
  expectValue(`${call}() in that process`, rc, only(this, 'call', (e) => e.call === call).rc);
});

Then('the process read back {string} from the file with pread', function (this: IpcWorld, text: string) {
  expectValue('the byte pread returned', text, only(this, 'file').byte0);
});

Then('the file is still {int} bytes long', function (this: IpcWorld, size: number) {
  expectValue('the file\'s size after stores into its mapping past EOF', size, only(this, 'file').size);
  this.evidence.record('mmap.past_eof_file_size', size);
});

When(/^a process maps a page of (anonymous|\/dev\/zero) with (MAP_SHARED|MAP_PRIVATE), forks, and its child stores 42$/, async function (this: IpcWorld, source: string, type: string) {
  // Stryker disable next-line all: the kept text is only the evidence key recorded below
  this.keep('fork-key', `mmap.fork_${slug(source)}_${type}`);
  await this.fixture('mmap-fork', [source, type]);
});

Then('the child read back {int}', function (this: IpcWorld, value: number) {
  expectValue('what the child read after its store', value, only(this, 'child-stored').value);
});

Then('the parent then reads {int}', function (this: IpcWorld, value: number) {
  const seen = only(this, 'parent-sees').value;
  this.evidence.record(this.get<string>('fork-key'), seen);
  expectValue('what the parent read after the child exited', value, seen);
});

When('a process maps one page with each kind of hint', async function (this: IpcWorld) {
  await this.fixture('mmap-hint');
});

const hint = (world: IpcWorld, name: string) => only(world, 'hint', (e) => e.case === name);

Then('with the address of a free page as hint the mapping starts exactly there', function (this: IpcWorld) {
  const h = hint(this, 'free');
  expectValue('the address mmap chose for a free hint', h.hint, h.got);
  this.evidence.record('mmap.hint_free', 'used');
});

Then('with the address of a mapped page as hint the mapping starts elsewhere', function (this: IpcWorld) {
  const h = hint(this, 'taken');
  expectDistinct('the taken hint, the address mmap returned and MAP_FAILED', [h.hint, h.got, 'MAP_FAILED']);
  this.evidence.record('mmap.hint_taken', 'ignored');
});

Then('with that mapped page\'s address and MAP_FIXED the mapping starts exactly there', function (this: IpcWorld) {
  const h = hint(this, 'fixed');
  expectValue('the address mmap returned with MAP_FIXED', h.hint, h.got);
  this.evidence.record('mmap.hint_fixed', 'forced');
});

Then('with MAP_FIXED and an address that is not page-aligned mmap fails with {errno}', function (this: IpcWorld, errno: string) {
  const h = hint(this, 'fixed-unaligned');
  expectValue('mmap with MAP_FIXED at an unaligned address', ['MAP_FAILED', errno], [h.got, errnoName(h.errno)]);
  this.evidence.record('mmap.hint_fixed_unaligned', errno);
});


When('another process maps the file MAP_SHARED and stores {string} at offset {int}', async function (this: IpcWorld, text: string, offset: number) {
  await this.fixture('mmap-peer', ['file', theFile(this).path, 'write', offset, text]);
  const w = only(this, 'wrote');
  expectDistinct('the pids of the writer and of this process', [w.pid, process.pid]);
  this.evidence.record('mmap.peer_wrote', text);
});

Then('another process that maps the file MAP_SHARED reads {string} at offset {int}', async function (this: IpcWorld, text: string, offset: number) {
  await this.fixture('mmap-peer', ['file', theFile(this).path, 'read', offset, Buffer.byteLength(text)]);
  expectValue('what the other process read through its mapping', text, only(this, 'read').data);
  this.evidence.record('mmap.peer_read', text);
});

