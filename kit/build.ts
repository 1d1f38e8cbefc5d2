/**
 * `npm run build` (run by `pretest`): compiles the platform probe and every
 * fixture into build/, incrementally. It runs once before cucumber starts, so
 * parallel workers never race to compile.
 *
 * A fixture source may ask for link flags in a comment line:  // build: -pthread
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMPILE_TIMEOUT_MS, TOOL_TIMEOUT_MS } from '../native/compiler';
import { damage, fingerprint, Fingerprint, programKey, readManifest } from './build-manifest';
import { fail } from './cli';
import { buildDir, fixturesBinDir, fixturesSrcDir, manifestPath, probeJsonPath, root } from './paths';

const probesDir = join(root, 'native', 'probes');

const CFLAGS = ['-std=gnu11', '-O2', '-Wall', '-Wextra'];

function findCompiler(): string {
  const candidates = [process.env.CC, 'cc', 'gcc', 'clang'].filter((c): c is string => !!c);
  for (const cc of candidates) {
    const r = spawnSync(cc, ['--version'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL' });
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') fail(`${cc} --version did not answer within ${TOOL_TIMEOUT_MS / 1000} s`);
    if (r.status === 0) return cc;
  }
  return fail(
    `no C compiler found (tried ${candidates.join(', ')}). The fixtures are C programs: ` +
      'install one, e.g. `apt-get install gcc` on Debian/Ubuntu, or set CC.',
  );
}

function mtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : -1;
}

function linkFlags(source: string): string[] {
  const m = /^\s*\/\/\s*build:\s*(.+)$/m.exec(readFileSync(source, 'utf8'));
  return m ? m[1].trim().split(/\s+/) : [];
}

interface Job { name: string; source: string; out: string; deps: string[] }

const TIMED_OUT = 'did not finish within';

function compile(cc: string, job: Job): Promise<string | null> {
  const tmp = `${job.out}.${process.pid}.tmp`; // concurrent builds never share a temp file
  const args = [...CFLAGS, '-I', fixturesSrcDir, '-o', tmp, job.source, ...linkFlags(job.source)];
  return new Promise((resolve) => {
    const child = spawn(cc, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: COMPILE_TIMEOUT_MS, killSignal: 'SIGKILL' });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => resolve(`${job.name}: ${cc} could not run (${e.message})`));
    child.on('close', (code, signal) => {
      if (code === 0) {
        renameSync(tmp, job.out); // atomic: a reader never sees half a binary
        resolve(err.trim() ? `${job.name}: warnings\n${err}` : null);
      } else if (signal === 'SIGKILL') {
        rmSync(tmp, { force: true });
        resolve(`${job.name}: ${cc} ${TIMED_OUT} ${COMPILE_TIMEOUT_MS / 1000} s (IPC_COMPILE_TIMEOUT_MS), and was killed`);
      } else resolve(`${job.name}: ${cc} ${args.join(' ')} failed\n${err}`);
    });
  });
}

/** Compiles the jobs, `width` at a time; after a compiler that stalled, no new job starts. */
async function runAll(cc: string, jobs: Job[], width: number): Promise<string[]> {
  const problems: string[] = [];
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const problem = await compile(cc, job);
      if (problem) problems.push(problem);
      if (problem?.includes(TIMED_OUT)) queue.length = 0;
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return problems;
}

/** Leaves an up-to-date file alone, so a build that has nothing to do writes nothing. */
function writeIfChanged(path: string, text: string): void {
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
}

async function main() {
  const cc = findCompiler();
  try {
    mkdirSync(fixturesBinDir, { recursive: true });
    mkdirSync(join(buildDir, 'native'), { recursive: true });
    mkdirSync(join(buildDir, 'tools'), { recursive: true });
  } catch (e) {
    fail(`cannot create ${buildDir}: ${(e as Error).message}`);
  }
  const headers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.h')).map((f) => join(dir, f));
  /** The local headers a file includes (#include "x.h"), and theirs, so one header change rebuilds only its users. */
  const includes = (file: string, seen = new Set<string>()): string[] => {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
      const header = join(dirname(file), m[1]);
      if (!seen.has(header) && existsSync(header)) {
        seen.add(header);
        includes(header, seen);
      }
    }
    return [...seen];
  };
  const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.c')).sort();
  const probes: Job[] = sources(probesDir).map((file) => ({
    name: `probe ${file}`, source: join(probesDir, file), out: join(buildDir, 'native', `probe-${file.slice(0, -2)}`), deps: headers(probesDir),
  }));
  const fixtures: Job[] = sources(fixturesSrcDir).map((file) => ({
    name: file.slice(0, -2), source: join(fixturesSrcDir, file), out: join(fixturesBinDir, file.slice(0, -2)), deps: includes(join(fixturesSrcDir, file)),
  }));
  const toolsDir = join(root, 'kit', 'tools');
  const tools: Job[] = sources(toolsDir).map((file) => ({
    name: `tool ${file}`, source: join(toolsDir, file), out: join(buildDir, 'tools', file.slice(0, -2)), deps: [],
  }));
  const jobs = [...probes, ...fixtures, ...tools];
  // out of date, or damaged since the last build (its size or SHA-256 differs from the manifest's)
  const recorded = readManifest()?.programs ?? {};
  const stale = jobs.filter((j) => mtime(j.out) < Math.max(mtime(j.source), ...j.deps.map(mtime), mtime(__filename)) ||
    (programKey(j.out) in recorded && damage(j.out, recorded[programKey(j.out)]) !== undefined));
  const started = Date.now();
  const problems = await runAll(cc, stale, 2);
  const errors = problems.filter((p) => !p.includes(': warnings\n'));
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (errors.length) fail(`${errors.length} of ${stale.length} programs did not compile (see above)`);

  const constants: Record<string, number> = {};
  for (const probe of probes) {
    const run = spawnSync(probe.out, { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL' });
    if (run.status !== 0) fail(`${probe.name} failed: ${run.error?.message ?? run.stderr}`);
    for (const [key, value] of Object.entries<number>(JSON.parse(run.stdout))) {
      if (key in constants && constants[key] !== value) fail(`${probe.name} prints ${key} = ${value}, another probe ${constants[key]}`);
      constants[key] = value;
    }
  }
  writeIfChanged(probeJsonPath, `${JSON.stringify(constants, null, 2)}\n`);
  const version = (spawnSync(cc, ['--version'], { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS }).stdout ?? '').split('\n')[0];
  const programs: Record<string, Fingerprint> = {};
  for (const j of jobs) programs[programKey(j.out)] = fingerprint(j.out)!;
  writeIfChanged(
    manifestPath,
    JSON.stringify({ compiler: cc, version, cflags: CFLAGS, fixtures: fixtures.map((j) => j.name), programs }, null, 2),
  );
  if (stale.length) {
    process.stderr.write(`ipc-conformance: compiled ${stale.length} of ${jobs.length} programs in ${Date.now() - started} ms\n`);
  }
}

main().catch((e) => fail(String(e?.stack ?? e)));
