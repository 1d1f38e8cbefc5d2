/**
 * The benchmark's outputs: reports/bench.md (tables) and reports/bench.svg (a
 * hand-written chart: throughput by message size, latency by mechanism).
 */
import { MECHANISMS, SIZES } from './bench-run';
import { EvidenceMap, sizeLabel, Summary, THRESHOLDS } from './bench-stats';

const fmt = (x: number | undefined, digits = 2): string => (x === undefined ? '' : x >= 100 ? x.toFixed(0) : x.toFixed(digits));
const range = (s: Summary): string => `${fmt(s.min)}–${fmt(s.max)}`;

function cell(s: Summary | undefined): string {
  if (!s) return '';
  if (s.status === 'unsupported') return `n/a`;
  if (s.median === undefined) return 'failed';
  return `${fmt(s.median)} (${range(s)})${s.status === 'failed' ? ' ⚠' : ''}`;
}

export function markdown(summaries: Summary[], e: EvidenceMap, meta: { mode: string; reps: number; seconds: number; cpus: number }): string {
  const get = (key: string) => summaries.find((s) => s.key === key);
  const lines: string[] = [];
  lines.push('# IPC benchmark on this host', '');
  lines.push(`${meta.mode} run, ${meta.reps} repetitions interleaved (every measurement once, then again), ${meta.seconds.toFixed(1)} s; ` +
    `the processes could use ${meta.cpus} CPU(s). Kernel ${e['bench.kernel']}. Values are medians over the repetitions, min–max in brackets.`, '');
  lines.push('## Throughput, one way, GB/s (1e9 bytes/s)', '');
  lines.push(`| mechanism | ${SIZES.map(sizeLabel).join(' | ')} | largest message | both on one CPU (runs) |`);
  lines.push(`|---|${SIZES.map(() => '---:').join('|')}|---:|---:|`);
  const shared = (mech: string) => {
    const ss = summaries.filter((s) => s.kind === 'tput' && !s.pinned && s.mech === mech && s.runs);
    return `${ss.reduce((n, s) => n + (s.sharedCpuRuns ?? 0), 0)} of ${ss.reduce((n, s) => n + s.runs, 0)}`;
  };
  for (const m of MECHANISMS) {
    const cells = SIZES.map((size) => (m.queue && size > 4096 ? 'n/a' : cell(get(`tput/${m.id}/${size}`))));
    const max = m.queue ? get(`tput/${m.id}/max`) : undefined;
    lines.push(`| ${m.label} | ${cells.join(' | ')} | ${max ? `${cell(max)} at ${max.size} B` : ''} | ${shared(m.id)} |`);
  }
  lines.push(`| memcpy, cache-resident (one process) | ${SIZES.map((size) => cell(get(`memcpy/cached/${size}`))).join(' | ')} | | |`);
  const large = get('memcpy/large');
  lines.push(`| memcpy, ${large ? sizeLabel(large.size) : ''} buffers (one process) | ${cell(large)} | | | | | |`, '');
  const notes = summaries.filter((s) => s.reason && !s.pinned);
  const seen = new Set<string>();
  for (const s of notes) {
    const line = `- ${s.mech} ${s.kind === 'tput' ? sizeLabel(s.size) : ''}: ${s.reason}`;
    if (!seen.has(`${s.mech}${s.reason}`)) lines.push(line);
    seen.add(`${s.mech}${s.reason}`);
  }
  lines.push('', '## Round trip, 1 byte each way, µs', '');
  lines.push('Placement: "free" leaves it to the scheduler; "one CPU" pins both processes to one CPU (sched_setaffinity); ' +
    '"two CPUs" pins the parent to one CPU and the child to another.', '');
  lines.push('| mechanism | free: median | p99 | mean | median min–max | both on one CPU (runs) | one CPU: median | p99 | two CPUs: median | p99 |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of MECHANISMS) {
    const s = get(`lat/${m.id}`);
    const p = get(`lat-pinned/${m.id}`);
    const d = get(`lat-spread/${m.id}`);
    if (!s) continue;
    lines.push(`| ${m.label} | ${fmt(s.median)} | ${fmt(s.p99)} | ${fmt(s.mean)} | ${s.median !== undefined ? range(s) : s.status} | ` +
      `${s.sharedCpuRuns ?? 0} of ${s.runs} | ${fmt(p?.median)} | ${fmt(p?.p99)} | ${fmt(d?.median)} | ${fmt(d?.p99)} |`);
  }
  lines.push('', '## Placement and throughput, GB/s', '');
  lines.push('| mechanism | size | free | one CPU | two CPUs |', '|---|---:|---:|---:|---:|');
  for (const s of summaries.filter((x) => x.kind === 'tput' && x.pinned)) {
    const free = s.key.replace(/^tput-(pinned|spread)/, 'tput');
    lines.push(`| ${MECHANISMS.find((m) => m.id === s.mech)!.label} | ${sizeLabel(s.size)} | ${cell(get(free))} | ` +
      `${s.placement === 'one-cpu' ? cell(s) : ''} | ${s.placement === 'spread' ? cell(s) : ''} |`);
  }
  lines.push('', '## Ratios and findings', '');
  lines.push('Measured in this run (medians); the performance scenarios assert these with margins. Round-trip ratios come from the runs with both processes pinned to one CPU (suffix _spread: one process on each of two CPUs), because whether the scheduler puts the two on one CPU changes a round trip about 6× here. ' +
    `"Same band" means within ${THRESHOLDS.band}×; "fastest for bulk data" means the best shared-memory ring at 1 MiB moves at least ` +
    `${THRESHOLDS.bulkWin}× the best kernel mechanism at any size; "local is faster" means a TCP loopback round trip takes at least ` +
    `${THRESHOLDS.localWin}× a UNIX stream socket's. The ring is compared with the cache-resident memcpy best run against best run.`, '');
  lines.push('| key | value |', '|---|---|');
  for (const [k, v] of Object.entries(e).filter(([k]) => k.startsWith('bench.ratio.') || k.startsWith('bench.finding.') || k.startsWith('bench.best') || k.startsWith('bench.ring_best'))) {
    lines.push(`| ${k} | ${v} |`);
  }
  lines.push('', 'Every measurement is a C program (fixtures/bench-*.c): the parent sends, a forked child receives; the clock starts just before ' +
    'the first send and stops when the child has the last byte. Round trips are timed one by one by the parent after a warm-up. ' +
    'Objects get unique names and are removed by the programs (and by the runner, if a program dies).', '');
  return `${lines.join('\n')}\n`;
}

// ---- SVG --------------------------------------------------------------------

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#000000'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function logScale(lo: number, hi: number, a: number, b: number) {
  const l0 = Math.log10(lo), l1 = Math.log10(hi);
  return (v: number) => a + ((Math.log10(Math.min(Math.max(v, lo), hi)) - l0) / (l1 - l0)) * (b - a);
}

function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) out.push(10 ** p);
  return out.filter((v) => v >= lo / 1.0001 && v <= hi * 1.0001);
}

export function svg(summaries: Summary[], title: string): string {
  const W = 1100, H = 520, parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`);
  // left: throughput by message size
  const L = { x0: 70, x1: 520, y0: 460, y1: 50 };
  const tputs = summaries.filter((s) => (s.kind === 'tput' || (s.kind === 'memcpy' && s.mech === 'memcpy-cached')) && !s.pinned && s.median);
  const ys = tputs.map((s) => s.median!);
  const yLo = 10 ** Math.floor(Math.log10(Math.min(...ys, 0.01))), yHi = 10 ** Math.ceil(Math.log10(Math.max(...ys, 1)));
  const X = logScale(64, 1048576, L.x0, L.x1), Y = logScale(yLo, yHi, L.y0, L.y1);
  parts.push(`<text x="${(L.x0 + L.x1) / 2}" y="42" text-anchor="middle">Throughput, one way (GB/s, log) by message size</text>`);
  for (const v of decades(yLo, yHi)) {
    parts.push(`<line x1="${L.x0}" x2="${L.x1}" y1="${Y(v).toFixed(1)}" y2="${Y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${L.x0 - 6}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  for (const size of [...SIZES, 8192]) {
    parts.push(`<line x1="${X(size).toFixed(1)}" x2="${X(size).toFixed(1)}" y1="${L.y0}" y2="${L.y1}" stroke="#eee"/>`);
    if (size !== 8192) parts.push(`<text x="${X(size).toFixed(1)}" y="${L.y0 + 16}" text-anchor="middle">${sizeLabel(size).replace('iB', '')}</text>`);
  }
  parts.push(`<rect x="${L.x0}" y="${L.y1}" width="${L.x1 - L.x0}" height="${L.y0 - L.y1}" fill="none" stroke="#333"/>`);
  const series = [...MECHANISMS.map((m) => ({ id: m.id, label: m.label })), { id: 'memcpy-cached', label: 'memcpy, cache-resident' }];
  series.forEach((m, i) => {
    const pts = tputs.filter((s) => s.mech === m.id).sort((a, b) => a.size - b.size).map((s) => [X(s.size), Y(s.median!)]);
    if (!pts.length) return;
    const color = COLORS[i % COLORS.length];
    const dash = m.id.startsWith('memcpy') ? ' stroke-dasharray="5,4"' : '';
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) parts.push(`<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3" fill="${color}"/>`);
    parts.push(`<rect x="${L.x1 + 12}" y="${L.y1 + i * 17}" width="12" height="3" fill="${color}"/>`);
    parts.push(`<text x="${L.x1 + 28}" y="${L.y1 + i * 17 + 5}">${esc(m.label)}</text>`);
  });
  parts.push(`<text x="${(L.x0 + L.x1) / 2}" y="${L.y0 + 34}" text-anchor="middle">message size (bytes; queues end at their largest message)</text>`);
  // right: round-trip latency by mechanism (median bar, p99 tick), log scale
  const R = { x0: 760, x1: 1080, y0: 50 };
  const lats = MECHANISMS.map((m) => summaries.find((s) => s.key === `lat/${m.id}`)).filter((s): s is Summary => !!s && s.median !== undefined);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...lats.map((s) => s.median!), 1))), hi = 10 ** Math.ceil(Math.log10(Math.max(...lats.map((s) => s.p99!), 10)));
  const LX = logScale(lo, hi, R.x0, R.x1);
  parts.push(`<text x="${(R.x0 + R.x1) / 2 - 60}" y="42" text-anchor="middle">Round trip, 1 byte (µs, log): median bar, p99 tick</text>`);
  const rowH = 30;
  for (const v of decades(lo, hi)) {
    parts.push(`<line x1="${LX(v).toFixed(1)}" x2="${LX(v).toFixed(1)}" y1="${R.y0}" y2="${R.y0 + lats.length * rowH}" stroke="#ddd"/>`);
    parts.push(`<text x="${LX(v).toFixed(1)}" y="${R.y0 + lats.length * rowH + 16}" text-anchor="middle">${v}</text>`);
  }
  lats.forEach((s, i) => {
    const y = R.y0 + i * rowH + 6;
    const m = MECHANISMS.find((x) => x.id === s.mech)!;
    const color = COLORS[MECHANISMS.indexOf(m) % COLORS.length];
    parts.push(`<text x="${R.x0 - 6}" y="${y + 13}" text-anchor="end">${esc(m.label)}</text>`);
    parts.push(`<rect x="${R.x0}" y="${y}" width="${(LX(s.median!) - R.x0).toFixed(1)}" height="18" fill="${color}"/>`);
    parts.push(`<line x1="${LX(s.p99!).toFixed(1)}" x2="${LX(s.p99!).toFixed(1)}" y1="${y - 2}" y2="${y + 20}" stroke="#000" stroke-width="2"/>`);
    parts.push(`<text x="${(LX(s.median!) + 4).toFixed(1)}" y="${y + 13}" font-size="10">${fmt(s.median)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
