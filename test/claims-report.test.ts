/** From cucumber messages to claim records: statuses, skip reasons, evidence and verdicts. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildClaimRecords, renderMarkdown } from '../kit/claims-report';
import { LedgerEntry } from '../kit/ledger';
import { readRunResults } from '../kit/run-results';
import { EVIDENCE_MEDIA_TYPE, SKIP_MEDIA_TYPE } from '../steps/support/evidence';

/** A messages file with one scenario per [name, tags, step statuses, attachments]. */
function messages(scenarios: Array<[string, string[], string[], Array<[string, string]>]>): string {
  const lines: object[] = [];
  scenarios.forEach(([name, tags, statuses, attachments], i) => {
    lines.push({ pickle: { id: `p${i}`, name, uri: 'features/x.feature', tags: tags.map((t) => ({ name: t })) } });
    lines.push({ testCase: { id: `c${i}`, pickleId: `p${i}` } });
    if (!statuses.length) return; // never started: filtered out of the run
    lines.push({ testCaseStarted: { id: `s${i}`, testCaseId: `c${i}` } });
    for (const status of statuses) {
      lines.push({ testStepFinished: { testCaseStartedId: `s${i}`, testStepResult: { status, message: status === 'FAILED' ? 'boom\nstack' : undefined } } });
    }
    for (const [mediaType, body] of attachments) lines.push({ attachment: { testCaseStartedId: `s${i}`, mediaType, body } });
    lines.push({ testCaseFinished: { testCaseStartedId: `s${i}`, willBeRetried: false } });
  });
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

const entry = (id: string, observed = 'seen {v}'): LedgerEntry =>
  ({ id, note: '001', section: 's', quote: 'q', claim: 'c', verdict: 'holds', observed, file: 't.yaml' });

test('each claim gets the status of its scenarios, the evidence they recorded and the filled sentence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipcc-unit-'));
  try {
    const file = join(dir, 'm.ndjson');
    writeFileSync(file, messages([
      ['passes', ['@claim:A-1'], ['PASSED', 'PASSED'], [[EVIDENCE_MEDIA_TYPE, '{"v":7}']]],
      ['fails', ['@claim:A-2'], ['PASSED', 'FAILED', 'SKIPPED'], []],
      ['skips', ['@claim:A-3'], ['SKIPPED'], [[SKIP_MEDIA_TYPE, 'not available here: lsof is not installed']]],
      ['filtered out', ['@claim:A-5'], [], []],
    ]));
    const results = readRunResults(file);
    assert.deepEqual(results.map((r) => r.status), ['passed', 'failed', 'skipped', 'not-run']);
    const ledger = new Map(['A-1', 'A-2', 'A-3', 'A-4', 'A-5'].map((id) => [id, entry(id)]));
    const records = buildClaimRecords(ledger, results, { v: 1 });
    assert.deepEqual(records.map((r) => r.status), ['passed', 'failed', 'skipped', 'no-scenario', 'skipped']);
    assert.equal(records[0].observed, 'seen 7', 'measured evidence wins over platform facts');
    assert.equal(records[1].reason, 'boom');
    assert.equal(records[2].reason, 'not available here: lsof is not installed');
    assert.match(records[4].reason!, /not run/);
    const md = renderMarkdown(records, { 'kernel.release': 'k' }, ['Z-9']);
    assert.match(md, /### A-2: holds, \*\*FAILED\*\*/);
    assert.match(md, /Claims without a scenario yet:\*\* A-4/);
    assert.match(md, /Tags naming claims the ledger does not have:\*\* Z-9/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
