/**
 * npm run cluster-report: merging recorded claims reports (test/fixtures-data/cluster: real runs
 * of this kit on a Debian 12 host and in a podman container, as root and as uid 65534, cut down to
 * a few claims; see its README) into targets × claims, the claims that differ first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { mergeClaims, renderClusterMarkdown, type TargetReport } from '../kit/cluster-merge';
import { targetNames } from '../kit/cluster-report';
import { root } from '../kit/paths';

const data = join(root, 'test', 'fixtures-data', 'cluster');
const TARGETS = ['container/root', 'container/uid-65534', 'host/root', 'host/uid-65534'];
// the image has no manual pages: PIPE-57 is skipped in the container and passed on the host
const EXPECTED_DIFFERING = ['PIPE-57'];
const recorded = (name: string): TargetReport => ({ name, ...JSON.parse(readFileSync(join(data, name, 'claims.json'), 'utf8')) });
const cli = (args: string[], reports: string) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'kit', 'cluster-report.ts'), ...args],
  { cwd: root, encoding: 'utf8', env: { ...process.env, IPC_REPORTS_DIR: reports } });

test('targets are named by their folders below the folder the reports share', () => {
  assert.deepEqual(targetNames(TARGETS.map((t) => join(data, t, 'claims.json'))), TARGETS);
  assert.deepEqual(targetNames([join(data, 'host', 'root', 'claims.json')]), ['root']);
});

test('the merge puts the claims whose status or verdict differs between targets first, in id order', () => {
  const merged = mergeClaims(TARGETS.map(recorded));
  const differing = merged.claims.filter((c) => c.differs).map((c) => c.id);
  assert.deepEqual(differing, EXPECTED_DIFFERING);
  assert.equal(merged.differing, EXPECTED_DIFFERING.length);
  assert.deepEqual(merged.claims.slice(0, differing.length).map((c) => c.id), differing);
  assert.ok(merged.claims.slice(differing.length).every((c) => !c.differs));
  assert.deepEqual(merged.targets.map((t) => [t.name, t.uid]), [['container/root', '0'], ['container/uid-65534', '65534'], ['host/root', '0'], ['host/uid-65534', '65534']]);
});

test('a claim that one report lacks is a difference, shown as a dash', () => {
  const [a, b] = [recorded('host/root'), recorded('host/uid-65534')];
  const dropped = b.claims[0].id;
  const merged = mergeClaims([a, { ...b, claims: b.claims.slice(1) }]);
  const claim = merged.claims.find((c) => c.id === dropped)!;
  assert.deepEqual([claim.differs, claim.cells['host/uid-65534']], [true, null]);
  assert.match(renderClusterMarkdown(merged), new RegExp(`^\\| ${dropped} \\| \\*\\*yes\\*\\* \\| passed, \\w+ \\| — \\|$`, 'm'));
});

test('two reports with one name are refused', () => {
  assert.throws(() => mergeClaims([recorded('host/root'), recorded('host/root')]), /two reports are both named "host\/root"/);
});

test('npm run cluster-report writes cluster.md and cluster.json; bad input gets one message and exit 2', () => {
  const out = mkdtempSync(join(tmpdir(), 'ipcc-cluster-'));
  try {
    const ok = cli([data], out);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`^4 targets, \\d+ claims, ${EXPECTED_DIFFERING.length} differ; report: `));
    const json = JSON.parse(readFileSync(join(out, 'cluster.json'), 'utf8'));
    assert.deepEqual(json.targets.map((t: { name: string }) => t.name), TARGETS);
    const md = readFileSync(join(out, 'cluster.md'), 'utf8');
    assert.match(md, /^\| claim \| differs \| container\/root \| container\/uid-65534 \| host\/root \| host\/uid-65534 \|$/m);

    writeFileSync(join(out, 'other.json'), '{"results": []}');
    const refusals: [string[], RegExp][] = [
      [[], /^ipc-conformance: usage: npm run cluster-report -- <folder or claims.json>/],
      [[join(out, 'nowhere')], /nowhere does not exist/],
      [[join(out, 'other.json')], /other\.json is not an ipc-conformance claims report/],
    ];
    for (const [args, message] of refusals) {
      const r = cli(args, out);
      assert.deepEqual([r.status, r.stderr.trim().split('\n').length], [2, 1]);
      assert.match(r.stderr, message);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
