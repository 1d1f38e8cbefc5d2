/**
 * The host's C and C++ compilers, for claims about what compiles ("<unistd.h>
 * declares int pipe(int fd[2])", "the note's example is valid C++"). A missing
 * compiler is a named skip.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotAvailable } from './not-available';

export type Language = 'c' | 'c++';

function compilerFor(language: Language): string {
  const candidates = language === 'c' ? [process.env.CC, 'cc', 'gcc', 'clang'] : [process.env.CXX, 'c++', 'g++', 'clang++'];
  for (const cc of candidates.filter((c): c is string => !!c)) {
    if (spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0) return cc;
  }
  throw new NotAvailable(`no ${language === 'c' ? 'C' : 'C++'} compiler (install ${language === 'c' ? 'gcc' : 'g++'})`);
}

export interface Compilation { ok: boolean; diagnostics: string; binary: string; command: string }

/**
 * Compiles one source file with -Wall -Wextra into dir; `link` goes after the
 * source (libraries such as -lrt). Diagnostics are everything the compiler printed.
 */
export function compile(language: Language, source: string, dir: string, name: string, link: string[] = []): Compilation {
  const cc = compilerFor(language);
  const binary = join(dir, name);
  const args = ['-Wall', '-Wextra', '-x', language, '-o', binary, source, ...link];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  return { ok: r.status === 0, diagnostics: (r.stderr + r.stdout).trim(), binary, command: `${cc} ${args.join(' ')}` };
}

/** Compiles a source text written to dir/name.c (or .cpp). */
export function compileText(language: Language, text: string, dir: string, name: string, link: string[] = []): Compilation {
  const source = join(dir, `${name}.${language === 'c' ? 'c' : 'cpp'}`);
  writeFileSync(source, text);
  return compile(language, source, dir, name, link);
}
