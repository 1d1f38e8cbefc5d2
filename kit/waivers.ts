/**
 * Waivers: claims a user knowingly accepts as deviating on their platform
 * (waivers.yaml, or the file IPC_WAIVERS names). Each has a reason and an
 * expiry date. A waived claim that fails is reported as "waived" and does not
 * fail the run. Every problem of the file (missing, empty, not YAML, a waiver
 * without claim or reason, an impossible date, an expired waiver, one naming an
 * unknown claim) is reported, with the file's name, before the suite runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from './paths';

export interface Waiver { claim: string; reason: string; expires: string }

export const waiversPath = (): string => process.env.IPC_WAIVERS ?? join(root, 'waivers.yaml');

const today = (): string => new Date().toISOString().slice(0, 10);

/** A real calendar date written YYYY-MM-DD (2027-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The waivers of a file, and every problem found in it, each naming the file. */
export function readWaivers(path = waiversPath()): { waivers: Waiver[]; problems: string[] } {
  if (!existsSync(path)) return { waivers: [], problems: [`${path}: the waivers file does not exist (write [] in it for no waivers)`] };
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { waivers: [], problems: [`${path}: not valid YAML: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (doc === null || doc === undefined) return { waivers: [], problems: [`${path}: the waivers file is empty (write [] in it for no waivers)`] };
  if (!Array.isArray(doc)) return { waivers: [], problems: [`${path}: a list of waivers (- claim: …, reason: …, expires: YYYY-MM-DD) is expected`] };
  const waivers: Waiver[] = [];
  const problems: string[] = [];
  doc.forEach((w, i) => {
    const where = `${path}: waiver ${i + 1}`;
    if (!w || typeof w !== 'object' || typeof w.claim !== 'string' || !w.claim.trim()) {
      problems.push(`${where} names no claim`);
      return;
    }
    const expires = String(w.expires ?? ''); // YAML 1.2 (the yaml package's default) reads a date as text
    const before = problems.length;
    if (typeof w.reason !== 'string' || !w.reason.trim()) problems.push(`${where} (${w.claim}) gives no reason`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires)) problems.push(`${where} (${w.claim}) needs an expiry date YYYY-MM-DD`);
    else if (!isCalendarDate(expires)) problems.push(`${where} (${w.claim}) expires on ${expires}, which is not a date`);
    if (waivers.some((x) => x.claim === w.claim)) problems.push(`${where} (${w.claim}) waives a claim an earlier waiver already waives`);
    if (problems.length === before) waivers.push({ claim: w.claim, reason: w.reason, expires });
  });
  return { waivers, problems };
}

/** The waivers of a file; its first problems as one error. */
export function loadWaivers(path = waiversPath()): Waiver[] {
  const { waivers, problems } = readWaivers(path);
  if (problems.length) throw new Error(problems.join('\n'));
  return waivers;
}

/** Problems that fail the run: expired waivers and waivers of claims the ledger does not have. */
export function waiverProblems(waivers: Waiver[], knownClaims: Set<string>, on = today(), path = waiversPath()): string[] {
  return waivers.flatMap((w) => [
    ...(w.expires < on ? [`${path}: the waiver of ${w.claim} expired on ${w.expires} (${w.reason})`] : []),
    ...(knownClaims.has(w.claim) ? [] : [`${path}: the waiver names ${w.claim}, which the ledger does not have`]),
  ]);
}

export function activeWaiver(waivers: Waiver[], claim: string, on = today()): Waiver | undefined {
  return waivers.find((w) => w.claim === claim && w.expires >= on);
}
