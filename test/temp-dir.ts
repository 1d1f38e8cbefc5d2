/** A fresh folder under TMPDIR for one test (`ipcc-unit-<purpose>-…`), removed when the test process exits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

export function tempDir(purpose: string): string {
  const d = mkdtempSync(join(tmpdir(), `ipcc-unit-${purpose}-`));
  made.push(d);
  return d;
}
