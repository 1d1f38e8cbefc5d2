/**
 * Steps for features/posix-shm.feature. shm_open, ftruncate and mmap from this
 * process through native/posix-shm.ts and native/mmap.ts; another process
 * through fixtures/mmap-peer.c and fixtures/pshm-unlinked.c.
 */
import { existsSync, statSync } from 'node:fs';
import { C } from '../native/constants';
import { Compilation, compileText } from '../native/compiler';
import { errnoName } from '../native/errno';
import { fcntl, fstat, write } from '../native/fd';
import { SysResult } from '../native/libc';
import { ftruncate, Mapping, mmap } from '../native/mmap';
import { libcAtLeast, libcVersion, pageSize } from '../native/platform';
import { shmOpen, shmPath, shmUnlink } from '../native/posix-shm';
import { runProgram } from './support/fixtures';
import { uniqueName } from './support/names';
import { Given, Then, When } from './support/dsl';
import { expectCompileError, expectDistinct, expectSuccess, expectTrue, expectValue } from './support/expect';
import type { IpcWorld } from './support/world';

// ---- the scenario's object -----------------------------------------------------------

interface ShmObject { name: string; firstFd: number; fd: number }

const theObject = (world: IpcWorld): ShmObject => world.get<ShmObject>('shm');

/** A fresh name, tracked before anything can create it, so it is unlinked whatever happens. */
function freshName(world: IpcWorld): string {
  return world.tracker.posix('shm', `/${uniqueName('pshm')}`);
}

/** shm_open; a descriptor it returns is tracked and becomes the object's current one. */
function openObject(world: IpcWorld, name: string, flags: string, mode = 0o600): SysResult {
  const r = shmOpen(name, flags, mode);
  world.last = r;
  const fd = world.tracker.opened(r);
  if (fd !== undefined) {
    const prev = world.objects.has('shm') ? theObject(world) : undefined;
    world.keep('shm', { name, firstFd: prev?.firstFd ?? fd, fd });
  }
  return r;
}

function mapObject(world: IpcWorld, prot: string, role: string): SysResult {
  const r = mmap({ length: fstat(theObject(world).fd).size, prot, flags: 'MAP_SHARED', fd: theObject(world).fd });
  world.last = r;
  if (r.mapping) world.keep(role, world.tracker.mapping(r.call, r.mapping));
  return r;
}

Given('a shared-memory object of {int} page created O_RDWR and mapped MAP_SHARED', function (this: IpcWorld, pages: number) {
  expectSuccess(openObject(this, freshName(this), 'O_RDWR|O_CREAT|O_EXCL'));
  expectSuccess(ftruncate(theObject(this).fd, pages * pageSize()), 0);
  expectSuccess(mapObject(this, 'PROT_READ|PROT_WRITE', 'our-mapping'), 0);
});

When('a shared-memory object is opened with {word} and mode {mode}', function (this: IpcWorld, flags: string, mode: number) {
  openObject(this, freshName(this), flags, mode);
});

When('a shared-memory object that does not exist is opened with {word}', function (this: IpcWorld, flags: string) {
  this.last = shmOpen(freshName(this), flags);
  this.tracker.opened(this.last);
  this.evidence.record('pshm.missing_name', this.last.rc === -1 ? this.last.errnoName : 'opened');
});

When('the object is opened again with {word}', function (this: IpcWorld, flags: string) {
  const r = openObject(this, theObject(this).name, flags);
  this.evidence.record(`pshm.reopen.${flags.replace(/\|/g, '-')}`, r.rc === -1 ? r.errnoName : 'opened');
});

Then('the call returns a descriptor with FD_CLOEXEC set', function (this: IpcWorld) {
  expectSuccess(this.lastCall());
  const flags = fcntl(this.lastCall().rc, 'F_GETFD');
  expectSuccess(flags);
  expectValue('FD_CLOEXEC on the descriptor shm_open returned', C.FD_CLOEXEC, flags.rc & C.FD_CLOEXEC);
  this.evidence.record('pshm.cloexec', true);
});

Then('\\/dev\\/shm holds the name as a regular file of mode {mode} and size {int}', function (this: IpcWorld, mode: number, size: number) {
  const path = shmPath(theObject(this).name);
  expectValue('whether /dev/shm, where glibc keeps the objects, exists', true, existsSync('/dev/shm'));
  const st = fstat(theObject(this).fd);
  const byPath = statSync(path);
  expectValue(`inode of ${path} vs the descriptor's`, st.ino, Number(byPath.ino));
  expectValue(`file type of ${path}`, 'file', st.type);
  expectValue(`permission bits of ${path}`, `0${mode.toString(8)}`, `0${st.perm.toString(8)}`);
  expectValue(`size of ${path}`, size, st.size);
  this.evidence.record('pshm.path', '/dev/shm/<name>');
  this.evidence.record('pshm.mode', `0${st.perm.toString(8)}`);
  this.evidence.record('pshm.size_at_creation', st.size);
});

When(/^the object is truncated to (\d+) pages?$/, function (this: IpcWorld, pages: number) {
  this.last = ftruncate(theObject(this).fd, Number(pages) * pageSize());
});

When('the object is mapped with {word} and MAP_SHARED', function (this: IpcWorld, prot: string) {
  const r = mapObject(this, prot, 'new-mapping');
  this.evidence.record(`pshm.map.${prot.replace(/\|/g, '-')}`, r.rc === -1 ? r.errnoName : 'mapped');
});

const MAPPING_ROLE: Record<string, string> = { our: 'our-mapping', 'the new': 'new-mapping' };
const mappingOf = (world: IpcWorld, which: string) => world.get<Mapping>(MAPPING_ROLE[which]);

When('{string} is stored at offset {int} through our mapping', function (this: IpcWorld, text: string, offset: number) {
  mappingOf(this, 'our').write(offset, Buffer.from(text));
});

Then(/^(our|the new) mapping shows "([^"]*)" at offset (\d+)$/, function (this: IpcWorld, which: string, text: string, offset: number) {
  const got = mappingOf(this, which).read(Number(offset), Buffer.byteLength(text)).toString();
  expectValue(`bytes at offset ${offset} of ${which} mapping`, text, got);
  this.evidence.record(`pshm.${which === 'our' ? 'our' : 'new'}_mapping_shows`, got);
});

When('{int} bytes are written to the object\'s descriptor', function (this: IpcWorld, n: number) {
  this.last = write(theObject(this).fd, Buffer.alloc(n, 0x77));
  this.evidence.record('pshm.write_rdonly', this.last.rc === -1 ? this.last.errnoName : `${this.last.rc} bytes`);
});

Then(/^the new descriptor refers to (the same|a different) object, (\d+) pages? long$/, function (this: IpcWorld, same: string, pages: number) {
  const obj = theObject(this);
  expectSuccess(this.lastCall());
  expectDistinct('the first descriptor and the one the second shm_open returned', [obj.firstFd, obj.fd]);
  const first = fstat(obj.firstFd);
  const now = fstat(obj.fd);
  expectValue('whether both descriptors refer to one inode', same === 'the same', first.ino === now.ino);
  expectValue('size of the object through the new descriptor', Number(pages) * pageSize(), now.size);
  this.evidence.record(`pshm.${same === 'the same' ? 'same' : 'different'}_object_size`, now.size);
});

Then('the first descriptor sees the object {int} bytes long too', function (this: IpcWorld, size: number) {
  expectValue('size of the object through the first descriptor', size, fstat(theObject(this).firstFd).size);
  this.evidence.record('pshm.size_after_trunc', size);
});

When('the object\'s name is unlinked', function (this: IpcWorld) {
  this.last = shmUnlink(theObject(this).name);
  this.evidence.record('pshm.unlink_rc', this.last.rc);
});

Then('\\/dev\\/shm no longer holds the name', function (this: IpcWorld) {
  const path = shmPath(theObject(this).name);
  expectValue(`whether ${path} exists`, false, existsSync(path));
  this.evidence.record('pshm.name_after_unlink', 'gone');
});

// ---- another process -------------------------------------------------------------------

When('another process opens the object by name, maps it and stores {string} at offset {int}', async function (this: IpcWorld, text: string, offset: number) {
  await this.fixture('mmap-peer', ['shm', theObject(this).name, 'write', offset, text]);
  expectDistinct('the pids of the writer and of this process', [this.lastRun().only('wrote').pid, process.pid]);
  this.evidence.record('pshm.peer_wrote', text);
});

Then('another process that opens and maps the object reads {string} at offset {int}', async function (this: IpcWorld, text: string, offset: number) {
  await this.fixture('mmap-peer', ['shm', theObject(this).name, 'read', offset, Buffer.byteLength(text)]);
  const got = this.lastRun().only('read').data;
  expectValue('what the other process read through its mapping', text, got);
  this.evidence.record('pshm.peer_read', got);
});

When('a process maps a new object, forks, unlinks the name, and its child stores {string}', async function (this: IpcWorld, text: string) {
  await this.fixture('pshm-unlinked', [freshName(this), text]);
});

Then('its shm_unlink returned {int}', function (this: IpcWorld, rc: number) {
  expectValue('shm_unlink() in that process', rc, this.lastRun().only('unlinked').rc);
});

Then('its shm_open of the name afterwards failed with {errno}', function (this: IpcWorld, errno: string) {
  const e = this.lastRun().only('reopen');
  expectValue('shm_open(name, O_RDWR) after the unlink', [-1, errno], [e.rc, errnoName(e.errno)]);
});

Then('the parent reads {string} through its mapping', function (this: IpcWorld, text: string) {
  const got = this.lastRun().only('parent-sees').data;
  expectValue('what the parent read after its child stored', text, got);
  this.evidence.record('pshm.child_after_unlink', got);
});

// ---- compiling and linking --------------------------------------------------------------

/** A program that creates and removes an object named by its argument; it prints what the calls returned. */
const SHM_PROGRAM = `#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	int fd = shm_open(argv[1], O_RDWR | O_CREAT | O_EXCL, 0600);
	int rc = shm_unlink(argv[1]);
	printf("shm_open %s, shm_unlink %d\\n", fd >= 0 ? "gave a descriptor" : "failed", rc);
	return fd >= 0 && rc == 0 ? 0 : 1;
}
`;


async function linkAndMaybeRun(world: IpcWorld, withRt: boolean): Promise<void> {
  const dir = world.tracker.tempDir('pshm-link');
  const link = compileText('c', SHM_PROGRAM, dir, withRt ? 'with-lrt' : 'without-lrt', withRt ? ['-lrt'] : []);
  world.keep('link', link);
  world.evidence.record(`pshm.links_${withRt ? 'with' : 'without'}_lrt`, link.ok);
}

When('a program that calls shm_open is linked without -lrt', async function (this: IpcWorld) {
  await linkAndMaybeRun(this, false);
});

When('a program that calls shm_open is linked with -lrt', async function (this: IpcWorld) {
  await linkAndMaybeRun(this, true);
});

async function runsAndCreates(world: IpcWorld): Promise<void> {
  const link = world.get<{ ok: boolean; binary: string; command: string; diagnostics: string }>('link');
  expectTrue(`${link.command} failed:\n${link.diagnostics}`, link.ok);
  const run = await runProgram(world, link.binary, [freshName(world)]);
  expectValue(`output of ${link.binary}`, 'shm_open gave a descriptor, shm_unlink 0\n', run.stdout);
  expectValue(`exit status of ${link.binary}`, 0, run.exitCode);
}

Then('it links exactly when glibc is 2.34 or newer, and runs', async function (this: IpcWorld) {
  const link = this.get<{ ok: boolean; command: string; diagnostics: string }>('link');
  const modern = libcAtLeast(2, 34);
  this.evidence.record('pshm.glibc_version', libcVersion());
  this.evidence.record('pshm.glibc_2_34_or_newer', modern);
  expectValue(`whether "${link.command}" links with glibc ${libcVersion()}\n${link.diagnostics}`, modern, link.ok);
  if (link.ok) await runsAndCreates(this);
});

Then('it links and runs', async function (this: IpcWorld) {
  await runsAndCreates(this);
});

When('a C file that includes <sys\\/mman.h> and declares the note\'s shm_open prototype is compiled', function (this: IpcWorld) {
  const text = '#include <fcntl.h>\n#include <sys/mman.h>\nint shm_open(const char *name, int oflag, mode_t mode);\nint main(void) { return 0; }\n';
  this.keep('compilation', compileText('c', text, this.tracker.tempDir('compile'), 'shm-open-prototype'));
});

When('a C file that passes O_CREATE to shm_open is compiled', function (this: IpcWorld) {
  const text = '#include <fcntl.h>\n#include <sys/mman.h>\nint main(void) { return shm_open("/x", O_RDWR | O_CREATE, 0600) < 0; }\n';
  this.keep('compilation', compileText('c', text, this.tracker.tempDir('compile'), 'o-create'));
});

Then('the compiler rejects O_CREATE as undeclared', function (this: IpcWorld) {
  this.evidence.record('pshm.O_CREATE_error', expectCompileError(this.get<Compilation>('compilation'), /O_CREATE.*undeclared/));
});

