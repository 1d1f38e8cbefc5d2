/**
 * Rules that can flip (issue 13, item 4): every `when` rule of the ledger decides with the values that
 * make it hold and gives way with the values that make it fail; every rule reads a key that a run can
 * measure either way; the benchmark's findings flip at the thresholds kit/bench-stats.ts defines once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Summary } from '../kit/bench-stats';
import { evidence, THRESHOLD_KEYS, THRESHOLDS } from '../kit/bench-stats';
import { decide, fill, LedgerEntry, loadLedger, Rule, testHolds, Values } from '../kit/ledger';
import { featuresDir, root } from '../kit/paths';

const ledger = loadLedger();
const rules: { entry: LedgerEntry; rule: Rule; index: number }[] = [...ledger.values()]
  .flatMap((entry) => (entry.when ?? []).map((rule, index) => ({ entry, rule, index })));

/** The key, operator and literal of a rule (the ledger's own parser is private; this mirrors its grammar). */
function parts(test: string): { key: string; op: string; value: string } {
  const m = /^\s*([\w.\-]+)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*$/.exec(test)!;
  return { key: m[1], op: m[2], value: m[3].replace(/^["'](.*)["']$/, '$1') };
}

/** A value of the rule's key that makes it hold, and one that makes it fail. */
function flipValues(test: string): { key: string; yes: string | number | boolean; no: string | number | boolean } {
  const { key, op, value } = parts(test);
  if (value === 'true' || value === 'false') {
    const v = value === 'true';
    return { key, yes: op === '==' ? v : !v, no: op === '==' ? !v : v };
  }
  const n = Number(value);
  if (value.trim() !== '' && !Number.isNaN(n)) {
    const table: Record<string, [number, number]> = {
      '==': [n, n + 1], '!=': [n + 1, n], '<': [n - 1, n], '<=': [n, n + 1], '>': [n + 1, n], '>=': [n, n - 0.01],
    };
    const [yes, no] = table[op];
    return { key, yes, no };
  }
  return op === '==' ? { key, yes: value, no: `${value}-not` } : { key, yes: `${value}-not`, no: value };
}

/**
 * Why each key a rule reads can come out either way on some host: a platform fact, or a value a step
 * measures and records without asserting it first. A key recorded right after an assertion of its value
 * (sig.semantics_differ was one) can never flip: its rule is dead text.
 */
const KEY_SOURCES: Record<string, string> = {
  'pipe.capacity': 'F_GETPIPE_SZ of a new pipe (4096 where fs.pipe-user-pages-soft is exhausted, 65536 by default)',
  'cap.CAP_SYS_RESOURCE': 'the capability set of the run (root in a container without it, or an unprivileged user)',
  'pipe.man_3p': 'whether manpages-posix-dev is installed (recorded, not asserted)',
  'pshm.links_without_lrt': 'whether a shm_open program links without -lrt (recorded before the glibc-version check)',
  'euid': 'the run\'s effective uid (root or 65534)',
  'msg.queue_vs_pipe': 'kernel.msgmnb against the pipe capacity; the step asserts the fill amounts, not their order',
  'shm.other_user_attach': '"owner" when the run is itself uid 65534, the errno otherwise',
  'uds.run_socket_files': 'how many socket files the host has under /var/run',
  'mmap.page_size': 'sysconf(_SC_PAGESIZE): 4096, 16384 or 65536',
  'bench.finding.pipe_slow': 'computed by kit/bench-stats.ts from this run\'s benchmark against THRESHOLDS',
  'bench.finding.shm_fastest': 'computed by kit/bench-stats.ts from this run\'s benchmark against THRESHOLDS',
  'bench.finding.shm_bulk_win': 'computed by kit/bench-stats.ts from this run\'s benchmark against THRESHOLDS.bulkWin',
  'bench.finding.queue_unsuited': 'computed by kit/bench-stats.ts from this run\'s benchmark against THRESHOLDS',
  'bench.finding.local_faster': 'computed by kit/bench-stats.ts from this run\'s benchmark against THRESHOLDS.localWin',
};

test('every rule reads a key whose source says why it can come out either way', () => {
  const keys = [...new Set(rules.map(({ rule }) => parts(rule.if).key))];
  assert.deepEqual(keys.filter((k) => !(k in KEY_SOURCES)).sort(), [], 'a new rule key needs its source in KEY_SOURCES');
  assert.deepEqual(Object.keys(KEY_SOURCES).filter((k) => !keys.includes(k)).sort(), [], 'KEY_SOURCES lists keys no rule reads');
});

test('no rule compares a benchmark ratio with a number: thresholds live in kit/bench-stats.ts, rules read findings', () => {
  assert.deepEqual(rules.filter(({ rule }) => /^bench\.ratio\./.test(parts(rule.if).key)).map(({ entry, rule }) => `${entry.id}: ${rule.if}`), []);
});

for (const { entry, rule, index } of rules) {
  test(`${entry.id} rule ${index + 1} (${rule.if}) decides when it holds and gives way when it does not`, () => {
    const { key, yes, no } = flipValues(rule.if);
    assert.equal(testHolds(rule.if, { [key]: yes }), true);
    assert.equal(testHolds(rule.if, { [key]: no }), false);
    // earlier rules on other keys stay unmeasured, so this rule is the first that holds
    const earlier = (entry.when ?? []).slice(0, index).filter((r) => parts(r.if).key === key);
    const values: Values = { [key]: yes };
    if (!earlier.some((r) => testHolds(r.if, values))) {
      const d = decide(entry, values);
      assert.equal(d.verdict, rule.verdict);
      assert.equal(d.observed, fill(rule.observed, values).text);
    }
    const other = decide(entry, { [key]: no });
    const fellThrough = (entry.when ?? []).find((r) => testHolds(r.if, { [key]: no }) === true);
    assert.equal(other.verdict, fellThrough?.verdict ?? entry.verdict);
    assert.notEqual(other.observed, fill(rule.observed, { [key]: no }).text, 'the other value must not give this rule\'s sentence');
  });
}

test('a rule whose key nobody measured leaves the entry\'s own verdict and sentence', () => {
  for (const { entry } of rules) {
    assert.equal(decide(entry, {}).verdict, entry.verdict, entry.id);
  }
});

// ---- the benchmark's findings and their thresholds -----------------------------

const summary = (key: string, median: number): Summary => {
  const [kindPart, mech, size] = key.split('/');
  const kind = kindPart.startsWith('lat') ? 'lat' : 'tput';
  const placement = kindPart.endsWith('-pinned') ? 'one-cpu' : kindPart.endsWith('-spread') ? 'spread' : 'free';
  return { key, kind, mech, pinned: placement === 'one-cpu', placement, size: Number(size) || 1, status: 'ok', runs: 3, median, min: median, max: median, p99: median, mean: median };
};

/** A benchmark where the best ring streams `ring` GB/s at 1 MiB against a pipe's 1, and TCP takes `tcp` µs to UNIX's 10. */
function bench(ring: number, tcp: number) {
  return evidence([
    summary('tput-pinned/shm-spin/1048576', ring), summary('tput-pinned/pipe/1048576', 1),
    summary('tput-pinned/shm-futex/1048576', ring / 2), summary('lat-pinned/pipe', 10),
    summary('lat-pinned/shm-futex', 10), summary('lat-pinned/shm-spin', 10),
    summary('lat-pinned/unix', 10), summary('lat-pinned/tcp', tcp),
  ], {});
}

test('the bulk-data finding flips at THRESHOLDS.bulkWin, the number the ledger and the scenario use', () => {
  assert.equal(bench(THRESHOLDS.bulkWin, 20)['bench.finding.shm_bulk_win'], 'yes');
  assert.equal(bench(THRESHOLDS.bulkWin - 0.1, 20)['bench.finding.shm_bulk_win'], 'no');
  assert.equal(bench(THRESHOLDS.bulkWin - 0.1, 20)['bench.finding.shm_fastest'], 'no');
  assert.equal(bench(THRESHOLDS.bulkWin, 20)['bench.finding.shm_fastest'], 'bulk-only');
});

test('the local-is-faster finding flips at THRESHOLDS.localWin', () => {
  assert.equal(bench(3, 10 * THRESHOLDS.localWin)['bench.finding.local_faster'], 'yes');
  assert.equal(bench(3, 10 * THRESHOLDS.localWin - 0.5)['bench.finding.local_faster'], 'no');
});

test('the benchmark records every threshold, so a sentence can quote the number the verdict used', () => {
  const e = bench(3, 20);
  for (const [name, key] of Object.entries(THRESHOLD_KEYS)) assert.equal(e[key], THRESHOLDS[name as keyof typeof THRESHOLDS]);
});

test('the performance scenarios name the verdict thresholds instead of repeating their numbers', () => {
  const feature = readFileSync(join(featuresDir, 'performance.feature'), 'utf8');
  const steps = readFileSync(join(root, 'steps', 'performance.steps.ts'), 'utf8');
  for (const phrase of ['the best kernel mechanism', 'same band', 'local margin']) {
    const lines = feature.split('\n').filter((l) => /^\s*(Then|And) /.test(l) && l.includes(phrase));
    assert.ok(lines.length > 0, `no step says "${phrase}"`);
    assert.deepEqual(lines.filter((l) => /\d+(\.\d+)? times\b|between \d/.test(l)), [], `a step about "${phrase}" repeats a number`);
  }
  for (const name of Object.keys(THRESHOLDS)) assert.ok(steps.includes(`'${name}'`), `steps/performance.steps.ts does not use THRESHOLDS.${name}`);
});
