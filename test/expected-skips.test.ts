/**
 * The mutation profile is strict except for the skips an unmutated run of this host made
 * (steps/support/expected-skips.ts, kit/mutation-baseline.ts): exactly that scenario with exactly that reason.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { expectedSkips, skipKey } from '../kit/mutation-baseline';
import { readRunResults } from '../kit/run-results';
import { SKIP_MEDIA_TYPE } from '../steps/support/evidence';
import { expectedSkip } from '../steps/support/expected-skips';
import { messages } from './support/messages';

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the baseline lists each skipped scenario with its file, name and reason, sorted; nothing else', () => {
  writeFileSync(join(dir, 'run.ndjson'), messages([
    ['b', [], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: this run holds CAP_MKNOD']]],
    ['a', [], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: lsof is not installed']]],
    ['c', [], ['PASSED'], []],
    ['d', [], ['FAILED'], []],
  ]));
  assert.equal(skipKey('features/x.feature', 'a', 'why'), 'features/x.feature\ta\twhy');
  assert.deepEqual(expectedSkips(readRunResults(join(dir, 'run.ndjson'))), [
    'features/x.feature\ta\tnot available here: lsof is not installed',
    'features/x.feature\tb\tnot available here: this run holds CAP_MKNOD',
  ]);
});

test('strict admits a listed skip only for that scenario and that reason, and only under the mutation profile', () => {
  const file = join(dir, 'expected-skips.json');
  writeFileSync(file, JSON.stringify([skipKey('features/x.feature', 'a', 'not available here: r')]));
  const world = (expectedSkips: unknown, uri = 'features/x.feature', name = 'a') => ({ parameters: { strict: true, expectedSkips }, scenario: { uri, name } });
  assert.equal(expectedSkip(world(file), 'not available here: r'), true);
  assert.equal(expectedSkip(world(file), 'not available here: other'), false);
  assert.equal(expectedSkip(world(file, 'features/y.feature'), 'not available here: r'), false);
  assert.equal(expectedSkip(world(file, 'features/x.feature', 'b'), 'not available here: r'), false);
  assert.equal(expectedSkip(world(undefined), 'not available here: r'), false);
  assert.equal(expectedSkip({ parameters: { strict: true, expectedSkips: file } }, 'not available here: r'), false);
});
