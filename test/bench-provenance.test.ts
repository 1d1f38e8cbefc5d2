/** reports/bench.json is quoted only when this checkout measured it on this host since its last boot; its age is shown. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { age, benchForReport, currentProvenance, mismatch, Provenance } from '../kit/bench-provenance';
import { root } from '../kit/paths';

const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-bench-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const here: Provenance = { checkout: '/src/kit', commit: 'a'.repeat(40), hostname: 'box', kernel: '6.1.0', bootId: 'boot-1', time: '2026-03-01T12:00:00.000Z' };
const file = (body: object | string) => {
  const path = join(dir, `bench-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};
const evidence = { 'bench.ratio.x': 3 };

test('a benchmark from this checkout and host is quoted, with its age', () => {
  const use = benchForReport(file({ provenance: { ...here, time: '2026-03-01T09:15:00.000Z' }, evidence }), here);
  assert.deepEqual(use.evidence, evidence);
  assert.match(use.summary, /measured 2 h 45 min ago \(2026-03-01T09:15:00.000Z\) on this host at commit aaaaaaaaaaaa\.$/);
});

test('a benchmark from another checkout, commit, host, kernel or boot, or without provenance, is not quoted, saying why', () => {
  for (const [change, why] of [
    [{ checkout: '/elsewhere' }, /another checkout \(\/elsewhere\)/],
    [{ commit: 'b'.repeat(40) }, /another commit \(bbbbbbbbbbbb, this checkout is at aaaaaaaaaaaa\)/],
    [{ hostname: 'other' }, /another host \(other\)/],
    [{ kernel: '5.10' }, /another kernel \(5\.10\)/],
    [{ bootId: 'boot-0' }, /before this host's last boot/],
    [{ time: '2027-01-01T00:00:00Z' }, /a time in the future/],
  ] as const) {
    const use = benchForReport(file({ provenance: { ...here, ...change }, evidence }), here);
    assert.deepEqual(use.evidence, {}, JSON.stringify(change));
    assert.match(use.summary, why);
    assert.match(use.summary, /^not used: .* does not come from this checkout and host: .*run npm run bench again$/);
  }
  assert.match(benchForReport(file({ evidence }), here).summary, /records no provenance/);
  assert.deepEqual(benchForReport(file({ evidence }), here).evidence, {});
  assert.match(benchForReport(file('{"evid'), here).summary, /^not used: .* is not readable JSON/);
  assert.match(benchForReport(join(dir, 'absent.json'), here).summary, /^none \(no reports\/bench\.json/);
});

test('this checkout\'s provenance names its folder, commit, host and boot; ages read in units', () => {
  const p = currentProvenance(new Date('2026-01-01T00:00:00Z'));
  assert.equal(p.checkout, root);
  assert.equal(p.time, '2026-01-01T00:00:00.000Z');
  assert.equal(mismatch(p, p), undefined);
  assert.deepEqual([age(40), age(125), age(3 * 3600 + 720), age(2 * 86400 + 4 * 3600)], ['40 s', '2 min', '3 h 12 min', '2 d 4 h']);
});
