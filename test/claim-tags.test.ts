/**
 * A scenario is tagged only with the claims it shows. Two rules the features
 * once broke: performance claims were tagged on a functional scenario (11
 * claims on one store-and-read check), and every row of the mechanism outline
 * carried the RPC and echo-server claims although their sentences quote one row.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LedgerEntry, loadLedger } from '../kit/ledger';
import { claimsOf, features } from './pickles';

const ledger = loadLedger();
const sentences = (e: LedgerEntry): string => [e.observed, ...(e.when ?? []).map((r) => r.observed)].join('\n');

test('a functional scenario stands in for one performance claim at most; the benchmark checks them', () => {
  const performance = new Set([...ledger].filter(([, e]) => e.verdict === 'not-testable' && /^performance\b/.test(e.reason ?? '')).map(([id]) => id));
  assert.ok(performance.size > 5, 'the ledger has performance claims');
  const crowded = features().flatMap(({ uri, pickles }) => pickles
    .filter((p) => !p.tags.some((t) => t.name === '@performance'))
    .map((p) => ({ where: `"${p.name}" (${uri})`, ids: claimsOf(p.tags).filter((id) => performance.has(id)) }))
    .filter(({ ids }) => ids.length > 1)
    .map(({ where, ids }) => `${where} stands in for ${ids.join(', ')}`));
  assert.deepEqual([...new Set(crowded)], []);
});

test('a claim whose sentence quotes an outline\'s rows one by one is tagged only on the rows it quotes', () => {
  const problems: string[] = [];
  for (const { uri, document } of features()) {
    const children = document.feature?.children ?? [];
    const scenarios = children.flatMap((c) => [c.scenario, ...(c.rule?.children ?? []).map((r) => r.scenario)]);
    for (const outline of scenarios.filter((s) => s && s.examples.length)) {
      const tables = outline!.examples.map((ex) => ({
        claims: claimsOf([...outline!.tags, ...ex.tags]),
        rows: (ex.tableBody ?? []).map((row) => row.cells.map((c) => c.value)),
      }));
      const values = new Set(tables.flatMap((t) => t.rows.flat()));
      // a row is quoted by a placeholder ending in "_<one of its cells>" ({gen.works_pipe}) or by a cell that is a word of the sentence
      const quoted = (id: string): string[] => {
        const text = sentences(ledger.get(id)!);
        const placeholders = [...text.matchAll(/\{[\w.\-]*?_([\w\-]+)\}/g)].map((m) => m[1]).filter((v) => values.has(v));
        if (!placeholders.length) return [];
        const words = [...values].filter((v) => /^[\w-]+$/.test(v) && new RegExp(`(?<![\\w{.-])${v}(?![\\w}-])`).test(text));
        return [...placeholders, ...words];
      };
      for (const { claims, rows } of tables) {
        for (const id of claims.filter((c) => ledger.has(c) && quoted(c).length)) {
          for (const row of rows.filter((r) => !r.some((v) => quoted(id).includes(v)))) {
            problems.push(`${id} is tagged on the row ${row.join(' | ')} of "${outline!.name}" (${uri}), which its sentence does not quote`);
          }
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
