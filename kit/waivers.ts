/**
 * Waivers: claims a user knowingly accepts as deviating on their platform
 * (waivers.yaml, or the file IPC_WAIVERS names). Each has a reason and an
 * expiry date. A waived claim that fails is reported as "waived" and does not
 * fail the run; an expired waiver, or one naming an unknown claim, fails it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from './paths';

export interface Waiver { claim: string; reason: string; expires: string }

export const waiversPath = (): string => process.env.IPC_WAIVERS ?? join(root, 'waivers.yaml');

export function loadWaivers(path = waiversPath()): Waiver[] {
  if (!existsSync(path)) return [];
  const doc = parse(readFileSync(path, 'utf8')) ?? [];
  if (!Array.isArray(doc)) throw new Error(`${path}: a list of waivers (- claim: …, reason: …, expires: YYYY-MM-DD) is expected`);
  return doc.map((w, i) => {
    const where = `${path}: waiver ${i + 1}`;
    if (!w || typeof w.claim !== 'string') throw new Error(`${where} names no claim`);
    if (typeof w.reason !== 'string' || !w.reason.trim()) throw new Error(`${where} (${w.claim}) gives no reason`);
    const expires = w.expires instanceof Date ? w.expires.toISOString().slice(0, 10) : String(w.expires ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new Error(`${where} (${w.claim}) needs an expiry date YYYY-MM-DD`);
    return { claim: w.claim, reason: w.reason, expires };
  });
}

/** Problems that fail the run: expired waivers and waivers of claims the ledger does not have. */
export function waiverProblems(waivers: Waiver[], knownClaims: Set<string>, today = new Date().toISOString().slice(0, 10)): string[] {
  return waivers.flatMap((w) => [
    ...(w.expires < today ? [`the waiver of ${w.claim} expired on ${w.expires} (${w.reason})`] : []),
    ...(knownClaims.has(w.claim) ? [] : [`the waiver names ${w.claim}, which the ledger does not have`]),
  ]);
}

export function activeWaiver(waivers: Waiver[], claim: string, today = new Date().toISOString().slice(0, 10)): Waiver | undefined {
  return waivers.find((w) => w.claim === claim && w.expires >= today);
}
