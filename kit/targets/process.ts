/**
 * Running the outside tools targets need (podman, qemu, debootstrap): heavy
 * ones at the lowest CPU and I/O priority, with a timeout, their output kept.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

/** The command prefixed with nice -n 19 and ionice -c3 where those exist: the suite's own runs stay undisturbed. */
export function lowPriority(command: string[]): string[] {
  return [...(has('nice') ? ['nice', '-n', '19'] : []), ...(has('ionice') ? ['ionice', '-c3'] : []), ...command];
}

export interface Ran { code: number; output: string; timedOut: boolean }

/** Runs a command to its end (or the timeout: SIGKILL), its output to log as it comes and into the answer. */
export function runCommand(command: string[], opts: { log?: string; timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string; onTimeout?: () => void }): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = opts.log ? createWriteStream(opts.log) : undefined;
    const chunks: Buffer[] = [];
    const take = (b: Buffer) => { chunks.push(b); log?.write(b); };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; opts.onTimeout?.(); child.kill('SIGKILL'); }, opts.timeoutMs);
    child.on('error', (e) => take(Buffer.from(`${command[0]}: ${e.message}\n`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      log?.end();
      resolve({ code: code ?? -1, output: Buffer.concat(chunks).toString('utf8'), timedOut });
    });
  });
}

/** A quick command whose answer is needed now; throws with its output when it fails. */
export function must(command: string[], opts: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join(' / ')}`);
  return r.stdout;
}

export const succeeds = (command: string[]): boolean => spawnSync(command[0], command.slice(1), { stdio: 'ignore' }).status === 0;
