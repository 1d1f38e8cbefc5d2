/**
 * `npm run docs`: after a green `npm test`, keeps this host's claims report as
 * docs/claims-<os>-<arch>.md, the copy readers can open without running anything.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { fail } from './cli';
import { reportsDir, root } from './paths';

const source = join(reportsDir, 'claims.md');
if (!existsSync(source)) fail(`no ${source}: run \`npm test\` first`);
const names: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };
const target = join(root, 'docs', `claims-${platform()}-${names[arch()] ?? arch()}.md`);
mkdirSync(join(root, 'docs'), { recursive: true });
copyFileSync(source, target);
process.stdout.write(`${target}\n`);
