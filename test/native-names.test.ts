/** native/signal-names.ts, native/errno.ts and native/not-available.ts: names both ways, and unknown ones. */
import assert from 'node:assert/strict';
import { constants } from 'node:os';
import { test } from 'node:test';
import { errnoName, errnoNumber } from '../native/errno';
import { NotAvailable } from '../native/not-available';
import { signalName, signalNumber } from '../native/signal-names';

test('signalName gives the name of each signal number, the first of aliases, and "signal N" where there is none', () => {
  assert.deepEqual([signalName(constants.signals.SIGHUP), signalName(constants.signals.SIGSEGV), signalName(constants.signals.SIGABRT), signalName(250)],
    ['SIGHUP', 'SIGSEGV', 'SIGABRT', 'signal 250']);
});

test('signalNumber reads the platform table, and an unknown name is a kit error', () => {
  assert.deepEqual([signalNumber('SIGTERM'), signalNumber('SIGKILL')], [constants.signals.SIGTERM, constants.signals.SIGKILL]);
  assert.throws(() => signalNumber('SIGNOPE'), { message: 'SIGNOPE is not a signal name here' });
});

test('errnoNumber refuses an unknown name instead of giving undefined', () => {
  assert.equal(errnoNumber('ENOENT'), constants.errno.ENOENT);
  assert.throws(() => errnoNumber('ENOSUCHERR'), { message: 'unknown errno name ENOSUCHERR' });
});

test('errnoName shows a number no name has as "errno N"', () => {
  assert.deepEqual([errnoName(0), errnoName(constants.errno.EPIPE), errnoName(99999)], ['OK', 'EPIPE', 'errno 99999']);
});

test('NotAvailable is an Error named NotAvailable whose message gives the reason', () => {
  const e = new NotAvailable('msgget → EPERM (blocked, probed)');
  assert.deepEqual([e instanceof Error, e.name, e.message, String(e)],
    [true, 'NotAvailable', 'not available here: msgget → EPERM (blocked, probed)', 'NotAvailable: not available here: msgget → EPERM (blocked, probed)']);
});
