/**
 * The error contract's inventory: features/errors/inventory/<area>.yaml, one
 * row per distinct condition of a manual page's ERRORS entry, and the errno
 * scenarios of features/errors/*.feature that check them.
 *
 *   bind:                       # the call, as its manual page names it
 *     man: bind(2)
 *     entries:
 *       - errno: EACCES
 *         condition: search permission is denied on a directory of the socket path
 *         reachable: unprivileged   # unprivileged | root | unprivileged-and-root | no
 *         reason: ...               # required when reachable is no
 *         linux: ...                # optional: where Linux departs from the page, what it does
 *         linux_errno: ENOTCONN     # optional: the errno Linux gives instead (the scenario asserts it)
 *         man: unix(7)              # optional: the page of this entry when it is not the call's own
 *
 * A scenario is named "<call>: <condition> fails with <errno>" (a Scenario
 * Outline over | condition | errno |), so its pickle names its inventory row
 * by (call, errno, condition), where errno is what Linux gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { parse } from 'yaml';
import { isErrnoName } from '../native/errno';
import { featuresDir, root } from './paths';

export const errorsDir = join(featuresDir, 'errors');
export const inventoryDir = join(errorsDir, 'inventory');

export type Reachable = 'unprivileged' | 'root' | 'unprivileged-and-root' | 'no';
const REACHABLE: Reachable[] = ['unprivileged', 'root', 'unprivileged-and-root', 'no'];

export interface InventoryRow {
  call: string;
  man: string;
  /** the inventory file's area: pipes-fifos, sockets, ... */
  area: string;
  errno: string;
  condition: string;
  reachable: Reachable;
  reason?: string;
  linux?: string;
  /** the errno Linux gives where it departs from the page; the scenario asserts it */
  linuxErrno?: string;
}

/** The errno a scenario of this row asserts: Linux's where it departs from the page. */
export const assertedErrno = (row: InventoryRow): string => row.linuxErrno ?? row.errno;

/** The name of the scenario (pickle) that checks a row. */
export const scenarioName = (call: string, condition: string, errno: string): string =>
  `${call}: ${condition} fails with ${errno}`;

export const rowKey = (row: InventoryRow): string => scenarioName(row.call, row.condition, assertedErrno(row));

function problem(file: string, where: string, message: string): never {
  throw new Error(`${relative(root, file)}: ${where}: ${message}`);
}

function readArea(file: string): InventoryRow[] {
  const area = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const doc = parse(readFileSync(file, 'utf8'));
  if (!doc || typeof doc !== 'object') problem(file, 'top level', 'expected a map of calls');
  const rows: InventoryRow[] = [];
  for (const [call, body] of Object.entries(doc as Record<string, any>)) {
    if (!/^[a-z_0-9]+$/.test(call)) problem(file, call, 'a call is a function name as in its manual page');
    if (typeof body?.man !== 'string' || !/^[a-z_0-9]+\(\d\)$/.test(body.man)) problem(file, call, 'needs man: like "bind(2)"');
    if (!Array.isArray(body.entries) || body.entries.length === 0) problem(file, call, 'needs a list of entries');
    for (const [i, e] of body.entries.entries()) {
      const at = `${call} entry ${i + 1}`;
      for (const key of Object.keys(e)) {
        if (!['errno', 'condition', 'reachable', 'reason', 'linux', 'linux_errno', 'man'].includes(key)) problem(file, at, `unknown field ${key}`);
      }
      if (e.man !== undefined && !/^[a-z_0-9]+\(\d\)$/.test(String(e.man))) problem(file, at, 'an entry\'s own man: is like "unix(7)"');
      if (typeof e.errno !== 'string' || !isErrnoName(e.errno)) problem(file, at, `errno ${e.errno} is not an errno name`);
      if (e.linux_errno !== undefined && !isErrnoName(String(e.linux_errno))) problem(file, at, `linux_errno ${e.linux_errno} is not an errno name`);
      if (e.linux_errno !== undefined && !e.linux) problem(file, at, 'linux_errno needs a linux: sentence saying what Linux does');
      if (typeof e.condition !== 'string' || !e.condition.trim() || /[<>|]/.test(e.condition)) problem(file, at, 'needs a condition (no <, > or |)');
      if (!REACHABLE.includes(e.reachable)) problem(file, at, `reachable must be one of ${REACHABLE.join(', ')}`);
      if (e.reachable === 'no' && !(typeof e.reason === 'string' && e.reason.trim())) problem(file, at, 'reachable: no needs a reason');
      rows.push({
        call, man: e.man ?? body.man, area, errno: e.errno, condition: e.condition.trim(), reachable: e.reachable,
        ...(e.reason ? { reason: String(e.reason) } : {}), ...(e.linux ? { linux: String(e.linux) } : {}),
        ...(e.linux_errno ? { linuxErrno: String(e.linux_errno) } : {}),
      });
    }
  }
  return rows;
}

/** Every row of every inventory file; a malformed or duplicated row is an error naming its file. */
export function loadInventory(dir = inventoryDir): InventoryRow[] {
  const rows = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().flatMap((f) => readArea(join(dir, f)));
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.call} ${row.errno} ${row.condition}`;
    if (seen.has(key)) throw new Error(`inventory: ${row.call} lists "${row.condition}" with ${row.errno} twice`);
    seen.add(key);
  }
  return rows;
}

export interface ErrnoScenario { name: string; call: string; errno: string; condition: string; location: string; tags: string[] }

/**
 * The errno scenarios the feature files define (pickles compiled with
 * @cucumber/gherkin, one per Examples row), with where each row is written.
 */
export function errnoScenarios(dir = errorsDir): ErrnoScenario[] {
  const out: ErrnoScenario[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.feature')).sort()) {
    const uri = relative(root, join(dir, file));
    const newId = IdGenerator.incrementing();
    const doc = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(join(dir, file), 'utf8'));
    const lines = new Map<string, number>();
    const collect = (node: any): void => {
      if (!node || typeof node !== 'object') return;
      if (typeof node.id === 'string' && node.location?.line) lines.set(node.id, node.location.line);
      for (const value of Object.values(node)) collect(value);
    };
    collect(doc.feature);
    for (const pickle of compile({ ...doc, uri }, uri, newId)) {
      const tags = pickle.tags.map((t) => t.name);
      if (!tags.includes('@errno')) continue;
      const m = /^([a-z_0-9]+): (.+) fails with ([A-Z0-9]+)$/.exec(pickle.name);
      if (!m) throw new Error(`${uri}: the errno scenario "${pickle.name}" is not named "<call>: <condition> fails with <errno>"`);
      const line = [...pickle.astNodeIds].reverse().map((id) => lines.get(id)).find((l) => l !== undefined);
      out.push({ name: pickle.name, call: m[1], condition: m[2], errno: m[3], location: `${uri}:${line ?? 1}`, tags });
    }
  }
  return out;
}
