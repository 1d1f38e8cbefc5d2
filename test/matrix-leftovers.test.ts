/**
 * `npm run matrix` counts as left behind only what its own runs made: objects
 * that other runs on this host create meanwhile (here: a kit-style temp dir and
 * a SysV queue made while the matrix runs) are not its leaks.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from '../kit/paths';
import { createQueue, removeQueue } from '../native/sysv-msg';

const reports = mkdtempSync(join(tmpdir(), 'ipcc-unit-matrix-'));
const foreignDir = join(tmpdir(), `ipcc-otherrun-w0-${process.pid}-1-foreign`);
after(() => [reports, foreignDir].forEach((d) => rmSync(d, { recursive: true, force: true })));

test('objects another run creates while the matrix runs are not counted as the matrix\'s leftovers', async () => {
  const matrix = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'kit/matrix.ts', '--only', 'host', '--tags', '@mechanism:fifo'],
    { cwd: root, env: { ...process.env, IPC_REPORTS_DIR: reports }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  matrix.stdout!.on('data', (d) => (output += d));
  matrix.stderr!.on('data', (d) => (output += d));
  const ended = new Promise<number | null>((resolve) => matrix.on('exit', resolve));
  const profileDir = join(reports, 'matrix', 'host');
  while (!existsSync(profileDir) && matrix.exitCode === null) await new Promise((wake) => setTimeout(wake, 10));
  mkdirSync(foreignDir); // another run's, created after the matrix looked around
  const foreignQueue = createQueue(0o600);
  try {
    assert.equal(await ended, 0, output);
    const md = readFileSync(join(reports, 'matrix.md'), 'utf8');
    assert.match(md, /Nothing of this matrix run's was left/);
    assert.doesNotMatch(output, /LEFT BEHIND/);
  } finally {
    removeQueue(foreignQueue.id);
  }
});
