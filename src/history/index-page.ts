// The history index page: one self-contained HTML table of published runs, newest first, every field escaped.
import { escapeXml } from '../report/escape.ts';
import { formatDate, formatValue } from '../report/format.ts';
import type { HistoryEntry } from './history.ts';

const e = escapeXml;
const num = (v: number | null, unit: string) => (v === null ? 'no data' : formatValue(v, unit));

/** index.html for the entries (any order; shown newest first), linking each run's report.html. */
export function renderHistoryPage(entries: readonly HistoryEntry[]): string {
  const rows = [...entries].sort((a, b) => b.date.localeCompare(a.date)).map((r) => {
    const cls = r.verdict === 'CERTIFIED' ? 'pass' : 'fail';
    const href = `runs/${encodeURIComponent(r.id)}/report.html`;
    return `<tr class="${cls}"><td>${e(formatDate(r.date))}</td><td>${e(r.scenario)}</td><td><code>${e(r.commit ? r.commit.slice(0, 12) : 'unknown')}</code></td>`
      + `<td class="verdict">${e(r.verdict)}</td><td class="num">${e(num(r.p95Ms, 'ms'))}</td><td class="num">${e(num(r.p99Ms, 'ms'))}</td>`
      + `<td class="num">${e(num(r.errorRate, '%'))}</td><td class="num">${e(num(r.requestsPerSecond, '/s'))}</td>`
      + `<td><a href="${e(href)}">report</a></td></tr>`;
  });
  const certified = entries.filter((r) => r.verdict === 'CERTIFIED').length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>loadcert: certification history</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.pass td.verdict{color:#176b2c;font-weight:600}tr.fail td.verdict{color:#b00020;font-weight:600}
</style></head>
<body>
<h1>Certification history</h1>
<p>${entries.length} published run(s), ${certified} CERTIFIED. Newest first; each report is the run's own readiness certification report.
<code>loadcert compare --baseline-from</code> takes the last CERTIFIED run of this folder as the baseline.</p>
<table>
<thead><tr><th>Date</th><th>Scenario</th><th>Commit</th><th>Verdict</th><th class="num">p95</th><th class="num">p99</th><th class="num">Error rate</th><th class="num">Throughput</th><th>Report</th></tr></thead>
<tbody>
${rows.join('\n') || '<tr><td colspan="9">No run published yet.</td></tr>'}
</tbody>
</table>
</body></html>
`;
}
