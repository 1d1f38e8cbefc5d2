/**
 * The SysV journal (steps/support/run-journal.ts): what a tracked object's line says, where it
 * goes, and when the process's journal is deleted at exit (only once everything in it was
 * released). IPC_REPORTS_DIR points it at a folder of this test's own.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './temp-dir';

const reports = tempDir('journal');
process.env.IPC_REPORTS_DIR = reports;
const exitListeners = process.listeners('exit');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const journal = require('../steps/support/run-journal') as typeof import('../steps/support/run-journal');
const [atExit] = process.listeners('exit').filter((l) => !exitListeners.includes(l)) as Array<() => void>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createQueue, removeQueue } = require('../native/sysv-msg') as typeof import('../native/sysv-msg');

const file = join(reports, '.journal', `${process.pid}.jsonl`);
const lines = (): unknown[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

test('the journal folder is .journal in the reports folder', () => {
  assert.equal(journal.journalDir('/r'), '/r/.journal');
  assert.equal(journal.journalDir(), join(reports, '.journal'));
});

test('an object\'s identity is its own row of /proc/sysvipc: key and creator; none for an id that is gone', () => {
  const a = createQueue(0o600);
  const b = createQueue(0o600);
  try {
    for (const q of [a, b]) {
      const id = journal.sysvIdentity('msg', q.id)!;
      assert.deepEqual([id.kind, id.id, id.key, id.cuid], ['msg', q.id, q.key, process.getuid!()]);
      assert.ok(id.ctime > 0);
    }
  } finally {
    removeQueue(a.id);
    removeQueue(b.id);
  }
  assert.equal(journal.sysvIdentity('msg', a.id), undefined);
});

test('the journal lists each tracked object, and is deleted at exit only once all of them were released', () => {
  assert.equal(atExit.length, 0);
  atExit(); // nothing journalled yet, no file: nothing to do
  assert.equal(existsSync(file), false);
  const a = createQueue(0o600);
  const b = createQueue(0o600);
  try {
    const ea = journal.journalSysv('msg', a.id);
    const eb = journal.journalSysv('msg', b.id);
    assert.deepEqual(ea, journal.sysvIdentity('msg', a.id));
    assert.deepEqual(lines(), [ea, eb]);
    removeQueue(b.id);
    assert.equal(journal.journalSysv('msg', b.id), undefined);
    assert.deepEqual(lines(), [ea, eb]);
    journal.journalReleased('msg', a.id);
    atExit();
    assert.equal(existsSync(file), true, 'deleted while queue b was still listed as live');
    journal.journalReleased('msg', b.id);
    atExit();
    assert.equal(existsSync(file), false);
  } finally {
    removeQueue(a.id);
    removeQueue(b.id);
  }
});
