/**
 * `npm run matrix [-- --only a,b] [-- cucumber options]`: runs the suite under each environment
 * profile (kit/profiles.ts) this host can give, then writes reports/matrix.md
 * and reports/matrix.html: claims × environments, each cell passed, failed or
 * skipped with its reason. Exits non-zero when a profile had a failure, or
 * when the run left an object of the kit's behind.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail } from './cli';
import type { ClaimRecord } from './claims-report';
import { reportsDir, root } from './paths';
import { journalLeftovers, sysvLabel } from './stale-objects';
import { PROFILES, Profile, profileNamed } from './profiles';

interface ProfileRun { profile: Profile; status: 'ran' | 'unavailable'; reason?: string; exitCode?: number; seconds?: number; summary?: string; claims?: ClaimRecord[] }

function chownTree(path: string, uid: number): void {
  chownSync(path, uid, uid);
  if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownTree(join(path, f), uid);
}

function runProfile(profile: Profile, cucumberArgs: string[], runId: string): ProfileRun {
  const reason = profile.unavailable();
  if (reason) return { profile, status: 'unavailable', reason };
  const dir = join(reportsDir, 'matrix', profile.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (profile.unprivileged) chownTree(dir, 65534);
  const command = [...profile.wrap, process.execPath, '-r', 'ts-node/register/transpile-only', join(root, 'kit', 'test.ts'), '--format', 'summary', ...cucumberArgs];
  const started = Date.now();
  const r = spawnSync(command[0], command.slice(1), {
    cwd: root, encoding: 'utf8', timeout: 300_000,
    env: { ...process.env, IPC_REPORTS_DIR: dir, IPC_RUN_ID: runId, HOME: profile.unprivileged ? tmpdir() : process.env.HOME },
  });
  const seconds = (Date.now() - started) / 1000;
  writeFileSync(join(dir, 'output.log'), `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  const summary = (r.stdout ?? '').split('\n').filter((l) => /^\d+ passed, \d+ failed/.test(l)).pop();
  const claimsPath = join(dir, 'claims.json');
  const claims = existsSync(claimsPath) ? (JSON.parse(readFileSync(claimsPath, 'utf8')).claims as ClaimRecord[]) : undefined;
  return { profile, status: 'ran', exitCode: r.status ?? -1, seconds, summary: summary ?? `no summary (exit ${r.status}, ${r.signal ?? 'no signal'})`, claims };
}

const CELL: Record<string, string> = { passed: 'passed', failed: 'FAILED', waived: 'waived', skipped: 'skipped', 'no-scenario': 'no scenario' };

function cell(record: ClaimRecord | undefined): string {
  if (!record) return 'n/a';
  const mark = CELL[record.status] ?? record.status;
  return record.status === 'skipped' || record.status === 'failed' ? `${mark}: ${record.reason ?? ''}` : mark;
}

function renderMatrix(runs: ProfileRun[]): { md: string; html: string } {
  const ran = runs.filter((r) => r.claims);
  const ids = [...new Set(ran.flatMap((r) => r.claims!.map((c) => c.id)))];
  const lookup = ran.map((r) => new Map(r.claims!.map((c) => [c.id, c])));
  // Rows where every profile agrees and passed are folded into one line, so the differences stand out.
  const differing = ids.filter((id) => lookup.some((m) => m.get(id)?.status !== 'passed'));
  const md = [
    '# The suite under each environment', '',
    '| profile | what it simulates | result | time |', '|---|---|---|---|',
    ...runs.map((r) => `| ${r.profile.name} | ${r.profile.description} | ${r.status === 'unavailable' ? `unavailable: ${r.reason}` : `${r.summary}${r.exitCode ? ` (exit ${r.exitCode})` : ''}`} | ${r.seconds ? `${r.seconds.toFixed(1)} s` : ''} |`),
    '', `${ids.length - differing.length} of ${ids.length} claims passed in every profile that ran. The others:`, '',
    `| claim | ${ran.map((r) => r.profile.name).join(' | ')} |`, `|---|${ran.map(() => '---').join('|')}|`,
    ...differing.map((id) => `| ${id} | ${lookup.map((m) => cell(m.get(id)).replace(/\|/g, '\\|')).join(' | ')} |`),
    '',
  ].join('\n');
  const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  const color = (c: string) => (c.startsWith('passed') ? '#c8e6c9' : c.startsWith('FAILED') ? '#ffcdd2' : c.startsWith('skipped') ? '#eeeeee' : '#fff9c4');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ipc-conformance: environment matrix</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top}</style></head><body>
<h1>The suite under each environment</h1><table><tr><th>profile</th><th>simulates</th><th>result</th></tr>
${runs.map((r) => `<tr><td>${esc(r.profile.name)}</td><td>${esc(r.profile.description)}</td><td>${esc(r.status === 'unavailable' ? `unavailable: ${r.reason}` : r.summary ?? '')}</td></tr>`).join('\n')}</table>
<h2>Claims that did not pass everywhere (${differing.length} of ${ids.length})</h2><table><tr><th>claim</th>${ran.map((r) => `<th>${esc(r.profile.name)}</th>`).join('')}</tr>
${differing.map((id) => `<tr><td>${esc(id)}</td>${lookup.map((m) => { const c = cell(m.get(id)); return `<td style="background:${color(c)}">${esc(c)}</td>`; }).join('')}</tr>`).join('\n')}</table></body></html>\n`;
  return { md, html };
}

/**
 * What this matrix run left: names of its own runs (IPC_RUN_ID of each profile) in
 * TMPDIR, /dev/shm and /dev/mqueue, and SysV objects its runs' journals still list.
 * Objects of other runs on this host (concurrent ones too) are not counted.
 */
function leftovers(runIds: string[], profileDirs: string[]): string[] {
  const ours = (dir: string) => (existsSync(dir)
    ? readdirSync(dir).filter((f) => runIds.some((id) => f.startsWith(`ipcc-${id}-`))).map((f) => join(dir, f)) : []);
  const sysv = profileDirs.flatMap((d) => journalLeftovers(d, false).flatMap((j) => j.left.map(sysvLabel)));
  return [...ours(tmpdir()), ...ours('/dev/shm'), ...ours('/dev/mqueue'), ...sysv];
}

function main(): void {
  const args = process.argv.slice(2);
  const only = args.indexOf('--only');
  const asked = only >= 0 ? (args[only + 1] ?? '').split(',').filter(Boolean) : [];
  const cucumberArgs = only >= 0 ? [...args.slice(0, only), ...args.slice(only + 2)] : args;
  for (const name of asked) if (!profileNamed(name)) fail(`unknown profile "${name}"; the profiles are: ${PROFILES.map((p) => p.name).join(', ')}`);
  const profiles = asked.length ? asked.map((n) => profileNamed(n)!) : PROFILES;
  const matrixId = `m${Date.now().toString(36)}${process.pid.toString(36)}`;
  const runIds = profiles.map((_, i) => `${matrixId}p${i}`);
  const runs: ProfileRun[] = [];
  for (const [i, profile] of profiles.entries()) {
    process.stdout.write(`matrix: ${profile.name} … `);
    const run = runProfile(profile, cucumberArgs, runIds[i]);
    process.stdout.write(`${run.status === 'unavailable' ? `unavailable (${run.reason})` : `${run.summary} in ${run.seconds!.toFixed(1)} s`}\n`);
    runs.push(run);
  }
  const left = leftovers(runIds, profiles.map((p) => join(reportsDir, 'matrix', p.name)));
  const { md, html } = renderMatrix(runs);
  const leak = left.length ? `\n**Left behind by the matrix run:** ${left.join(', ')}\n` : '\nNothing of this matrix run\'s was left in TMPDIR, /dev/shm, /dev/mqueue or SysV IPC.\n';
  writeFileSync(join(reportsDir, 'matrix.md'), md + leak);
  writeFileSync(join(reportsDir, 'matrix.html'), html);
  process.stdout.write(`matrix: ${join(reportsDir, 'matrix.md')}${left.length ? `; LEFT BEHIND: ${left.join(', ')}` : ''}\n`);
  const failed = runs.filter((r) => r.status === 'ran' && r.exitCode !== 0);
  process.exit(failed.length || left.length ? 1 : 0);
}

main();
