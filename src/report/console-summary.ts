import type { RunSummary } from '../contracts/summary-types.ts';
import { formatDuration } from '../contracts/duration.ts';
import { formatPercent, formatValue } from '../thresholds/format-value.ts';
import { criterionRow } from './criteria.ts';
import { formatFailureCauses } from '../results/failure-causes.ts';

const fmt = (v: number, digits = 2) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));

function value(v: number | null, unit: string): string {
  return v === null ? 'no data' : formatValue(v, unit);
}

/** The end-of-test summary for the terminal: verdict, each criterion PASS/FAIL, key metrics, endpoints. */
export function formatConsoleSummary(s: RunSummary, outDir: string): string {
  const m = s.loadcert;
  const lines: string[] = [];
  lines.push('');
  lines.push(`  loadcert ${m.version} - ${m.scenario} against ${m.baseUrl}`);
  lines.push(`  ${m.status === 'completed' ? 'completed' : m.status.toUpperCase()} in ${formatDuration(m.durationMs)}${m.abortReason ? ` (${m.abortReason})` : ''}`);
  lines.push('');
  const rows = s.thresholds.map((t) => ({ t, row: criterionRow(t) }));
  const applicable = rows.filter((x) => x.row.result !== 'not applicable');
  const notApplicable = rows.filter((x) => x.row.result === 'not applicable');
  if (applicable.length) {
    lines.push('  Criteria');
    for (const { t, row } of applicable) {
      const mark = row.result === 'pass' ? 'PASS' : row.result === 'fail' ? 'FAIL' : 'NOT MEASURED';
      const why = row.result === 'not measured' ? ' - the metric received no data: the run cannot be certified' : '';
      lines.push(`   ${mark}  ${t.label}: ${t.measuredText ?? value(t.observed, t.unit)} (target ${t.aggregation} ${t.operator} ${formatValue(t.target, t.unit)})  [${t.metric}: ${t.expression}]${why}`);
    }
    lines.push('');
  }
  if (notApplicable.length) {
    lines.push('  Not applicable (source not declared by the scenario; not counted as met)');
    for (const { t, row } of notApplicable) lines.push(`   N/A   ${t.label}  [${t.metric}: ${t.expression}] - ${row.reason.replace(/^not applicable: /, '')}`);
    lines.push('');
  }
  const failures = m.measurementFailures ?? [];
  if (failures.length) {
    lines.push('  Measurement failures');
    for (const f of failures) lines.push(`   FAIL  ${f.source}: ${f.cause}`);
    lines.push('');
  }
  const dur = s.metrics['http_req_duration']?.values;
  const reqs = s.metrics['http_reqs']?.values;
  const failed = s.metrics['http_req_failed']?.values;
  if (reqs && dur) {
    lines.push(`  HTTP  ${reqs.count} requests, ${fmt(reqs.rate, 1)}/s, failed ${formatPercent(failed?.rate ?? 0)}`);
    lines.push(`        duration avg ${fmt(dur.avg)} ms  p(90) ${fmt(dur['p(90)'])}  p(95) ${fmt(dur['p(95)'])}  p(99) ${fmt(dur['p(99)'])}  max ${fmt(dur.max)} ms`);
    const dropped = s.metrics['dropped_iterations']?.values.count;
    if (dropped) lines.push(`        dropped iterations ${dropped} (no free VU: raise maxVUs)`);
  }
  if (m.endpoints.length) {
    lines.push('');
    lines.push('  Endpoints                            requests   failed      p50      p95      p99 (ms)');
    for (const e of m.endpoints.slice(0, 20)) {
      lines.push(`   ${`${e.scenario}/${e.name}`.slice(0, 34).padEnd(34)} ${String(e.requests).padStart(9)} ${(e.failedRate * 100).toFixed(2).padStart(7)}% ${fmt(e.p50).padStart(8)} ${fmt(e.p95).padStart(8)} ${fmt(e.p99).padStart(8)}`);
      const causes = formatFailureCauses(e.failures);
      if (causes) lines.push(`     failed: ${causes}`);
    }
    if (m.endpoints.length > 20) lines.push(`   and ${m.endpoints.length - 20} more endpoints (summary.json has them all)`);
  }
  for (const p of m.preflight.filter((r) => !r.ok)) lines.push(`  preflight FAILED ${p.url}: ${p.diagnosis ?? p.error ?? p.status}`);
  for (const w of m.warnings) lines.push(`  warning: ${w}`);
  lines.push('');
  lines.push(`  Verdict: ${m.verdict} (exit ${m.exitCode})`);
  if (m.verdictReason) lines.push(`  ${m.verdictReason}`);
  lines.push(`  Results: ${outDir}`);
  lines.push('');
  return lines.join('\n');
}
