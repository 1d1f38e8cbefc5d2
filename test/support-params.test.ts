/**
 * What the step files share for reading parameters and waiting: offsets in pages (params-mmap.ts),
 * the commit-charge skip, SysV flags, fresh keys and counters (params-sysv.ts), octal modes
 * (parameter-types.ts) and unique names (names.ts), with exact values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotAvailable } from '../native/not-available';
import * as platform from '../native/platform';
import { flagsFromText, unusedKey, until } from '../steps/support/params-sysv';
import { uniqueName } from '../steps/support/names';
import { supportLibrary } from './support/cucumber-support';

type ParamsMmap = typeof import('../steps/support/params-mmap');
type ParameterTypes = typeof import('../steps/support/parameter-types');
let mmap!: ParamsMmap;
let types!: ParameterTypes;
const library = supportLibrary(() => {
  mmap = require('../steps/support/params-mmap');
  types = require('../steps/support/parameter-types');
});
const page = platform.pageSize();

test('an offset is "page", a number, either plus or minus a number, with or without spaces, around it too', () => {
  assert.equal(mmap.offsetOf('page'), page);
  assert.equal(mmap.offsetOf('12'), 12);
  assert.equal(mmap.offsetOf(' 12 '), 12);
  assert.equal(mmap.offsetOf('page + 8'), page + 8);
  assert.equal(mmap.offsetOf('page+8'), page + 8);
  assert.equal(mmap.offsetOf('page +8'), page + 8);
  assert.equal(mmap.offsetOf('page - 1'), page - 1);
  assert.equal(mmap.offsetOf('page - 16'), page - 16);
  assert.equal(mmap.offsetOf('100 + 28'), 128);
});

test('an offset that is not one of those is refused with the forms it may take', () => {
  for (const text of ['xpage', 'page x', 'page + ', '12abc', 'two pages']) {
    assert.throws(() => mmap.offsetOf(text), { message: `offset "${text}" is not "page", "page - N" or a number` });
  }
});

test('the {mmapOutcome} and {mode} parameter types read "a mapping", an errno name and an octal mode', () => {
  const outcome = library.parameterTypeRegistry.lookupByTypeName('mmapOutcome')!;
  assert.equal(new RegExp(outcome.regexpStrings[0]).exec('fails with ENOMEM')?.[0], 'ENOMEM');
  assert.equal(new RegExp(outcome.regexpStrings[0]).exec('gives a mapping')?.[0], 'a mapping');
  assert.equal(library.parameterTypeRegistry.lookupByTypeName('mode')!.transform(null, ['0640']), 0o640);
});

test('octal writes a mode with a leading 0 and three digits at least', () => {
  assert.equal(types.octal(0o600), '0600');
  assert.equal(types.octal(0o7), '0007');
  assert.equal(types.octal(0o55), '0055');
  assert.equal(types.octal(0o4755), '04755');
});

/** Runs fn while sysctl answers `overcommit` for vm/overcommit_memory (and the truth for anything else). */
function withOvercommit(overcommit: number, fn: () => void): void {
  const exports = require('../native/platform') as { sysctl: (name: string) => number | undefined };
  const real = exports.sysctl;
  exports.sysctl = (name) => (name === 'vm/overcommit_memory' ? overcommit : real(name));
  try {
    fn();
  } finally {
    exports.sysctl = real;
  }
}

const mmapResult = (rc: number, errnoName: string) => ({ call: 'mmap(NULL, 4096)', rc, errno: rc === -1 ? 12 : 0, errnoName });
const commitSkip = 'not available here: vm.overcommit_memory is 2 (strict accounting), so mmap(NULL, 4096) is refused for want of commit charge';

test('under strict accounting, ENOMEM for a mapping of up to 4 GiB is a named skip', () => {
  withOvercommit(2, () => {
    for (const length of [4096, 2 ** 32]) {
      assert.throws(() => mmap.skipWithoutCommitCharge(mmapResult(-1, 'ENOMEM'), length), (e: unknown) => e instanceof NotAvailable && (e as Error).message === commitSkip);
    }
  });
});

test('under strict accounting, a larger mapping, another errno or a success is no skip', () => {
  withOvercommit(2, () => {
    assert.equal(mmap.skipWithoutCommitCharge(mmapResult(-1, 'ENOMEM'), 2 ** 32 + 1), undefined);
    assert.equal(mmap.skipWithoutCommitCharge(mmapResult(-1, 'EINVAL'), 4096), undefined);
    assert.equal(mmap.skipWithoutCommitCharge({ ...mmapResult(1, 'ENOMEM') }, 4096), undefined);
    assert.equal(mmap.skipWithoutCommitCharge({ ...mmapResult(0, 'ENOMEM') }, 4096), undefined);
  });
});

test('without strict accounting, ENOMEM is no skip', () => {
  for (const overcommit of [0, 1]) {
    withOvercommit(overcommit, () => assert.equal(mmap.skipWithoutCommitCharge(mmapResult(-1, 'ENOMEM'), 4096), undefined));
  }
});

test('flags are read by name, with spaces around the bars; "no flags" is 0', () => {
  const C = { IPC_CREAT: 0o1000, IPC_EXCL: 0o2000, IPC_NOWAIT: 0o4000 };
  assert.equal(flagsFromText('IPC_CREAT|IPC_EXCL', C), 0o3000);
  assert.equal(flagsFromText('IPC_CREAT | IPC_NOWAIT', C), 0o5000);
  assert.equal(flagsFromText('no flags', C), 0);
});

test('an unused key is the first fresh key no object has', () => {
  const asked: number[] = [];
  const key = unusedKey((k) => { asked.push(k); return asked.length === 1; });
  assert.equal(asked.length, 2);
  assert.equal(key, asked[1]);
});

test('after 20 fresh keys that are all taken, unusedKey gives up', () => {
  let asked = 0;
  assert.throws(() => unusedKey(() => { asked += 1; if (asked > 25) throw new Error('asked on and on'); return true; }), { message: '20 fresh keys in a row were taken' });
  assert.equal(asked, 20);
});

test('until resolves once its condition holds, and fails after its timeout naming what never happened', async () => {
  let checks = 0;
  await until('the third look', () => ++checks === 3, 2000);
  assert.equal(checks, 3);
  let looked = 0;
  const started = Date.now();
  await assert.rejects(until('the peer waits', () => { looked += 1; return false; }, 30), { message: 'timed out after 30 ms waiting until the peer waits' });
  assert.ok(Date.now() - started >= 30);
  assert.ok(looked > 1);
});

test('unique names count up, one a call', () => {
  const count = (name: string) => Number(/-(\d+)-unit$/.exec(name)?.[1]);
  const first = uniqueName('unit');
  const second = uniqueName('unit');
  assert.match(first, new RegExp(`^ipcc-.+-w\\w+-${process.pid}-\\d+-unit$`));
  assert.equal(count(second), count(first) + 1);
});
