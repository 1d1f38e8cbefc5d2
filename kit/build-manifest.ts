/**
 * What `npm run build` made, with each program's size and SHA-256, so a
 * damaged binary (a truncated copy, a disk that filled up, a stray edit) is
 * found before the suite runs, and rebuilt by the next `npm run build`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildDir, manifestPath } from './paths';

export interface Fingerprint { size: number; sha256: string }

export interface Manifest {
  compiler: string;
  version: string;
  cflags: string[];
  fixtures: string[];
  /** every built program, by its path under the build folder */
  programs: Record<string, Fingerprint>;
}

export function fingerprint(path: string): Fingerprint | undefined {
  if (!existsSync(path)) return undefined;
  return { size: statSync(path).size, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

export const programKey = (path: string): string => relative(buildDir, path);

export function readManifest(): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why the program at `path` differs from what the build recorded, or undefined when it is intact. */
export function damage(path: string, recorded: Fingerprint | undefined): string | undefined {
  const now = fingerprint(path);
  if (!now) return `${path} is missing`;
  if (!recorded) return `${path} is not in the build manifest`;
  if (now.size !== recorded.size) return `${path} has ${now.size} bytes, the build made ${recorded.size} bytes`;
  if (now.sha256 !== recorded.sha256) return `${path} differs from what the build made (SHA-256)`;
  return undefined;
}

/** The first damaged program the manifest lists, in words; undefined when all are intact. */
export function damagedProgram(manifest: Manifest): string | undefined {
  for (const [key, recorded] of Object.entries(manifest.programs ?? {})) {
    const why = damage(join(buildDir, key), recorded);
    if (why) return why;
  }
  return manifest.programs ? undefined : `${manifestPath} records no fingerprints (an older build)`;
}
