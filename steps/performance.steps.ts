/**
 * Steps for features/performance.feature. Nothing is measured here: the
 * numbers come from reports/bench.json, written by `npm run bench` just before
 * (kit/bench.ts, C programs in fixtures/bench-*.c). Every check compares two
 * values of the same run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentProvenance, mismatch, Provenance } from '../kit/bench-provenance';
import { THRESHOLD_KEYS, THRESHOLDS } from '../kit/bench-stats';
import { reportsDir } from '../kit/paths';
import { NotAvailable } from '../native/not-available';
import { Given, Then } from './support/dsl';
import { expectOneOf, expectTrue } from './support/expect';
import type { IpcWorld } from './support/world';

interface Bench {
  evidence: Record<string, string | number | boolean>;
  summaries: { key: string; kind: string; mech: string; placement: string; size: number; status: string; reason?: string; median?: number }[];
  outcomes: { key: string; status: string; reason?: string; cpusParent?: number[]; cpusChild?: number[] }[];
}

const bench = (w: IpcWorld): Bench => w.get<Bench>('bench');

/** A number the benchmark measured; a missing one means the mechanism could not run here. */
function num(w: IpcWorld, key: string): number {
  const v = bench(w).evidence[key];
  if (typeof v !== 'number') throw new NotAvailable(`the benchmark has no value for ${key} (see reports/bench.md)`);
  return w.evidence.record(key, v);
}

function atLeast(w: IpcWorld, what: string, key: string, min: number): void {
  const v = num(w, key);
  expectTrue(`${what}: ${key} = ${v}, expected at least ${min}`, v >= min);
}

function within(w: IpcWorld, what: string, key: string, lo: number, hi: number): void {
  const v = num(w, key);
  expectTrue(`${what}: ${key} = ${v}, expected between ${lo} and ${hi}`, v >= lo && v <= hi);
}

/** A verdict threshold of kit/bench-stats.ts, recorded so the report shows the number the check used. */
function threshold(w: IpcWorld, name: keyof typeof THRESHOLDS): number {
  return w.evidence.record(THRESHOLD_KEYS[name], THRESHOLDS[name]);
}

Given('the benchmark of this run', function (this: IpcWorld) {
  const path = join(reportsDir, 'bench.json');
  if (!existsSync(path)) throw new NotAvailable(`no benchmark in ${reportsDir}: run npm run bench`);
  const b = JSON.parse(readFileSync(path, 'utf8')) as Bench & { provenance?: Partial<Provenance> };
  const foreign = mismatch(b.provenance, currentProvenance());
  if (foreign) throw new NotAvailable(`${path} does not come from this checkout and host: ${foreign}`);
  this.keep('bench', b);
  this.evidence.record('bench.mode', b.evidence['bench.mode']);
  const svg = join(reportsDir, 'bench.svg');
  if (existsSync(svg)) this.attach(readFileSync(svg, 'utf8'), 'image/svg+xml');
});

// ---- shared memory ------------------------------------------------------------

Then('for 1 MiB messages the best shared-memory ring streams at least {float} times the bytes per second of a pipe', function (this: IpcWorld, min: number) {
  const best = Math.max(num(this, 'bench.ratio.shm_spin_vs_pipe_1MiB'), num(this, 'bench.ratio.shm_futex_vs_pipe_1MiB'));
  this.evidence.record('bench.ratio.shm_best_vs_pipe_1MiB', best);
  expectTrue(`the best shm ring streams ${best}× a pipe at 1 MiB, expected at least ${min}×`, best >= min);
});

Then('the best shared-memory ring at 1 MiB streams at least the bulk-data margin times the best kernel mechanism at any size', function (this: IpcWorld) {
  atLeast(this, 'shm ring against the best kernel mechanism', 'bench.ratio.shm_best_vs_kernel_best', threshold(this, 'bulkWin'));
});

Then('a 1-byte round trip through the futex ring is in the same band as a pipe\'s', function (this: IpcWorld) {
  const band = threshold(this, 'band');
  within(this, 'pipe / futex-ring round trip, both on one CPU', 'bench.ratio.pipe_rtt_vs_shm_futex', 1 / band, band);
  if (num(this, 'bench.cpus') >= 2) within(this, 'pipe / futex-ring round trip, on two CPUs', 'bench.ratio.pipe_rtt_vs_shm_futex_spread', 1 / band, band);
});

Then('with the two processes on two CPUs a busy-waiting ring\'s round trip is at least {float} times shorter than a pipe\'s', function (this: IpcWorld, min: number) {
  if (num(this, 'bench.cpus') < 2) throw new NotAvailable('busy-waiting needs two CPUs, and this run could use one');
  atLeast(this, 'pipe round trip / busy-waiting ring round trip, on two CPUs', 'bench.ratio.pipe_rtt_vs_shm_spin_spread', min);
});

Then('the best shared-memory ring reaches at least {int} % of the cache-resident memcpy at 1 MiB', function (this: IpcWorld, percent: number) {
  atLeast(this, `best ring run (${bench(this).evidence['bench.ring_best_1MiB']}) / best cache-resident memcpy run`, 'bench.ratio.ring_vs_memcpy_cached_1MiB', percent / 100);
});

// ---- pipes and FIFOs ----------------------------------------------------------

Then('for 1 MiB messages a socketpair streams at least {float} times the bytes per second of a pipe', function (this: IpcWorld, min: number) {
  atLeast(this, 'socketpair / pipe at 1 MiB', 'bench.ratio.socketpair_vs_pipe_1MiB', min);
});

Then('a pipe\'s 1-byte round trip is in the same band as the quickest blocking mechanism\'s', function (this: IpcWorld) {
  // the benchmark's finding compares the pipe with every blocking mechanism, both processes on one CPU, by THRESHOLDS.band
  threshold(this, 'band');
  const finding = bench(this).evidence['bench.finding.pipe_slow'];
  if (typeof finding !== 'string') throw new NotAvailable('the benchmark has no value for bench.finding.pipe_slow (see reports/bench.md)');
  this.evidence.record('bench.finding.pipe_slow', finding);
  expectOneOf(`whether pipes were slow (bench.finding.pipe_slow; pipe round trip ${num(this, 'bench.lat_pinned.pipe.p50_us')} µs)`, ['bulk-only', 'no'], finding);
});

Then('a FIFO streams 64 KiB messages within {float} times a pipe\'s bytes per second', function (this: IpcWorld, f: number) {
  within(this, 'FIFO / pipe at 64 KiB', 'bench.ratio.fifo_vs_pipe_64KiB', 1 / f, f);
});

Then('a FIFO\'s 1-byte round trip is within {float} times a pipe\'s', function (this: IpcWorld, f: number) {
  within(this, 'FIFO / pipe round trip', 'bench.ratio.fifo_rtt_vs_pipe', 1 / f, f);
});

// ---- message queues -----------------------------------------------------------

Then('a SysV queue\'s 1-byte round trip is in the same band as a pipe\'s', function (this: IpcWorld) {
  const band = threshold(this, 'band');
  within(this, 'SysV queue / pipe round trip', 'bench.ratio.sysv_rtt_vs_pipe', 1 / band, band);
});

Then('a POSIX queue\'s 1-byte round trip is in the same band as a pipe\'s', function (this: IpcWorld) {
  const band = threshold(this, 'band');
  within(this, 'POSIX queue / pipe round trip', 'bench.ratio.posixmq_rtt_vs_pipe', 1 / band, band);
});

Then('a POSIX queue at its largest message streams at least {float} times the bytes per second of a pipe with 64 KiB messages', function (this: IpcWorld, min: number) {
  atLeast(this, 'POSIX queue at its largest message / pipe at 64 KiB', 'bench.ratio.posixmq_max_vs_pipe_64KiB', min);
});

Then('the best shared-memory ring at 1 MiB streams at least {float} times the best message queue', function (this: IpcWorld, min: number) {
  atLeast(this, 'best shm ring / best queue', 'bench.ratio.shm_best_vs_queue_best', min);
});

// ---- local against networked --------------------------------------------------

Then('a TCP loopback round trip takes at least the local margin times a UNIX stream socket\'s', function (this: IpcWorld) {
  atLeast(this, 'TCP loopback / UNIX stream round trip', 'bench.ratio.tcp_rtt_vs_unix', threshold(this, 'localWin'));
});

Then('for 64 KiB messages a UNIX stream socket streams at least {float} times the bytes per second of TCP loopback', function (this: IpcWorld, min: number) {
  atLeast(this, 'UNIX stream / TCP loopback at 64 KiB', 'bench.ratio.unix_vs_tcp_64KiB', min);
});

// ---- the benchmark itself -----------------------------------------------------

Then('every mechanism carried every message size it allows, intact', function (this: IpcWorld) {
  const failed = bench(this).outcomes.filter((o) => o.status === 'failed');
  this.evidence.record('bench.failed_runs', failed.length);
  expectTrue(`runs failed: ${failed.map((o) => `${o.key}: ${o.reason}`).join('; ')}`, failed.length === 0);
});

Then('every size a mechanism refused names the limit', function (this: IpcWorld) {
  const refused = bench(this).summaries.filter((s) => s.status === 'unsupported');
  const unexplained = refused.filter((s) => !s.reason || !/\d/.test(s.reason));
  this.evidence.record('bench.refused', refused.map((s) => `${s.key}: ${s.reason}`).join('; ') || 'none');
  expectTrue(`refused without a limit: ${unexplained.map((s) => s.key).join(', ')}`, unexplained.length === 0);
});

Then('the runs pinned to one CPU ran both processes on that CPU', function (this: IpcWorld) {
  const pinned = bench(this).outcomes.filter((o) => o.key.includes('-pinned/') && o.status === 'ok');
  if (!pinned.length) throw new NotAvailable('no pinned run in this benchmark');
  const wrong = pinned.filter((o) => o.cpusParent?.length !== 1 || o.cpusChild?.length !== 1 || o.cpusParent[0] !== o.cpusChild[0]);
  expectTrue(`pinned runs seen on other CPUs: ${wrong.map((o) => `${o.key} ${o.cpusParent}/${o.cpusChild}`).join(', ')}`, wrong.length === 0);
});

Then('the spread runs ran the two processes on different CPUs', function (this: IpcWorld) {
  const spread = bench(this).outcomes.filter((o) => o.key.includes('-spread/'));
  if (!spread.length || spread.every((o) => o.status === 'unsupported')) throw new NotAvailable('spreading needs two CPUs');
  const ok = spread.filter((o) => o.status === 'ok');
  const wrong = ok.filter((o) => o.cpusParent?.length !== 1 || o.cpusChild?.length !== 1 || o.cpusParent[0] === o.cpusChild[0]);
  expectTrue(`spread runs that shared a CPU: ${wrong.map((o) => `${o.key} ${o.cpusParent}/${o.cpusChild}`).join(', ')}`, wrong.length === 0);
});
