/**
 * The bottom of the native layer: struct fields read and written at the probe's
 * offsets and sizes, the call log a failing scenario attaches, `must` for set-up
 * calls, and the host's C and C++ compilers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from '../kit/paths';
import { compileText } from '../native/compiler';
import { readField, writeField } from '../native/constants';
import { callLog, lib, must, sys, untilRefused } from '../native/libc';
import { NotAvailable } from '../native/not-available';
import { openPipe } from '../native/pipe';
import { close } from '../native/fd';

/** Puts environment variables back as they were (an unset one is deleted, not set to "undefined"). */
const restoreEnv = (saved: Record<string, string | undefined>) => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
};

const scratch = (t: { after: (fn: () => void) => void }) => {
  const dir = mkdtempSync(join(tmpdir(), `ipcc-unit-${process.pid}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('fields of 2, 4 and 8 bytes are written and read at the probe\'s offset, from a base, in host byte order', () => {
  const buf = Buffer.alloc(200);
  writeField(buf, 'struct sembuf', 'sem_op', 0x1234, 6); // 2 bytes at offset 2
  writeField(buf, 'struct ipc_perm', 'mode', 0x89abcdef, 10); // 4 bytes at offset 20
  writeField(buf, 'struct stat', 'st_size', 2 ** 40 + 5, 100); // 8 bytes at offset 48
  assert.equal(buf.readUInt16LE(8), 0x1234);
  assert.equal(buf.readUInt32LE(30), 0x89abcdef);
  assert.equal(buf.readBigUInt64LE(148), BigInt(2 ** 40 + 5));
  assert.equal(buf.filter((b) => b !== 0).length, 2 + 4 + 2, 'nothing else was written');
  assert.deepEqual([readField(buf, 'struct sembuf', 'sem_op', 6), readField(buf, 'struct ipc_perm', 'mode', 10), readField(buf, 'struct stat', 'st_size', 100)],
    [0x1234, 0x89abcdef, 2 ** 40 + 5]);
  assert.equal(readField(buf, 'struct sembuf', 'sem_op'), 0, 'base 0 by default');
  writeField(buf, 'struct ipc_perm', 'mode', -1);
  assert.equal(readField(buf, 'struct ipc_perm', 'mode'), 0xffffffff, 'a negative value is written as its 32-bit pattern');
});

test('a field of another size is refused with its name, for reading and writing', () => {
  const buf = Buffer.alloc(200);
  assert.throws(() => readField(buf, 'struct msqid_ds', 'msg_perm'), { message: 'field struct msqid_ds.msg_perm has size 48: read it another way' });
  assert.throws(() => writeField(buf, 'struct msqid_ds', 'msg_perm', 1), { message: 'field struct msqid_ds.msg_perm has size 48: write it another way' });
});

test('errno is read only for a failed call: a success that leaves errno set still reads OK', () => {
  const p = openPipe();
  try {
    const r = sys(`isatty(${p.readEnd})`, lib.func('int isatty(int)'), p.readEnd); // returns 0 and sets ENOTTY
    assert.deepEqual(r, { call: `isatty(${p.readEnd})`, rc: 0, errno: 0, errnoName: 'OK' });
    assert.equal(callLog.at(-1), `isatty(${p.readEnd}) = 0`);
    const bad = sys('close(-1)', lib.func('int close(int)'), -1);
    assert.equal(callLog.at(-1), 'close(-1) = -1 EBADF');
    assert.equal(bad.errnoName, 'EBADF');
  } finally {
    close(p.readEnd);
    close(p.writeEnd);
  }
});

test('the call log keeps the last 300 calls', () => {
  const getpid = lib.func('int getpid(void)');
  for (let i = 0; i < 301; i++) sys(`getpid #${i}`, getpid);
  assert.equal(callLog.length, 300);
  assert.deepEqual([callLog[0], callLog[299]], [`getpid #1 = ${process.pid}`, `getpid #300 = ${process.pid}`]);
});

test('must gives a set-up call\'s result, and throws on its failure, naming call and errno', () => {
  assert.equal(must({ call: 'x()', rc: 0, errno: 0, errnoName: 'OK' }), 0);
  assert.equal(must({ call: 'x()', rc: 7, errno: 0, errnoName: 'OK' }), 7);
  assert.throws(() => must({ call: 'msgctl(3, IPC_RMID)', rc: -1, errno: 1, errnoName: 'EPERM' }),
    (e: Error) => !(e instanceof NotAvailable) && e.message === 'msgctl(3, IPC_RMID) failed with EPERM, which the set-up did not expect');
  assert.throws(() => must({ call: 'pidfd_getfd(3)', rc: -1, errno: 38, errnoName: 'ENOSYS' }),
    (e: Error) => e instanceof NotAvailable && e.message === 'not available here: pidfd_getfd → ENOSYS (no such call here)');
});

test('untilRefused makes at most `limit` attempts', () => {
  let attempts = 0;
  assert.throws(() => untilRefused(() => (attempts++, { call: 'x()', rc: 0, errno: 0, errnoName: 'OK' }), 4), { message: '4 attempts in a row succeeded: nothing was refused' });
  assert.equal(attempts, 4);
});

test('a C and a C++ program compile with warnings on, into the folder, and the command says how', (t) => {
  const dir = scratch(t);
  const saved = { CC: process.env.CC, CXX: process.env.CXX };
  t.after(() => restoreEnv(saved));
  delete process.env.CC;
  delete process.env.CXX;
  const c = compileText('c', 'int main(void) { return 0; }\n', dir, 'ok');
  assert.deepEqual(c, { ok: true, diagnostics: '', binary: join(dir, 'ok'), command: `cc -Wall -Wextra -x c -o ${join(dir, 'ok')} ${join(dir, 'ok.c')}` });
  assert.equal(spawnSync(c.binary).status, 0);
  const cpp = compileText('c++', 'int main() { return 0; }\n', dir, 'okpp', ['-lm']);
  assert.equal(cpp.command, `c++ -Wall -Wextra -x c++ -o ${join(dir, 'okpp')} ${join(dir, 'okpp.cpp')} -lm`);
  assert.equal(cpp.ok, true, cpp.diagnostics);
  const bad = compileText('c', 'int main(void) { return x; }\n', dir, 'bad');
  assert.equal(bad.ok, false);
  assert.match(bad.diagnostics, /error: .x. undeclared/);
});

test('$CC and $CXX come first; without any compiler on PATH, C and C++ are named skips saying what to install', (t) => {
  const dir = scratch(t);
  const saved = { PATH: process.env.PATH, CC: process.env.CC, CXX: process.env.CXX };
  t.after(() => restoreEnv(saved));
  process.env.CC = 'gcc';
  process.env.CXX = 'g++';
  assert.match(compileText('c', 'int main(void) { return 0; }\n', dir, 'a').command, /^gcc -Wall/);
  assert.match(compileText('c++', 'int main() { return 0; }\n', dir, 'b').command, /^g\+\+ -Wall/);
  process.env.CC = 'ipcc-no-such-cc';
  assert.match(compileText('c', 'int main(void) { return 0; }\n', dir, 'c').command, /^cc -Wall/, 'a $CC that is not there is passed over');
  process.env.PATH = dir;
  assert.throws(() => compileText('c', '', dir, 'd'), (e: Error) => e instanceof NotAvailable && e.message === 'not available here: no C compiler (install gcc)');
  assert.throws(() => compileText('c++', '', dir, 'e'), (e: Error) => e instanceof NotAvailable && e.message === 'not available here: no C++ compiler (install g++)');
});

test('after one compilation stalled, no further one is tried in that process', (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'cc'), '#!/bin/sh\n[ "$1" = --version ] && exit 0\nexec sleep 600\n');
  chmodSync(join(dir, 'cc'), 0o755);
  const program = `const c = require('./native/compiler');
    for (const name of ['x', 'y']) { try { c.compileText('c', 'int main(void){return 0;}', process.argv[1], name); } catch (e) { console.log(e.message); } }`;
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', program, dir],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CC: join(dir, 'cc'), IPC_COMPILE_TIMEOUT_MS: '300' }, timeout: 30_000 });
  const stalled = `${join(dir, 'cc')} did not finish compiling ${join(dir, 'x.c')} within 0.3 s (IPC_COMPILE_TIMEOUT_MS)`;
  assert.equal(r.stdout, `${stalled}\n${stalled} (earlier in this run), so no further compilation is tried\n`, r.stderr);
});
