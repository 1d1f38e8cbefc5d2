/**
 * The benchmark's runner: what to measure (the plan) and running one C
 * program per measurement (fixtures/bench-*.c). Node only starts programs and
 * reads their one result line; nothing in JavaScript is timed.
 */
import { spawn } from 'node:child_process';
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesBinDir } from './paths';

export const SIZES = [64, 4096, 65536, 1048576] as const;

export interface Mechanism {
  id: string;
  program: 'bench-fd' | 'bench-queue' | 'bench-shm';
  label: string;
  /** a queue: its messages are capped; measured at 64 B, 4 KiB and its largest message */
  queue?: boolean;
  /** shared memory: no system call while data flows */
  shm?: boolean;
  /** a blocking hand-off (sleeps in the kernel when there is nothing to do) */
  blocking: boolean;
}

export const MECHANISMS: Mechanism[] = [
  { id: 'pipe', program: 'bench-fd', label: 'pipe', blocking: true },
  { id: 'fifo', program: 'bench-fd', label: 'FIFO', blocking: true },
  { id: 'socketpair', program: 'bench-fd', label: 'socketpair (stream)', blocking: true },
  { id: 'unix', program: 'bench-fd', label: 'UNIX stream (path)', blocking: true },
  { id: 'unix-dgram', program: 'bench-fd', label: 'UNIX datagram', blocking: true },
  { id: 'sysv-msg', program: 'bench-queue', label: 'SysV msg', queue: true, blocking: true },
  { id: 'posix-mq', program: 'bench-queue', label: 'POSIX mq', queue: true, blocking: true },
  { id: 'shm-futex', program: 'bench-shm', label: 'SysV shm ring, futex', shm: true, blocking: true },
  { id: 'shm-spin', program: 'bench-shm', label: 'SysV shm ring, busy-wait', shm: true, blocking: false },
  { id: 'mmap-file', program: 'bench-shm', label: 'file mmap ring, futex', shm: true, blocking: true },
  { id: 'tcp', program: 'bench-fd', label: 'TCP loopback', blocking: true },
];

/** Mechanisms measured again with the two processes on two different CPUs (busy-waiting needs that). */
export const SPREAD = ['pipe', 'shm-futex', 'shm-spin'];

export type Placement = 'free' | 'one-cpu' | 'spread';
const PIN_ARG: Record<Placement, string> = { free: '0', 'one-cpu': '1', spread: '2' };
const KEY_SUFFIX: Record<Placement, string> = { free: '', 'one-cpu': '-pinned', spread: '-spread' };

export interface Config {
  /** stable key: "tput/pipe/65536", "lat/pipe", "tput-pinned/pipe/65536", "memcpy/cached/65536", "memcpy/large" */
  key: string;
  kind: 'tput' | 'lat' | 'memcpy';
  mech: string;
  /** requested size; 0 = the mechanism's largest message */
  size: number;
  count: number;
  /** not left to the scheduler */
  pinned: boolean;
  placement: Placement;
  program: string;
  args: string[];
}

export interface Scale { reps: number; latCount: number; tputBytes: Record<number, number>; smallMsgs: number }

export const FULL: Scale = { reps: 7, latCount: 10000, smallMsgs: 16384, tputBytes: { 4096: 64 << 20, 65536: 128 << 20, 1048576: 128 << 20 } };
export const QUICK: Scale = { reps: 3, latCount: 2000, smallMsgs: 4096, tputBytes: { 4096: 8 << 20, 65536: 16 << 20, 1048576: 16 << 20 } };

const LARGE_MEMCPY = 256 << 20;
const QUEUE_MAX_BYTES = 32 << 20; // at the queues' largest message (8 KiB here)

function tputCount(scale: Scale, size: number): number {
  if (size === 0) return Math.max(64, Math.round((QUEUE_MAX_BYTES * (scale === QUICK ? 0.25 : 1)) / 8192));
  if (size <= 64) return scale.smallMsgs;
  return Math.max(16, Math.round(scale.tputBytes[size] / size));
}

/** Every measurement of one repetition, in the order they run (A B C … then again). */
export function plan(scale: Scale, name: (key: string) => string): Config[] {
  const configs: Config[] = [];
  const add = (kind: Config['kind'], mech: Mechanism, size: number, placement: Placement, count: number) => {
    const key = `${kind}${KEY_SUFFIX[placement]}/${mech.id}${kind === 'tput' ? `/${size || 'max'}` : ''}`;
    configs.push({
      key, kind, mech: mech.id, size, count, pinned: placement !== 'free', placement, program: mech.program,
      args: [kind, mech.id, String(size), String(count), PIN_ARG[placement], name(key)],
    });
  };
  for (const size of SIZES) {
    for (const m of MECHANISMS) {
      if (m.queue && size > 4096) {
        if (size === 65536) add('tput', m, 0, 'free', tputCount(scale, 0)); // the largest message, once
        continue;
      }
      add('tput', m, size, 'free', tputCount(scale, size));
    }
    const memCount = Math.round(((size <= 64 ? 64 << 20 : 1 << 30) * (scale === QUICK ? 0.25 : 1)) / size);
    configs.push({
      key: `memcpy/cached/${size}`, kind: 'memcpy', mech: 'memcpy-cached', size, count: memCount, pinned: false, placement: 'free',
      program: 'bench-memcpy', args: ['tput', 'cached', String(size), String(memCount), '0', 'memcpy'],
    });
  }
  configs.push({
    key: 'memcpy/large', kind: 'memcpy', mech: 'memcpy-large', size: LARGE_MEMCPY, count: 2, pinned: false, placement: 'free',
    program: 'bench-memcpy', args: ['tput', 'large', String(LARGE_MEMCPY), '2', '0', 'memcpy'],
  });
  for (const m of MECHANISMS) add('lat', m, 1, 'free', scale.latCount);
  // round trips are compared with a fixed placement: sharing a CPU or not changes one 6× here
  for (const m of MECHANISMS) add('lat', m, 1, 'one-cpu', scale.latCount);
  // throughput compared with a fixed placement as well: 64 KiB (queues: their largest message) and 1 MiB
  for (const m of MECHANISMS) {
    add('tput', m, m.queue ? 0 : 65536, 'one-cpu', tputCount(scale, m.queue ? 0 : 65536));
    if (!m.queue && m.id !== 'unix-dgram') add('tput', m, 1048576, 'one-cpu', tputCount(scale, 1048576));
  }
  for (const m of MECHANISMS.filter((x) => SPREAD.includes(x.id))) {
    add('lat', m, 1, 'spread', scale.latCount);
    add('tput', m, 1048576, 'spread', tputCount(scale, 1048576));
  }
  return configs;
}

export interface Outcome {
  config: Config;
  status: 'ok' | 'unsupported' | 'failed';
  /** the message size really used (the queues' largest message for size 0) */
  size?: number;
  /** throughput in GB/s (1e9 bytes/s) */
  gbps?: number;
  p50us?: number;
  p99us?: number;
  meanus?: number;
  cpusAllowed?: number;
  cpusParent?: number[];
  cpusChild?: number[];
  reason?: string;
}

interface Created { kind: string; name?: string; id?: number }

/** Removes what a program created and did not remove itself (it was killed, or failed). */
async function removeLeftovers(objects: Created[]): Promise<void> {
  for (const o of objects) {
    try {
      if (o.kind === 'path' && o.name && existsSync(o.name)) unlinkSync(o.name);
      else if (o.kind === 'posix-mq' && o.name) (await import('../native/posix-names')).unlinkPosixQuietly('mq', o.name);
      else if ((o.kind === 'sysv-msg' || o.kind === 'sysv-shm') && o.id !== undefined) {
        (await import('../native/sysv')).removeSysvQuietly(o.kind === 'sysv-msg' ? 'msg' : 'shm', o.id);
      }
    } catch (e) {
      process.stderr.write(`ipc-conformance bench: could not remove ${o.kind} ${o.name ?? o.id}: ${(e as Error).message}\n`);
    }
  }
}

const TIMEOUT_MS = 30000;

/** Runs one measurement to its end and reads its result line. */
export function runOne(config: Config): Promise<Outcome> {
  const bin = join(fixturesBinDir, config.program);
  return new Promise((resolve) => {
    const child = spawn(bin, config.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ config, status: 'failed', reason: `${bin}: ${e.message}` });
    });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      const events = out.split('\n').filter((l) => l.trim()).map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return { error: 'unparsable line', line: l };
        }
      });
      const created: Created[] = events.filter((e) => e.event === 'created');
      const removed = new Set(events.filter((e) => e.event === 'removed').map((e) => `${e.kind}:${e.name ?? e.id}`));
      await removeLeftovers(created.filter((c) => !removed.has(`${c.kind}:${c.name ?? c.id}`)));
      const start = events.find((e) => e.event === 'start');
      const result = events.find((e) => e.event === 'result');
      const unsupported = events.find((e) => e.event === 'unsupported');
      if (unsupported) return resolve({ config, status: 'unsupported', size: unsupported.max, reason: unsupported.reason });
      const problem = events.find((e) => e.error || e.skip);
      if (code !== 0 || !result || result.bad) {
        const why = signal ? `killed by ${signal}${signal === 'SIGKILL' ? ` after ${TIMEOUT_MS / 1000} s` : ''}`
          : problem ? JSON.stringify(problem) : result?.bad ? `${result.bad} messages arrived out of order or corrupted` : `exit ${code} ${err.trim()}`;
        return resolve({ config, status: 'failed', reason: why });
      }
      const base: Outcome = {
        config, status: 'ok', size: start?.size ?? config.size, cpusAllowed: start?.cpus_allowed,
        cpusParent: result.cpus_parent, cpusChild: result.cpus_child,
      };
      if (config.kind === 'lat') {
        resolve({ ...base, p50us: result.p50_ns / 1000, p99us: result.p99_ns / 1000, meanus: result.mean_ns / 1000 });
      } else {
        resolve({ ...base, gbps: result.bytes / result.ns });
      }
    });
  });
}
