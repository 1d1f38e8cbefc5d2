/** Evidence is written once per scenario: a later step cannot silently replace what an earlier one measured. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errnoKey, Evidence } from '../steps/support/evidence';

test('a key recorded again with another value is a kit error naming both steps and both values', () => {
  const published: string[] = [];
  const e = new Evidence((k, v) => published.push(`${k}=${v}`));
  e.step = 'a read of up to 100 bytes by the server returns 2, "lo"';
  assert.equal(e.record('uds.read_100', 2), 2);
  e.step = 'a read of up to 100 bytes by the server returns 0, ""';
  assert.throws(() => e.record('uds.read_100', 0),
    /^Error: kit error: evidence "uds\.read_100" was recorded as 2 by the step "a read of up to 100 bytes by the server returns 2, "lo""; the step "a read of up to 100 bytes by the server returns 0, """ would overwrite it with 0/);
  assert.deepEqual(e.values, { 'uds.read_100': 2 });
  assert.deepEqual(published, ['uds.read_100=2']);
});

test('recording the same value again is harmless, and a value of another type is another value', () => {
  const e = new Evidence();
  e.record('pipe.capacity', 65536);
  e.step = 'a later step';
  assert.equal(e.record('pipe.capacity', 65536), 65536);
  assert.throws(() => e.record('pipe.capacity', '65536'), /was recorded as 65536 by the step "a step before the first"; the step "a later step" would overwrite it with "65536"/);
  assert.throws(() => e.record('pipe.capacity', false), /overwrite it with false/);
  e.record('x.nan', Number.NaN);
  e.record('x.nan', Number.NaN); // NaN is the same measurement as NaN
  assert.equal(e.empty, false);
  assert.equal(new Evidence().empty, true);
});

test('errnoKey gives each failing function its key, and a later failure of it with another errno the next one', () => {
  const e = new Evidence();
  assert.equal(errnoKey(e, 'msgget(key 0x1234, 0)', 'ENOENT'), 'errno.msgget');
  e.record('errno.msgget', 'ENOENT');
  assert.equal(errnoKey(e, 'msgget(key 0x1234, 0)', 'ENOENT'), 'errno.msgget');
  assert.equal(errnoKey(e, 'msgget(key 0x1234, IPC_CREAT|IPC_EXCL)', 'EEXIST'), 'errno.msgget.2');
  e.record('errno.msgget.2', 'EEXIST');
  assert.equal(errnoKey(e, 'msgget(…)', 'EEXIST'), 'errno.msgget.2');
  assert.equal(errnoKey(e, 'msgget(…)', 'EACCES'), 'errno.msgget.3');
  assert.equal(errnoKey(e, 'lseek(fd 5, 0, SEEK_SET)', 'ESPIPE'), 'errno.lseek');
  assert.equal(errnoKey(e, '', 'EINVAL'), 'errno.call');
});

test('a key no ledger {placeholder} could name (empty, with spaces, braces or an empty part) is a kit error naming the step', () => {
  const e = new Evidence();
  e.step = 'the pipe holds 65536 bytes';
  for (const bad of ['', 'Stryker was here!', 'pipe.', '.pipe', 'pipe..capacity', 'pipe.{capacity}', 'pipe.a b']) {
    assert.throws(() => e.record(bad, 1), new RegExp(`^Error: kit error: the evidence key "${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" \\(step "the pipe holds 65536 bytes"\\) is not a key a ledger`), bad);
  }
  for (const good of ['PIPE_BUF', 'pipe.capacity', 'errno.lseek.2', 'mmap.fd_-1.MAP_SHARED-MAP_ANONYMOUS', 'bench.tput_pinned.shm-spin.1MiB']) assert.equal(e.record(good, 1), 1);
  assert.equal(e.empty, false);
});

test('an empty text is not a measurement: recording one is a kit error naming the step and the key', () => {
  const e = new Evidence();
  e.step = 'the listing shows no name';
  assert.throws(() => e.record('mmap.maps_name', ''), /^Error: kit error: the step "the listing shows no name" records "mmap\.maps_name" as an empty text/);
  assert.equal(e.record('mmap.maps_name', '(none)'), '(none)');
  assert.equal(e.record('x.zero', 0), 0);
  assert.equal(e.record('x.false', false), false);
});
