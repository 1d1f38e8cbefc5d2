/**
 * `npm run docs`: after a green `npm test`, keeps this host's claims report as
 * docs/claims-<os>-<arch>.md, the copy readers can open without running anything.
 * It refuses the report of a partial run (scenarios left out by --tags or
 * --name, or not reached), which would show those claims as unchecked.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import type { ClaimRecord } from './claim-record';
import { fail } from './cli';
import { reportsDir, root } from './paths';
import { INTERRUPTED, NOT_REACHED, NOT_SELECTED } from './run-results';

/** Why a claims report is not a full run's, or undefined when it is. */
export function partialRun(claims: Pick<ClaimRecord, 'id' | 'results'>[]): string | undefined {
  const left = claims.filter((c) => (c.results ?? []).some((r) => [NOT_SELECTED, NOT_REACHED, INTERRUPTED].includes(r.skipReason ?? '')));
  if (!left.length) return undefined;
  return `${left.length} claim(s) have scenarios that did not run (${left.slice(0, 5).map((c) => c.id).join(', ')}${left.length > 5 ? ', …' : ''})`;
}

function main(): void {
  const source = join(reportsDir, 'claims.md');
  const json = join(reportsDir, 'claims.json');
  if (!existsSync(source) || !existsSync(json)) fail(`no ${source}: run \`npm test\` first`);
  const partial = partialRun(JSON.parse(readFileSync(json, 'utf8')).claims ?? []);
  if (partial) fail(`${source} is the report of a partial run: ${partial}; \`npm run docs\` runs the whole suite first`);
  const names: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };
  const target = join(root, 'docs', `claims-${platform()}-${names[arch()] ?? arch()}.md`);
  mkdirSync(join(root, 'docs'), { recursive: true });
  copyFileSync(source, target);
  process.stdout.write(`${target}\n`);
}

if (require.main === module) main();
