/**
 * The host's C and C++ compilers, for claims about what compiles ("<unistd.h>
 * declares int pipe(int fd[2])", "the note's example is valid C++"). A missing
 * compiler is a named skip.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotAvailable } from './not-available';
import { scaled } from './time-scale';

export type Language = 'c' | 'c++';

/** How long one compilation may take (IPC_COMPILE_TIMEOUT_MS), and a tool's --version or a probe: a stalled compiler must not hang the run. */
export const COMPILE_TIMEOUT_MS = Number(process.env.IPC_COMPILE_TIMEOUT_MS) || scaled(60_000);
export const TOOL_TIMEOUT_MS = Math.min(COMPILE_TIMEOUT_MS, scaled(20_000));

let stalled: string | undefined;

const timedOut = (r: { error?: Error }): boolean => (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';

function compilerFor(language: Language): string {
  const candidates = language === 'c' ? [process.env.CC, 'cc', 'gcc', 'clang'] : [process.env.CXX, 'c++', 'g++', 'clang++'];
  for (const cc of candidates.filter((c): c is string => !!c)) {
    const r = spawnSync(cc, ['--version'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL' });
    if (timedOut(r)) throw new Error(`${cc} --version did not answer within ${TOOL_TIMEOUT_MS / 1000} s`);
    if (r.status === 0) return cc;
  }
  throw new NotAvailable(`no ${language === 'c' ? 'C' : 'C++'} compiler (install ${language === 'c' ? 'gcc' : 'g++'})`);
}

export interface Compilation { ok: boolean; diagnostics: string; binary: string; command: string }

/**
 * Compiles one source file with -Wall -Wextra into dir; `link` goes after the
 * source (libraries such as -lrt). Diagnostics are everything the compiler printed.
 */
export function compile(language: Language, source: string, dir: string, name: string, link: string[] = []): Compilation {
  if (stalled) throw new Error(`${stalled} (earlier in this run), so no further compilation is tried`);
  const cc = compilerFor(language);
  const binary = join(dir, name);
  const args = ['-Wall', '-Wextra', '-x', language, '-o', binary, source, ...link];
  const r = spawnSync(cc, args, { encoding: 'utf8', timeout: COMPILE_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (timedOut(r)) {
    stalled = `${cc} did not finish compiling ${source} within ${COMPILE_TIMEOUT_MS / 1000} s (IPC_COMPILE_TIMEOUT_MS)`;
    throw new Error(stalled);
  }
  return { ok: r.status === 0, diagnostics: (r.stderr + r.stdout).trim(), binary, command: `${cc} ${args.join(' ')}` };
}

/** Compiles a source text written to dir/name.c (or .cpp). */
export function compileText(language: Language, text: string, dir: string, name: string, link: string[] = []): Compilation {
  const source = join(dir, `${name}.${language === 'c' ? 'c' : 'cpp'}`);
  writeFileSync(source, text);
  return compile(language, source, dir, name, link);
}
