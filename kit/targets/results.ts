/**
 * Result collection: what one target's run left in its reports folder
 * (claims.json, platform.json) and on its console, as one TargetResult.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimRecord } from '../claims-report';
import type { ClaimCell, RunEnd, Target, TargetResult } from './types';

const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;

/** The suite's own last "N passed, N failed, N skipped" line in a console output, if it got that far. */
export function summaryLine(output: string): string | undefined {
  return output.split(/\r?\n/).map((l) => l.trim()).filter((l) => SUMMARY.test(l)).pop();
}

const readJson = (path: string): any => {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

export function unavailableResult(target: Target, reason: string): TargetResult {
  return { name: target.name, kind: target.kind, settings: target.settings, status: 'unavailable', reason };
}

/** A ran target: its platform facts and claims from dir, its counts from the output's summary line. */
export function collectResult(target: Target, dir: string, end: RunEnd, seconds: number): TargetResult {
  if (end.unavailable) return { ...unavailableResult(target, end.unavailable), seconds };
  const claimsJson = readJson(join(dir, 'claims.json'));
  const platform = readJson(join(dir, 'platform.json')) ?? claimsJson?.platform ?? {};
  const line = summaryLine(end.output ?? '');
  const m = line ? SUMMARY.exec(line)! : undefined;
  const claims = claimsJson
    ? Object.fromEntries((claimsJson.claims as ClaimRecord[]).map((c) => {
      const cell: ClaimCell = { verdict: c.verdict, status: c.status };
      if (c.status === 'failed' || c.status === 'skipped') cell.reason = c.reason;
      return [c.id, cell];
    }))
    : undefined;
  const result: TargetResult = {
    name: target.name, kind: target.kind, settings: target.settings, status: 'ran',
    kernel: platform['kernel.release'], libc: platform['libc.glibc_version'] ? `glibc ${platform['libc.glibc_version']}` : undefined,
    node: platform['node.version'], seconds, exitCode: end.exitCode,
    resultLine: line ?? `no result line (exit ${end.exitCode ?? 'unknown'}${claimsJson ? '' : ', no claims.json'})`,
    summary: m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) } : undefined,
    claims,
  };
  return result;
}

/** A ran target failed when the suite said so, or when it ended without a result line. */
export function hasFailure(r: TargetResult): boolean {
  return r.status === 'ran' && (r.exitCode !== 0 || !r.summary || r.summary.failed > 0);
}
