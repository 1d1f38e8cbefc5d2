/**
 * cucumber's JUnit formatter writes a bare <skipped/>; CI dashboards show the
 * message attribute, so the kit writes each scenario's skip reason into it.
 *
 * A test case is found by its classname (the Feature's name) and name
 * (cucumber's long name: "<rule> - <scenario> - #1.2: <example>"), both
 * compared whole; test cases with the same pair are taken in the order the
 * formatter writes them (by file, then line).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioResult } from './run-results';

const xmlAttr = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const unAttr = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) =>
  dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16))
    : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'' } as Record<string, string>)[name.toLowerCase()] ?? m);

const key = (classname: string, name: string) => `${classname}\u0000${name}`;
const lineOf = (r: ScenarioResult) => Number(r.location.slice(r.location.lastIndexOf(':') + 1));

/** Writes the skip reasons; returns how many <skipped> elements are still without a message. */
export function addSkipReasons(junitPath: string, results: ScenarioResult[]): { annotated: number; missing: number } {
  const queues = new Map<string, string[]>();
  const ran = results.filter((r) => r.status !== 'not-run')
    .sort((a, b) => (a.uri !== b.uri ? a.uri.localeCompare(b.uri) : lineOf(a) - lineOf(b)));
  for (const r of ran) {
    const k = key(r.feature, r.fullName);
    queues.set(k, [...(queues.get(k) ?? []), r.skipReason ?? '']); // only skipped ones carry a reason (run-results.ts)
  }
  let annotated = 0;
  let missing = 0;
  const xml = readFileSync(junitPath, 'utf8').replace(/<testcase\b((?:[^>"]|"[^"]*")*?)(\/>|>([\s\S]*?)<\/testcase>)/g, (whole, attrs: string, _end, body?: string) => {
    const attr = (n: string) => unAttr(new RegExp(`\\s${n}="([^"]*)"`).exec(attrs)?.[1] ?? '');
    const reason = queues.get(key(attr('classname'), attr('name')))?.shift();
    if (!/<skipped\s*\/>/.test(String(body))) return whole; // a self-closing <testcase/> has no body: it passed
    if (!reason) {
      missing++;
      return whole;
    }
    annotated++;
    return whole.replace(/<skipped\s*\/>/, `<skipped message="${xmlAttr(reason)}"/>`);
  });
  writeFileSync(junitPath, xml);
  return { annotated, missing };
}
