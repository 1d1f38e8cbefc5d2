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

/**
 * The columns of the notes' comparison tables (note 002: 无连接 / 可靠 / 流控制 / 优先级, and the list
 * "各种通信方式的比较和优缺点"), each with the one definition every row of that column is judged by.
 * docs/comparison-table.md quotes them and lists every row's verdict.
 */
export const COLUMNS = {
  connectionless:
    'connectionless (无连接): a process can hand data or an operation to the mechanism with one call that names the ' +
    'object, with no earlier call that ties this process to that channel or to a peer (creating a pair, open(), ' +
    'connect(), shmat()); "N" means such a call is needed first',
  reliable:
    'reliable (可靠): whatever a send, store or operation hands over successfully reaches the other side whole, ' +
    'once and in order, for as long as the object exists; a full mechanism refuses or makes the sender wait, ' +
    'never drops or overwrites unread data',
  'flow-control':
    'flow control (流控制): a sender can get only a bounded amount ahead of a receiver that does not take ' +
    'anything; past that bound the mechanism makes the sender wait or refuses it (EAGAIN, ERANGE), never accepts more',
  priority:
    'priority (优先级): each item carries a type or priority chosen by its sender, and a receiver can take ' +
    'items out of send order by it',
  speed:
    'speed (速度): ratios measured by `npm run bench` in one run, with both processes on one CPU (the same ' +
    'placement for every mechanism): streaming at 1 MiB against the other mechanisms at any size, and 1-byte ' +
    'round trips against the quickest blocking mechanism; thresholds in kit/bench-stats.ts THRESHOLDS',
  capacity:
    'capacity (容量): how many bytes a new object takes before a non-blocking send is refused, which limit ' +
    'decides it (a sysctl, F_SETPIPE_SZ, the size given at creation) and who may change it',
  kinship:
    'kinship (亲缘关系): whether two unrelated processes (neither the other\'s ancestor, each in its own session) ' +
    'can use one object of the mechanism',
  'sync-only':
    'what it carries (只能用来同步 / 复杂消息): the data another process can read from it, beyond the fact that ' +
    'an operation happened',
} as const;
export type Column = keyof typeof COLUMNS;

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
  /** the column of a comparison table this claim is a cell of (see COLUMNS) */
  column?: Column;
  /** the table cell's value in the note (Y/N), for the table's columns */
  cell?: 'Y' | 'N';
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
  if (entry.column !== undefined && !(entry.column in COLUMNS)) {
    problems.push(`${where}: column "${entry.column}" is not one of ${Object.keys(COLUMNS).join(', ')}`);
  }
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

// ---- sentences that hedge -------------------------------------------------------

/**
 * Words by which a sentence corrects or qualifies the note ("the order is not fixed", "the note's
 * judgement", "true of ... not of", "except"). A `holds` verdict whose sentence uses one contradicts
 * itself, unless the ledger test's allow-list says why the word does not hedge there.
 */
const HEDGES: RegExp[] = [
  /\bdiffers?\b/i, /\bnot fixed\b/i, /\bjudgement\b/i, /\bopinion\b/i, /\bnot (?:measured|checked|observable|asserted)\b/i,
  /\bonly if\b/i, /\bexcept(?:ion)?\b/i, /\bthough\b/i, /\bbut\b/i, /\bunlike\b/i, /\bneed not\b/i,
  /\bnot required\b/i, /\btrue of\b/i, /(?:^|[.;,] )read as\b/i, /\bnot the only\b/i, /\bnot all\b/i,
  /\bin that sense\b/i, /\bmarginally\b/i, /\broughly\b/i, /\bnot those\b/i, /\brather than\b/i,
  /\bdepends?\b/i, /\bcan still\b/i, /\bvar(?:y|ies)\b/i, /\bis really\b/i, /\bnot a constant\b/i,
  /\bthe other way\b/i, /\bonly by\b/i, /(?:^|[.;] )not\b/i,
];

/** The hedging words a sentence uses, lower-cased and in order of the list. */
export function hedges(sentence: string): string[] {
  const text = sentence.replace(/\s+/g, ' ').trim();
  return HEDGES.map((re) => re.exec(text)?.[0].replace(/^[.;,]?\s*/, '').toLowerCase()).filter((w): w is string => !!w);
}

/** Every `holds` sentence of an entry (its own and its rules'), with where it is. */
export function holdsSentences(entry: LedgerEntry): { where: string; observed: string }[] {
  const out: { where: string; observed: string }[] = [];
  if (entry.verdict === 'holds') out.push({ where: entry.id, observed: entry.observed });
  for (const r of entry.when ?? []) if (r.verdict === 'holds') out.push({ where: `${entry.id} when ${r.if}`, observed: r.observed });
  return out;
}
