/**
 * The benchmark's statistics: per measurement the median and the min–max over
 * the repetitions, and the flat evidence (bench.* keys) that the ledger and the
 * performance scenarios read.
 */
import { MECHANISMS, Outcome } from './bench-run';

export interface Summary {
  key: string;
  kind: 'tput' | 'lat' | 'memcpy';
  mech: string;
  pinned: boolean;
  placement: 'free' | 'one-cpu' | 'spread';
  /** message size really used */
  size: number;
  status: 'ok' | 'unsupported' | 'failed';
  reason?: string;
  runs: number;
  /** tput/memcpy: GB/s; lat: p50 µs */
  median?: number;
  min?: number;
  max?: number;
  /** lat only: median over repetitions of p99 µs, and of the mean */
  p99?: number;
  mean?: number;
  /** runs in which both processes were only ever seen on one and the same CPU */
  sharedCpuRuns?: number;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const sameSingleCpu = (o: Outcome): boolean =>
  !!o.cpusParent && !!o.cpusChild && o.cpusParent.length === 1 && o.cpusChild.length === 1 && o.cpusParent[0] === o.cpusChild[0];

export function summarize(outcomes: Outcome[]): Summary[] {
  const byKey = new Map<string, Outcome[]>();
  for (const o of outcomes) byKey.set(o.config.key, [...(byKey.get(o.config.key) ?? []), o]);
  const out: Summary[] = [];
  for (const [key, os] of byKey) {
    const c = os[0].config;
    const ok = os.filter((o) => o.status === 'ok');
    const base = { key, kind: c.kind, mech: c.mech, pinned: c.pinned, placement: c.placement, size: os.find((o) => o.size)?.size ?? c.size, runs: ok.length };
    if (!ok.length) {
      const bad = os.find((o) => o.status === 'failed') ?? os[0];
      out.push({ ...base, status: bad.status === 'unsupported' ? 'unsupported' : 'failed', reason: bad.reason });
      continue;
    }
    const failed = os.find((o) => o.status === 'failed');
    const values = ok.map((o) => (c.kind === 'lat' ? o.p50us! : o.gbps!));
    out.push({
      ...base, status: failed ? 'failed' : 'ok', reason: failed?.reason,
      median: median(values), min: Math.min(...values), max: Math.max(...values),
      p99: c.kind === 'lat' ? median(ok.map((o) => o.p99us!)) : undefined,
      mean: c.kind === 'lat' ? median(ok.map((o) => o.meanus!)) : undefined,
      sharedCpuRuns: c.kind === 'memcpy' ? undefined : ok.filter(sameSingleCpu).length,
    });
  }
  return out;
}

export const sizeLabel = (n: number): string =>
  n >= 1 << 20 && n % (1 << 20) === 0 ? `${n >> 20}MiB` : n >= 1024 && n % 1024 === 0 ? `${n >> 10}KiB` : `${n}B`;

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r3 = (x: number): number => (x >= 10 ? Math.round(x * 10) / 10 : Math.round(x * 1000) / 1000);

export type EvidenceMap = Record<string, string | number | boolean>;

/**
 * The thresholds of the speed verdicts, defined here only: the findings below (which the ledger's
 * "when" rules read), the performance scenarios (steps/performance.steps.ts) and bench.md all use these.
 * evidence() records each as bench.threshold.<name>, so a ledger sentence can quote the number.
 */
export const THRESHOLDS = {
  /** "fastest for bulk data": the best shm ring at 1 MiB moves at least this many times the best kernel mechanism */
  bulkWin: 1.5,
  /** "same band": round trips (or throughputs) within this factor of each other */
  band: 2,
  /** "local is faster": a TCP loopback round trip takes at least this many times a UNIX stream socket's */
  localWin: 1.1,
};

export const THRESHOLD_KEYS: Record<keyof typeof THRESHOLDS, string> = {
  bulkWin: 'bench.threshold.bulk_win', band: 'bench.threshold.band', localWin: 'bench.threshold.local_win',
};

export function evidence(summaries: Summary[], meta: EvidenceMap): EvidenceMap {
  const find = (key: string) => summaries.find((s) => s.key === key && s.status !== 'unsupported' && s.median !== undefined);
  const tput = (mech: string, size: number | 'max') => find(`tput/${mech}/${size}`);
  /** round trips with both processes on one CPU: the comparisons use these (placement held fixed) */
  const latOne = (mech: string) => find(`lat-pinned/${mech}`);
  const e: EvidenceMap = { ...meta };
  for (const [name, key] of Object.entries(THRESHOLD_KEYS)) e[key] = THRESHOLDS[name as keyof typeof THRESHOLDS];
  for (const s of summaries) {
    if (s.median === undefined) {
      if (s.status === 'unsupported') e[`bench.${s.kind}.${s.mech}.${sizeLabel(s.size)}`] = 'n/a';
      continue;
    }
    const p = s.placement === 'one-cpu' ? '_pinned' : s.placement === 'spread' ? '_spread' : '';
    if (s.kind === 'lat') {
      e[`bench.lat${p}.${s.mech}.p50_us`] = r3(s.median);
      e[`bench.lat${p}.${s.mech}.p99_us`] = r3(s.p99!);
    } else if (s.kind === 'memcpy') {
      e[s.mech === 'memcpy-large' ? 'bench.memcpy.large' : `bench.memcpy.cached.${sizeLabel(s.size)}`] = r2(s.median);
    } else {
      const label = s.key.endsWith('/max') ? 'max' : sizeLabel(s.size);
      e[`bench.tput${p}.${s.mech}.${label}`] = r2(s.median);
      if (label === 'max') e[`bench.tput${p}.${s.mech}.max_size`] = s.size;
    }
  }
  const ratio = (name: string, a: Summary | undefined, b: Summary | undefined, pick: (s: Summary) => number = (s) => s.median!) => {
    if (a && b) e[`bench.ratio.${name}`] = r2(pick(a) / pick(b));
  };
  const shmRings = ['shm-spin', 'shm-futex', 'mmap-file'];
  const kernelMechs = MECHANISMS.filter((m) => !m.shm).map((m) => m.id);
  const bestOf = (mechs: string[], sizes: (number | 'max')[]) =>
    mechs.flatMap((m) => sizes.map((s) => one(m, s))).filter((s): s is Summary => !!s).sort((a, b) => b.median! - a.median!)[0];

  // throughput ratios: both processes pinned to one CPU (placement held fixed; free placement changes a pipe 5× here)
  const one = (mech: string, size: number | 'max') => find(`tput-pinned/${mech}/${size}`);
  ratio('shm_spin_vs_pipe_1MiB', one('shm-spin', 1048576), one('pipe', 1048576));
  ratio('shm_futex_vs_pipe_1MiB', one('shm-futex', 1048576), one('pipe', 1048576));
  ratio('shm_spin_vs_pipe_64KiB', one('shm-spin', 65536), one('pipe', 65536));
  ratio('shm_futex_vs_pipe_64KiB', one('shm-futex', 65536), one('pipe', 65536));
  ratio('shm_futex_vs_socketpair_1MiB', one('shm-futex', 1048576), one('socketpair', 1048576));
  ratio('mmap_file_vs_shm_futex_1MiB', one('mmap-file', 1048576), one('shm-futex', 1048576));
  ratio('socketpair_vs_pipe_1MiB', one('socketpair', 1048576), one('pipe', 1048576));
  ratio('socketpair_vs_pipe_64KiB', one('socketpair', 65536), one('pipe', 65536));
  ratio('fifo_vs_pipe_64KiB', one('fifo', 65536), one('pipe', 65536));
  ratio('fifo_vs_pipe_1MiB', one('fifo', 1048576), one('pipe', 1048576));
  ratio('sysv_max_vs_pipe_64KiB', one('sysv-msg', 'max'), one('pipe', 65536));
  ratio('posixmq_max_vs_pipe_64KiB', one('posix-mq', 'max'), one('pipe', 65536));
  ratio('sysv_vs_pipe_4KiB', tput('sysv-msg', 4096), tput('pipe', 4096));
  ratio('posixmq_vs_pipe_4KiB', tput('posix-mq', 4096), tput('pipe', 4096));
  ratio('pipe_rtt_vs_shm_futex', latOne('pipe'), latOne('shm-futex'));
  ratio('pipe_rtt_vs_shm_spin', latOne('pipe'), latOne('shm-spin'));
  ratio('pipe_rtt_vs_shm_spin_spread', find('lat-spread/pipe'), find('lat-spread/shm-spin'));
  ratio('pipe_rtt_vs_shm_futex_spread', find('lat-spread/pipe'), find('lat-spread/shm-futex'));
  ratio('shm_spin_vs_pipe_1MiB_spread', find('tput-spread/shm-spin/1048576'), find('tput-spread/pipe/1048576'));
  ratio('fifo_rtt_vs_pipe', latOne('fifo'), latOne('pipe'));
  ratio('sysv_rtt_vs_pipe', latOne('sysv-msg'), latOne('pipe'));
  ratio('posixmq_rtt_vs_pipe', latOne('posix-mq'), latOne('pipe'));
  ratio('tcp_rtt_vs_unix', latOne('tcp'), latOne('unix'));
  ratio('unix_vs_tcp_64KiB', one('unix', 65536), one('tcp', 65536));

  const bestShm = bestOf(shmRings, [1048576]);
  const bestKernel = bestOf(kernelMechs, [65536, 1048576, 'max']);
  if (bestShm && bestKernel) {
    e['bench.best_shm_ring_1MiB'] = bestShm.mech;
    e['bench.best_kernel'] = `${bestKernel.mech} at ${sizeLabel(bestKernel.size)}`;
    ratio('shm_best_vs_kernel_best', bestShm, bestKernel);
  }
  const bestQueue = bestOf(['sysv-msg', 'posix-mq'], ['max']);
  ratio('shm_best_vs_queue_best', bestShm, bestQueue);
  // the ring against the cache-resident memcpy ceiling: best run against best run (a capability)
  for (const size of [65536, 1048576]) {
    const ring = bestOf(shmRings, [size]);
    const cached = find(`memcpy/cached/${size}`);
    if (ring && cached) {
      // any placement: the question is what the ring can reach
      const best = summaries.filter((s) => shmRings.includes(s.mech) && s.kind === 'tput' && s.size === size && s.max !== undefined)
        .sort((a, b) => b.max! - a.max!)[0];
      e[`bench.ratio.ring_vs_memcpy_cached_${sizeLabel(size)}`] = r2(best.max! / cached.max!);
      e[`bench.ring_best_${sizeLabel(size)}`] = `${best.mech} ${r2(best.max!)} GB/s (${best.placement})`;
      e[`bench.memcpy_best_${sizeLabel(size)}`] = r2(cached.max!);
      const ringMedian = summaries.filter((s) => shmRings.includes(s.mech) && s.kind === 'tput' && s.size === size && s.median !== undefined)
        .sort((a, b) => b.median! - a.median!)[0];
      e[`bench.ratio.ring_vs_memcpy_cached_${sizeLabel(size)}_median`] = r2(ringMedian.median! / cached.median!);
    }
  }
  const blocking = MECHANISMS.filter((m) => m.blocking && m.id !== 'tcp').map((m) => latOne(m.id)).filter((s): s is Summary => !!s);
  if (blocking.length) {
    const sorted = [...blocking].sort((a, b) => a.median! - b.median!);
    e['bench.lat.blocking_fastest'] = sorted[0].mech;
    e['bench.lat.blocking_slowest'] = sorted[sorted.length - 1].mech;
    e['bench.ratio.blocking_rtt_spread'] = r2(sorted[sorted.length - 1].median! / sorted[0].median!);
  }
  // findings: the categorical results the ledger's "when" rules read
  const has = (k: string) => typeof e[k] === 'number';
  if (has('bench.ratio.shm_best_vs_kernel_best') && has('bench.ratio.pipe_rtt_vs_shm_futex') && has('bench.ratio.pipe_rtt_vs_shm_spin')) {
    const bulk = (e['bench.ratio.shm_best_vs_kernel_best'] as number) >= THRESHOLDS.bulkWin;
    e['bench.finding.shm_bulk_win'] = bulk ? 'yes' : 'no';
    const blockingSmall = (e['bench.ratio.pipe_rtt_vs_shm_futex'] as number) >= THRESHOLDS.band;
    const spinSmall = Math.max(e['bench.ratio.pipe_rtt_vs_shm_spin'] as number, (e['bench.ratio.pipe_rtt_vs_shm_spin_spread'] as number) ?? 0) >= THRESHOLDS.band;
    e['bench.finding.shm_fastest'] = bulk && blockingSmall ? 'always' : bulk && spinSmall ? 'bulk-and-busy-wait' : bulk ? 'bulk-only' : 'no';
  }
  if (has('bench.ratio.shm_spin_vs_pipe_1MiB') && has('bench.ratio.pipe_rtt_vs_shm_futex') && has('bench.ratio.blocking_rtt_spread')) {
    const bulkSlow = Math.max(e['bench.ratio.shm_spin_vs_pipe_1MiB'] as number, e['bench.ratio.shm_futex_vs_pipe_1MiB'] as number) >= THRESHOLDS.band;
    const smallSlow = latOne('pipe')!.median! >= THRESHOLDS.band * Math.min(...blocking.map((s) => s.median!));
    e['bench.finding.pipe_slow'] = bulkSlow && smallSlow ? 'always' : bulkSlow ? 'bulk-only' : smallSlow ? 'small-only' : 'no';
  }
  if (has('bench.ratio.sysv_rtt_vs_pipe') && has('bench.ratio.sysv_max_vs_pipe_64KiB')) {
    const frequentBad = (e['bench.ratio.sysv_rtt_vs_pipe'] as number) >= THRESHOLDS.band;
    const largeBad = (e['bench.ratio.sysv_max_vs_pipe_64KiB'] as number) <= 1 / THRESHOLDS.band;
    e['bench.finding.queue_unsuited'] = frequentBad && largeBad ? 'both' : frequentBad ? 'frequent-only' : largeBad ? 'large-only' : 'neither';
  }
  if (has('bench.ratio.tcp_rtt_vs_unix')) {
    e['bench.finding.local_faster'] = (e['bench.ratio.tcp_rtt_vs_unix'] as number) >= THRESHOLDS.localWin ? 'yes' : 'no';
  }
  return e;
}
