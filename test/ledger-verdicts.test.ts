/**
 * A verdict agrees with its own sentence (issue 13, item 3): a `holds` whose sentence corrects or
 * qualifies the note is a contradiction, and the comparison table's cells are judged by one stated
 * definition per column (kit/ledger.ts COLUMNS, docs/comparison-table.md).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COLUMNS, hedges, holdsSentences, loadLedger } from '../kit/ledger';
import { root } from '../kit/paths';

const ledger = loadLedger();

/**
 * `holds` sentences whose hedging word does not hedge the note, each with the reason. Keep it short:
 * a new entry here needs a reason a reviewer would accept, not a rewording of the sentence.
 */
const ALLOWED: Record<string, string> = {
  'FIFO-07': '"unlike a pipe it has a name" is the note\'s own second half ("also allows unrelated processes")',
  'GEN-13': '"read as": the note\'s sentence breaks off; the sentence states the reading it judges',
  'SHM-16': '"read as": "lets the resource be reused" is vague; the sentence states the reading it judges',
  'PIPE-04': '"but": the note says "usually" parent and child; siblings are the other case "usually" allows',
  'PIPE-22 when pipe.capacity == 4096': '"can still": F_SETPIPE_SZ raising the size does not change the 4096 the note states',
  'PIPE-38 when cap.CAP_SYS_RESOURCE == true': '"but the size stays bounded" confirms "limited"',
  'PIPE-48': '"not the only": the claim says descriptors are shared through inheritance, not only through it',
  'PIPE-54': '"but": the note says a pipe "looks like" an open file; the missing file position is the detail',
  'PSHM-02': '"unlike": the note says "similar to open()" (类似), which one difference (FD_CLOEXEC) does not contradict',
  'PSHM-05': '"but": the refused write mapping and write() are what "read-only" means',
  'SP-04': '"but": SOCK_RAW turning into a datagram pair is a detail beyond the three types the note means',
  'SP-10': '"rather than": the parenthesis judges the quote\'s other half, which PIPE-01 corrects',
  'MSG-08': '"but": "may send but not receive" is the permission the claim says msg_perm holds',
  'MSG-08 when euid != 0': '"but": as MSG-08',
  'MSG-29': '"not all": setting attributes is one of msgctl\'s commands; the claim does not say it is the only one',
  'MSG-39': '"but"/"though": the refusals are what "enough permission" means',
  'MSG-39 when euid != 0': '"but": as MSG-39',
  'MSG-40': '"but": the refusals are what "read permission" means',
  'MSG-40 when euid != 0': '"but": as MSG-40',
  'SHM-20': '"though": pages are how memory is handed out; the size is kept in bytes as the note says',
  'SHM-21': '"not required": the claim is that 0 gets an existing segment, which it does',
  'SHM-41': '"but" in "nothing but memory" confirms "any number of processes"',
  'UDS-04': '"though"/"need not": bind() must still be called, as the note says; only the name may be the kernel\'s',
  'UDS-47': '"unlike UDP"/"rather than losing it" confirm "reliable"',
};

test('no holds sentence corrects or qualifies the note it judges (or the allow-list says why its word does not)', () => {
  const flagged: string[] = [];
  const used = new Set<string>();
  for (const entry of ledger.values()) {
    for (const { where, observed } of holdsSentences(entry)) {
      const words = hedges(observed);
      if (!words.length) continue;
      if (where in ALLOWED) used.add(where);
      else flagged.push(`${where}: holds, yet its sentence says ${words.map((w) => `"${w}"`).join(', ')}`);
    }
  }
  assert.deepEqual(flagged, [], 'make these corrected or depends, with a sentence that states what is true here');
  assert.deepEqual(Object.keys(ALLOWED).filter((w) => !used.has(w)), [], 'allow-list entries that no longer hedge: remove them');
});

test('the hedge detector finds the qualifiers of a contradiction and leaves a plain confirmation alone', () => {
  assert.deepEqual(hedges('Both lines are printed, but their order is not fixed.'), ['not fixed', 'but']);
  assert.deepEqual(hedges('"Mainly" is the note\'s judgement.'), ['judgement']);
  assert.deepEqual(hedges('True of the network families, not of AF_UNIX.'), ['true of']);
  assert.deepEqual(hedges('Not by ordinary memory access.'), ['not']);
  assert.deepEqual(hedges('"abc" and "de" came back from one read as "abcde".'), []);
  assert.deepEqual(hedges('pipe() returned 0 and two descriptors of one FIFO inode.'), []);
});

// ---- the comparison table (note 002) -------------------------------------------

const table = [...ledger.values()].filter((e) => e.cell !== undefined);
const TABLE_COLUMNS = ['connectionless', 'reliable', 'flow-control', 'priority'];

test('every cell of the note\'s table (8 mechanisms x 4 columns) is a ledger claim with its column and the note\'s value', () => {
  for (const column of TABLE_COLUMNS) {
    assert.equal(table.filter((e) => e.column === column).length, 8, `cells of column ${column}`);
  }
  assert.deepEqual(table.filter((e) => !TABLE_COLUMNS.includes(e.column ?? '')).map((e) => e.id), []);
});

test('a table cell is judged by its column\'s definition alone: it holds or is corrected, never depends', () => {
  assert.deepEqual(table.filter((e) => e.verdict !== 'holds' && e.verdict !== 'corrected').map((e) => e.id), []);
  assert.deepEqual(table.filter((e) => e.when?.length).map((e) => e.id), []);
});

const doc = readFileSync(join(root, 'docs', 'comparison-table.md'), 'utf8');

test('docs/comparison-table.md states every column\'s definition as the ledger does', () => {
  for (const [column, definition] of Object.entries(COLUMNS)) {
    assert.ok(doc.includes(definition), `the definition of ${column} is not quoted verbatim in docs/comparison-table.md`);
  }
});

test('docs/comparison-table.md gives every judged row the ledger\'s verdict', () => {
  const rows = new Map([...doc.matchAll(/^\| ([A-Z]+-\d+) \|.*?\| (holds|corrected|depends|not-testable)\b[^|]*\|/gm)].map((m) => [m[1], m[2]]));
  const judged = [...ledger.values()].filter((e) => e.column !== undefined);
  assert.deepEqual(judged.filter((e) => !rows.has(e.id)).map((e) => e.id), [], 'rows missing from the doc');
  assert.deepEqual(judged.filter((e) => rows.has(e.id) && rows.get(e.id) !== e.verdict).map((e) => `${e.id}: ledger ${e.verdict}, doc ${rows.get(e.id)}`), []);
});
