/** IPC_TIME_SCALE multiplies the kit's safety timeouts, and only accepts a number from 1 to 1000. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimeScale, scaled, timeScale } from '../native/time-scale';

test('no IPC_TIME_SCALE, or an empty one, is a usual machine: 1', () => {
  assert.equal(parseTimeScale(undefined), 1);
  assert.equal(parseTimeScale(''), 1);
});

test('a slower machine says how much slower: 1, 2.5, 20 and 1000 are taken as they are', () => {
  for (const n of [1, 2.5, 20, 1000]) assert.equal(parseTimeScale(String(n)), n);
});

test('a scale that would shorten the timeouts, or is not a number, is refused with the accepted range', () => {
  for (const bad of ['0', '0.99', '-3', '1001', 'NaN', 'Infinity', 'slow']) {
    assert.throws(() => parseTimeScale(bad), { message: `IPC_TIME_SCALE must be a number from 1 to 1000 (how many times slower this machine is), not "${bad}"` });
  }
});

test('a safety timeout grows with the scale, in whole milliseconds', () => {
  assert.equal(scaled(4000, 1), 4000);
  assert.equal(scaled(4000, 20), 80_000);
  assert.equal(scaled(10_000, 2.5), 25_000);
  assert.equal(scaled(3, 1.5), 5);
});

test('this process\'s scale is read from IPC_TIME_SCALE once', () => {
  assert.equal(timeScale(), parseTimeScale(process.env.IPC_TIME_SCALE));
  assert.equal(scaled(4000), 4000 * timeScale());
});
