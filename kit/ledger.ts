/**
 * The claim ledger: features/ledger/*.yaml, one entry per claim id, with the
 * note's words, the claim in English, and the verdict with the sentence that
 * states what is true. `observed` may hold {placeholders} filled from the
 * evidence the scenarios recorded; `when` rules let a measured value decide a
 * platform-dependent verdict.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ledgerDir } from './paths';

export const VERDICTS = ['holds', 'corrected', 'depends', 'not-testable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Rule { if: string; verdict: Verdict; observed: string }

export interface LedgerEntry {
  id: string;
  note: string;
  section: string;
  quote: string;
  claim: string;
  verdict: Verdict;
  observed: string;
  when?: Rule[];
  reason?: string;
  proxy?: string;
  /** the ledger file it came from, for messages */
  file: string;
}

export type Values = Record<string, string | number | boolean>;

const ID = /^[A-Z]+-\d+$/;

function check(entry: LedgerEntry): string[] {
  const problems: string[] = [];
  const where = `${entry.file}: ${entry.id}`;
  if (!ID.test(entry.id)) problems.push(`${where}: an id looks like PIPE-22`);
  for (const key of ['note', 'section', 'quote', 'claim', 'observed'] as const) {
    if (typeof entry[key] !== 'string' || !entry[key].trim()) problems.push(`${where}: "${key}" is missing`);
  }
  const verdicts = [entry.verdict, ...(entry.when ?? []).map((r) => r.verdict)];
  for (const v of verdicts) if (!VERDICTS.includes(v)) problems.push(`${where}: verdict "${v}" is not one of ${VERDICTS.join(', ')}`);
  if (entry.verdict === 'not-testable' && !entry.reason) problems.push(`${where}: a not-testable claim needs a reason`);
  for (const rule of entry.when ?? []) {
    try {
      parseTest(rule.if);
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
    if (!rule.observed) problems.push(`${where}: a "when" rule needs its own observed sentence`);
  }
  return problems;
}

/** Loads every ledger file; throws one error listing every problem found. */
export function loadLedger(dir = ledgerDir): Map<string, LedgerEntry> {
  const entries = new Map<string, LedgerEntry>();
  const problems: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(join(dir, file), 'utf8')) ?? {};
    for (const [id, body] of Object.entries<any>(doc)) {
      if (entries.has(id)) problems.push(`${file}: ${id} is also in ${entries.get(id)!.file}`);
      const entry: LedgerEntry = { ...body, id, note: String(body?.note ?? ''), file };
      problems.push(...check(entry));
      entries.set(id, entry);
    }
  }
  if (problems.length) throw new Error(`the claim ledger has problems:\n  ${problems.join('\n  ')}`);
  return entries;
}

// ---- rules: "<key> <op> <value>" ---------------------------------------------

const OPS = ['==', '!=', '<=', '>=', '<', '>'] as const;
type Op = (typeof OPS)[number];

function parseTest(test: string): { key: string; op: Op; value: string } {
  const m = /^\s*([\w.\-]+)\s*(==|!=|<=|>=|<|>)\s*(.+?)\s*$/.exec(test ?? '');
  if (!m) throw new Error(`rule "${test}" is not of the form "<key> <op> <value>"`);
  return { key: m[1], op: m[2] as Op, value: m[3].replace(/^["'](.*)["']$/, '$1') };
}

/** Whether a rule's test holds for these values; undefined when its key was not measured. */
export function testHolds(test: string, values: Values): boolean | undefined {
  const { key, op, value } = parseTest(test);
  if (!(key in values)) return undefined;
  const actual = values[key];
  const numeric = typeof actual === 'number' && value.trim() !== '' && !Number.isNaN(Number(value));
  const a: number | string = numeric ? (actual as number) : String(actual);
  const b: number | string = numeric ? Number(value) : value;
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

/** Fills {key} placeholders; a key nobody measured shows as {key: not measured}. */
export function fill(template: string, values: Values): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{([\w.\-]+)\}/g, (_, key: string) => {
    if (key in values) return String(values[key]);
    missing.push(key);
    return `{${key}: not measured}`;
  });
  return { text: text.replace(/\s+/g, ' ').trim(), missing };
}

/** The verdict and sentence for this host: the first `when` rule that holds, else the entry's own. */
export function decide(entry: LedgerEntry, values: Values): { verdict: Verdict; observed: string; missing: string[] } {
  const rule = (entry.when ?? []).find((r) => testHolds(r.if, values) === true);
  const { text, missing } = fill(rule?.observed ?? entry.observed, values);
  return { verdict: rule?.verdict ?? entry.verdict, observed: text, missing };
}
