/**
 * reports/claims.html: the living document of the notes as one self-contained
 * page (no script, no external file): note by note, section by section, each
 * claim with the note's words, the verdict on this host, the evidence, and
 * where its scenarios are written.
 */
import { ClaimRecord, EXPECTED_LABEL, ReportContext, STATUS_LABEL, VERDICT_LEGEND } from './claim-record';
import type { Values } from './ledger';

const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem} h2{border-bottom:2px solid #ddd;margin-top:2.5rem} h3{font-size:1rem;color:#555;margin:1.5rem 0 .5rem}
.claim{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;padding:.6rem 1rem;margin:.6rem 0}
.claim.holds{border-left-color:#2e7d32}.claim.corrected{border-left-color:#c62828}.claim.depends{border-left-color:#ef6c00}.claim.not-testable{border-left-color:#757575}.claim.unchecked{border-left-color:#bdbdbd;border-left-style:dashed}
.badge{display:inline-block;padding:0 .5rem;border-radius:3px;font-size:.8rem;font-weight:600;color:#fff;background:#999;margin-left:.4rem}
.badge.holds{background:#2e7d32}.badge.corrected{background:#c62828}.badge.depends{background:#ef6c00}.badge.unchecked{background:#616161}
.badge.failed{background:#b71c1c}.badge.skipped,.badge.no-scenario{background:#9e9e9e}.badge.passed{background:#1565c0}.badge.waived{background:#6a1b9a}
blockquote{margin:.3rem 0;color:#444;font-style:italic} .ev{font:12px monospace;color:#555} .loc{font-size:.85rem;color:#666} .expected{color:#666}
table{border-collapse:collapse} td{padding:.1rem .6rem;border-bottom:1px solid #eee}`;

function claimCard(r: ClaimRecord): string {
  const evidence = Object.entries(r.evidence).map(([k, v]) => `${esc(k)} = ${esc(v)}`).join(' · ');
  return `<div class="claim ${esc(r.verdict)}" id="${esc(r.id)}">
<b>${esc(r.id)}</b><span class="badge ${esc(r.verdict)}">${esc(r.verdict)}</span><span class="badge ${esc(r.status)}">${esc(STATUS_LABEL[r.status])}</span>
<blockquote>${esc(r.quote)}</blockquote>
<div><b>Claim:</b> ${esc(r.claim)}</div>
<div><b>On this host:</b> ${esc(r.observed)}</div>
${r.expected !== undefined ? `<div class="expected"><b>${esc(EXPECTED_LABEL)}:</b> ${esc(r.expectedVerdict)} — ${esc(r.expected)}</div>` : ''}
${r.reason ? `<div><b>${r.status === 'passed' ? 'Reason' : 'Why'}:</b> ${esc(r.reason)}</div>` : ''}
${evidence ? `<div class="ev">${evidence}</div>` : ''}
${r.scenarios.length ? `<div class="loc">${r.scenarios.map((s, i) => `${esc(s)} <code>${esc(r.locations[i] ?? '')}</code>`).join('<br>')}</div>` : ''}
</div>`;
}

export function renderClaimsHtml(records: ClaimRecord[], platform: Values, context: ReportContext = {}): string {
  const count = (key: 'verdict' | 'status') =>
    Object.entries(records.reduce<Record<string, number>>((a, r) => ({ ...a, [r[key]]: (a[r[key]] ?? 0) + 1 }), {}))
      .map(([k, n]) => `<span class="badge ${esc(k)}">${n} ${esc(k)}</span>`).join(' ');
  const body: string[] = [];
  for (const note of [...new Set(records.map((r) => r.notes[0]))].sort()) {
    const ofNote = records.filter((r) => r.notes[0] === note);
    body.push(`<h2 id="note-${esc(note)}">Note ${esc(note)}</h2>`);
    for (const section of [...new Set(ofNote.map((r) => r.section))]) {
      body.push(`<h3>§ ${esc(section)}</h3>`, ...ofNote.filter((r) => r.section === section).map(claimCard));
    }
  }
  const facts = Object.entries(platform).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Claims of the notes, as observed on this host</title>
<style>${STYLE}</style></head><body>
<h1>Claims of the notes, as observed on this host</h1>
<p>${records.length} claims. Verdicts: ${count('verdict')}</p><p>Scenarios: ${count('status')}</p>
<p class="legend">${Object.entries(VERDICT_LEGEND).map(([v, text]) => `<i>${esc(v)}</i>: ${esc(text)}`).join('; ')}.</p>
${context.bench ? `<p>Benchmark: ${esc(context.bench)}</p>` : ''}
<details><summary>This host</summary><table>${facts}</table></details>
${body.join('\n')}
</body></html>
`;
}
