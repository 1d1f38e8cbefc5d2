/**
 * cucumber's JUnit formatter writes a bare <skipped/>; CI dashboards show the
 * message attribute, so the kit writes each scenario's skip reason into it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ScenarioResult } from './run-results';

const xmlAttr = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function addSkipReasons(junitPath: string, results: ScenarioResult[]): void {
  let xml = readFileSync(junitPath, 'utf8');
  for (const r of results.filter((x) => x.status === 'skipped' && x.skipReason)) {
    const start = xml.indexOf(` name="${xmlAttr(r.name)}"`);
    if (start < 0) continue;
    const end = xml.indexOf('</testcase>', start);
    const block = xml.slice(start, end).replace('<skipped/>', `<skipped message="${xmlAttr(r.skipReason!)}"/>`);
    xml = xml.slice(0, start) + block + xml.slice(end);
  }
  writeFileSync(junitPath, xml);
}
