/**
 * The assertion helpers can fail: each comparison a step hands to
 * steps/support/expect.ts is checked here on both sides of its bound, so the
 * mutation run (which mutates steps/, not these helpers) can rely on them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertionsMade, expectAbove, expectAtLeast, expectBelow, expectCompileError, expectDistinct, expectFailure, expectMatch, expectOneOf, expectSuccess,
  expectTrue, expectUnrelated, expectValue, expectWithin, resetAssertions,
} from '../steps/support/expect';
import { NotAvailable } from '../native/not-available';
import { SysResult } from '../native/libc';

const call = (rc: number, errnoName = 'OK', errno = 0): SysResult => ({ call: 'demo()', rc, errno, errnoName });

test('expectWithin takes both bounds and nothing outside them', () => {
  expectWithin('t', 5, 5, 7);
  expectWithin('t', 7, 5, 7);
  assert.throws(() => expectWithin('msg_stime', 4, 5, 7), /^AssertionError.*msg_stime: expected 5\.\.7, got 4/);
  assert.throws(() => expectWithin('t', 8, 5, 7), /expected 5\.\.7, got 8/);
  assert.throws(() => expectWithin('t', Number.NaN, 5, 7), /got NaN/);
});

test('expectAtLeast, expectAbove and expectBelow put the bound where they say', () => {
  expectAtLeast('id', 0, 0);
  assert.throws(() => expectAtLeast('id', 0, -1), /id: expected at least 0, got -1/);
  expectAbove('n', 3, 4);
  assert.throws(() => expectAbove('n', 3, 3), /n: expected more than 3, got 3/);
  expectBelow('n', 3, 2);
  assert.throws(() => expectBelow('n', 3, 3), /n: expected less than 3, got 3/);
});

test('expectDistinct fails on any repeated value', () => {
  expectDistinct('ids', [1, 2, 3]);
  assert.throws(() => expectDistinct('ids', [1, 2, 1]), /ids: expected distinct values, got \[1,2,1\]/);
  assert.throws(() => expectDistinct('addresses', [5n, 5n]), /expected distinct values/);
});

test('expectOneOf and expectMatch name what they allowed', () => {
  expectOneOf('errno', ['EAGAIN', 'EACCES'], 'EACCES');
  assert.throws(() => expectOneOf('errno', ['EAGAIN', 'EACCES'], 'EPERM'), /errno: expected one of \["EAGAIN","EACCES"\], got "EPERM"/);
  expectMatch('name', /^@[0-9a-f]{5}$/, '@0a1b2');
  assert.throws(() => expectMatch('name', /^@[0-9a-f]{5}$/, '@0a1b'), /name: expected a match for/);
});

test('expectUnrelated refuses the same process and either parent-child direction', () => {
  expectUnrelated('peers', { pid: 10, ppid: 1 }, { pid: 20, ppid: 2 });
  assert.throws(() => expectUnrelated('peers', { pid: 10, ppid: 1 }, { pid: 10, ppid: 1 }), /both are process 10/);
  assert.throws(() => expectUnrelated('peers', { pid: 10, ppid: 20 }, { pid: 20, ppid: 2 }), /process 10 is a child of 20/);
  assert.throws(() => expectUnrelated('peers', { pid: 10, ppid: 1 }, { pid: 20, ppid: 10 }), /process 20 is a child of 10/);
  // fixture events carry the numbers as JSON values
  expectUnrelated('events', { event: 'who', pid: 10, ppid: 1 }, { event: 'who', pid: 20, ppid: 1 });
});

test('expectSuccess and expectFailure check the value and the errno by name, and count as assertions', () => {
  resetAssertions();
  expectSuccess(call(3), 3);
  assert.throws(() => expectSuccess(call(2), 3), /demo\(\) returned 2, not 3/);
  assert.throws(() => expectSuccess(call(-1, 'EINVAL', 22)), /demo\(\) failed with EINVAL/);
  expectFailure(call(-1, 'EAGAIN', 11), 'EWOULDBLOCK');
  assert.throws(() => expectFailure(call(0), 'EAGAIN'), /was expected to fail with EAGAIN, but it returned 0/);
  assert.throws(() => expectFailure(call(-1, 'EINVAL', 22), 'EAGAIN'), /failed with EINVAL, not EAGAIN/);
  assert.throws(() => expectFailure(call(-1, 'ENOSYS', 38), 'EAGAIN'), NotAvailable);
  expectValue('v', [1, 'a'], [1, 'a']);
  assert.throws(() => expectValue('v', [1, 'a'], [1, 'b']), /v: expected \[1,"a"\], got \[1,"b"\]/);
  assert.equal(assertionsMade(), 9);
});

test('every helper counts as one assertion, pass or fail, so a Then step whose checks were lost is caught', () => {
  resetAssertions();
  const tries: (() => void)[] = [
    () => expectWithin('w', 1, 0, 2), () => expectAtLeast('a', 1, 1), () => expectAbove('b', 0, 1), () => expectBelow('c', 2, 1),
    () => expectDistinct('d', [1, 2]), () => expectOneOf('o', [1], 1), () => expectMatch('m', /x/, 'x'), () => expectTrue('t', true),
    () => expectUnrelated('u', { pid: 10, ppid: 1 }, { pid: 11, ppid: 1 }), () => expectCompileError(compiled(false, 'f.c:1:2: error: boom'), /boom/),
  ];
  tries.forEach((f, i) => {
    f();
    assert.equal(assertionsMade(), i + 1);
  });
  resetAssertions();
  assert.throws(() => expectTrue('the fd was closed', false), { message: 'the fd was closed' });
  assert.throws(() => expectAtLeast('a', 2, 1));
  assert.equal(assertionsMade(), 2);
});

test('expectDistinct needs two values to compare; fewer is a kit error, not a failure of the OS', () => {
  assert.throws(() => expectDistinct('ids', [7]), (e: Error) => !(e instanceof assert.AssertionError) && e.message === 'ids: expectDistinct needs two values or more, got 1');
  assert.throws(() => expectDistinct('ids', [7, 7]), { message: 'ids: expected distinct values, got [7,7]' });
  assert.throws(() => expectValue('size', 1n, 2n), { message: 'size: expected "1n", got "2n"' }, 'bigints are shown, not a TypeError');
});

const compiled = (ok: boolean, diagnostics: string) => ({ ok, diagnostics, binary: '/x/p', command: 'cc -o /x/p p.c' });

test('expectCompileError finds the error line that matches, and gives its text with plain quotes', () => {
  const diagnostics = ['p.c: In function \u2018main\u2019:', 'p.c:3:5: warning: unused variable \u2018x\u2019', 'p.c:4:9: error: \u2018y\u2019 undeclared here', 'p.c:5:1: error: expected \u2018;\u2019'].join('\n');
  assert.equal(expectCompileError(compiled(false, diagnostics), /undeclared/), "'y' undeclared here");
  assert.equal(expectCompileError(compiled(false, diagnostics), /expected .;./), "expected ';'");
  assert.throws(() => expectCompileError(compiled(false, diagnostics), /unused variable/), { message: `no error matching /unused variable/ from cc -o /x/p p.c:\n${diagnostics}` }, 'a warning is no error');
  assert.throws(() => expectCompileError(compiled(true, ''), /undeclared/), { message: 'cc -o /x/p p.c was expected to fail, but compiled' });
});

test('a blocked call is a named skip for expectSuccess, and for expectFailure unless its errno is the expected one', () => {
  const enosys = call(-1, 'ENOSYS', 38);
  assert.throws(() => expectSuccess({ ...enosys, call: 'pidfd_getfd(3)' }), (e: Error) => e instanceof NotAvailable && e.message === 'not available here: pidfd_getfd → ENOSYS (no such call here)');
  assert.doesNotThrow(() => expectFailure({ ...enosys, call: 'pidfd_getfd(3)' }, 'ENOSYS'));
  assert.throws(() => expectSuccess({ ...call(-1, 'EPERM', 1), call: 'kill(1, 0)' }), (e: Error) => !(e instanceof NotAvailable) && e.message === 'kill(1, 0) failed with EPERM');
  assert.doesNotThrow(() => expectSuccess(call(5)), 'no rc asked: any success');
});
