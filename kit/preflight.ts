/**
 * What `npm test` checks before cucumber starts (this module loads nothing heavy,
 * so the host checks still speak when TMPDIR is full), so bad input or a host that
 * cannot run the suite gets one clear line each instead of a run that fails,
 * hangs or lies half-way: intact fixtures, a reports folder the kit may write
 * and empty, valid waivers, room in TMPDIR and enough file descriptors.
 */
import { accessSync, constants as fsConstants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTimeScale } from '../native/time-scale';
import { damagedProgram, readManifest } from './build-manifest';
import { defaultReportsDir, manifestPath } from './paths';
import type * as LedgerModule from './ledger';
import { readWaivers, waiverProblems, waiversPath } from './waivers';

/** The file that marks a reports folder as the kit's, so it may replace what is in it. */
export const REPORTS_MARKER = '.ipc-conformance-reports';
/** Below this much free space in TMPDIR, note examples and socket files no longer fit. */
export const MIN_TMP_FREE_BYTES = 8 * 1024 * 1024;
/** The fd-limit-64 matrix profile shows the suite runs with 64 descriptors; fewer and node or a fixture fails half-way. */
export const MIN_OPEN_FILES = 64;

export function checkFixtures(): string | undefined {
  if (!existsSync(manifestPath)) return 'the fixtures are not built: run `npm run build` (npm test does it for you)';
  const manifest = readManifest();
  if (!manifest) return `the build manifest ${manifestPath} is unreadable: run \`npm run build\``;
  const damaged = damagedProgram(manifest);
  return damaged && `a built program is damaged: ${damaged}; run \`npm run build\` to rebuild it`;
}

/**
 * The reports folder: created and marked when new or empty; the default one
 * (reports/ in the checkout) is the kit's by its place. A non-empty folder
 * without the mark is someone else's and is refused, never emptied.
 */
export function claimReportsDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    const marker = join(dir, REPORTS_MARKER);
    if (!existsSync(marker)) {
      if (readdirSync(dir).length && dir !== defaultReportsDir) {
        return `the reports folder ${dir} is not empty and was not made by the kit (it has no ${REPORTS_MARKER}); ` +
          'set IPC_REPORTS_DIR to a new or empty folder';
      }
      writeFileSync(marker, 'ipc-conformance writes its reports here and replaces them on every run\n');
    }
    accessSync(dir, fsConstants.W_OK);
    return undefined;
  } catch (e) {
    return `the reports folder ${dir} is not writable (${(e as Error).message}); set IPC_REPORTS_DIR to a writable folder`;
  }
}

/** Every problem of the waivers file, including expired ones and unknown claims, each naming the file. */
export function checkWaivers(): string[] {
  const { waivers, problems } = readWaivers();
  let claims: Set<string>;
  try {
    // loaded here, not at the top: the host checks run before anything heavy is loaded (a full TMPDIR breaks ts-node's compile cache)
    const { loadLedger } = require('./ledger') as typeof LedgerModule;
    claims = new Set(loadLedger().keys());
  } catch (e) {
    return [...problems, `the ledger does not load: ${(e as Error).message}`];
  }
  return [...problems, ...waiverProblems(waivers, claims, undefined, waiversPath())];
}

/** TMPDIR must be writable and have room (a 64 KiB tmpfs does not). */
export function checkTmp(dir = tmpdir()): string | undefined {
  try {
    const probe = mkdtempSync(join(dir, 'ipcc-preflight-'));
    rmSync(probe, { recursive: true, force: true });
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    if (free < MIN_TMP_FREE_BYTES) {
      return `the temporary folder ${dir} has ${Math.floor(free / 1024)} KiB free; the suite needs ${MIN_TMP_FREE_BYTES / 1024 / 1024} MiB there (set TMPDIR to a roomier folder)`;
    }
    return undefined;
  } catch (e) {
    return `the temporary folder ${dir} is not usable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); set TMPDIR to a writable folder with room`;
  }
}

/** The soft RLIMIT_NOFILE of this process (which cucumber and the fixtures inherit), from /proc/self/limits. */
export function openFilesLimit(limits = readFileSync('/proc/self/limits', 'utf8')): number {
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
}

export function checkOpenFiles(): string | undefined {
  let limit: number;
  try {
    limit = openFilesLimit();
  } catch {
    return undefined; // no /proc: nothing to say
  }
  return limit < MIN_OPEN_FILES
    ? `the open-file limit (ulimit -n) is ${limit}; the suite needs at least ${MIN_OPEN_FILES}: raise it, e.g. \`ulimit -n 1024\``
    : undefined;
}

/** IPC_TIME_SCALE (how much slower this machine is, for the safety timeouts) must be a number from 1 to 1000. */
export function checkTimeScale(text = process.env.IPC_TIME_SCALE): string | undefined {
  try {
    parseTimeScale(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
