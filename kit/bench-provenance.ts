/**
 * Where a reports/bench.json comes from: the checkout (folder and git commit)
 * and the host (hostname, kernel, boot) that measured it, and when. The claims
 * report quotes a benchmark only when it was measured by this checkout on this
 * host since its last boot, and says how old it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname, release } from 'node:os';
import type { Values } from './ledger';
import { root } from './paths';

export interface Provenance {
  /** the project folder that ran the benchmark */
  checkout: string;
  /** its git commit (HEAD), when it is a git checkout */
  commit?: string;
  hostname: string;
  kernel: string;
  /** /proc/sys/kernel/random/boot_id: a reboot (or another machine) changes it */
  bootId?: string;
  /** ISO time the measurement ended */
  time: string;
}

function gitHead(dir: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && /^[0-9a-f]{40}$/.test(r.stdout.trim()) ? r.stdout.trim() : undefined;
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** This checkout and host, now. */
export function currentProvenance(now = new Date()): Provenance {
  return { checkout: root, commit: gitHead(root), hostname: hostname(), kernel: release(), bootId: bootId(), time: now.toISOString() };
}

/** "3 h 12 min", "2 d 4 h", "40 s". */
export function age(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** Why a benchmark from `then` must not be quoted `here`, or undefined when it may. */
export function mismatch(then: Partial<Provenance> | undefined, here: Provenance): string | undefined {
  if (!then || typeof then !== 'object' || !then.time) return 'it records no provenance (written before the kit recorded where a benchmark comes from); run npm run bench again';
  const differ: string[] = [];
  if (then.checkout !== here.checkout) differ.push(`another checkout (${then.checkout})`);
  if (then.commit !== here.commit) differ.push(`another commit (${then.commit?.slice(0, 12) ?? 'none'}, this checkout is at ${here.commit?.slice(0, 12) ?? 'none'})`);
  if (then.hostname !== here.hostname) differ.push(`another host (${then.hostname})`);
  if (then.kernel !== here.kernel) differ.push(`another kernel (${then.kernel})`);
  if (then.bootId !== here.bootId) differ.push('before this host\'s last boot');
  if (Number.isNaN(Date.parse(then.time))) differ.push(`an unreadable time "${then.time}"`);
  else if (Date.parse(then.time) > Date.parse(here.time) + 60_000) differ.push(`a time in the future (${then.time})`);
  return differ.length ? `it was measured in ${differ.join(', ')}; run npm run bench again` : undefined;
}

export interface BenchUse {
  /** the benchmark's evidence ("bench.…" keys), empty when it may not be used */
  evidence: Values;
  /** one line for the report: which benchmark the claims quote and how old it is, or why none */
  summary: string;
}

/** Reads reports/bench.json, if there is one this checkout and host measured. */
export function benchForReport(path: string, here: Provenance = currentProvenance()): BenchUse {
  if (!existsSync(path)) return { evidence: {}, summary: 'none (no reports/bench.json; run npm run bench to measure the performance claims)' };
  let bench: { evidence?: Values; provenance?: Partial<Provenance> };
  try {
    bench = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { evidence: {}, summary: `not used: ${path} is not readable JSON (${(e as Error).message})` };
  }
  const why = mismatch(bench.provenance, here);
  if (why) return { evidence: {}, summary: `not used: ${path} does not come from this checkout and host: ${why}` };
  const p = bench.provenance!;
  const seconds = (Date.parse(here.time) - Date.parse(p.time!)) / 1000;
  return {
    evidence: bench.evidence ?? {},
    summary: `the performance claims quote ${path}, measured ${age(seconds)} ago (${p.time}) on this host` +
      `${p.commit ? ` at commit ${p.commit.slice(0, 12)}` : ''}.`,
  };
}
