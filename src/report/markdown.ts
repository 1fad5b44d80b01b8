// summary.md: a compact markdown verdict and criteria table for CI job summaries.
import type { RunSummary } from '../contracts/summary-types.ts';
import type { ReportView } from './view-model.ts';
import { escapeMarkdown as e } from './escape.ts';
import { formatDate, formatNumber, formatPercent } from './format.ts';
import { formatDuration } from '../contracts/duration.ts';

/** Endpoints with failures that summary.md lists; report.html lists every one. */
const MAX_FAILING = 10;

const ICON: Record<string, string> = { CERTIFIED: '✅', 'NOT CERTIFIED': '❌', INCOMPLETE: '⚠️', 'NO CRITERIA': '➖' };

function keyFigures(s: RunSummary): string {
  const d = s.metrics?.http_req_duration?.values;
  const parts: string[] = [];
  const ms = (v: number | undefined) => (typeof v === 'number' ? `${formatNumber(v)} ms` : 'n/a');
  if (d) parts.push(`p50 ${ms(d.med)}`, `p95 ${ms(d['p(95)'])}`, `p99 ${ms(d['p(99)'])}`);
  const f = s.metrics?.http_req_failed?.values?.rate;
  if (typeof f === 'number') parts.push(`error rate ${formatPercent(f)}`);
  const r = s.metrics?.http_reqs?.values?.rate;
  if (typeof r === 'number') parts.push(`throughput ${formatNumber(r)} req/s`);
  return parts.join(' · ');
}

/** The markdown summary of a run, built from the same view model as the HTML report. */
export function renderMarkdown(summary: RunSummary, view: ReportView): string {
  const m = summary.loadcert;
  const lines: string[] = [
    `### ${ICON[m.verdict] ?? ''} ${e(m.verdict)}: ${e(m.scenario)}`,
    '',
    e(view.verdictReason),
    '',
    `**Target** ${e(m.baseUrl)} · **Date** ${e(formatDate(m.startTime))} · **Duration** ${e(formatDuration(m.durationMs))} · **loadcert** ${e(m.version)}${m.gitCommit ? ` · **commit** ${e(m.gitCommit)}` : ''}`,
    '',
  ];
  for (const n of view.notices) lines.push(`> ${e(n)}`, '');
  if (view.criteria.length) {
    lines.push('| Criterion | Target | Measured | Margin | Result |', '|---|---:|---:|---:|---|');
    for (const r of view.criteria)
      lines.push(`| ${e(r.label)} | ${e(r.target)} | ${e(r.measured)} | ${e(r.margin)} | ${r.result === 'not measured' ? '⚠️ not measured' : r.ok ? '✅ pass' : `❌ ${r.result}`} |`);
    lines.push('');
  }
  if (view.measurementFailures.length) {
    lines.push('**Measurement failures:**');
    for (const f of view.measurementFailures) lines.push(`- ${e(f)}`);
    lines.push('');
  }
  if (view.notApplicable.length) {
    lines.push('**Not applicable** (source not declared by the scenario; not counted as met):');
    for (const r of view.notApplicable) lines.push(`- ${e(r.label)} (${e(`${r.metric} ${r.expression}`)})`);
    lines.push('');
  }
  const figures = keyFigures(summary);
  if (figures) lines.push(`**Key figures:** ${e(figures)}`, '');
  const failing = view.endpoints.filter((r) => r.causes);
  if (failing.length) {
    lines.push('**Failed requests by endpoint** (top causes with counts):');
    for (const r of failing.slice(0, MAX_FAILING)) lines.push(`- ${e(`${r.scenario}/${r.name} ${r.method}`)}: ${e(r.errorRate)} failed: ${e(r.causes)}`);
    if (failing.length > MAX_FAILING) lines.push(`- and ${failing.length - MAX_FAILING} more endpoints (report.html has them all)`);
    lines.push('');
  }
  if (view.capacity) {
    lines.push('**Capacity and headroom:**');
    for (const f of view.capacity.facts) lines.push(`- ${e(f.label)}: ${e(f.value)}`);
    if (view.capacity.generatorLimit) lines.push(`- ${e(view.capacity.generatorLimit)}`);
    lines.push('');
  }
  if (view.resilience) {
    lines.push('**Resilience:**', '', '| Fault | Action | Target | Window | Errors | p95 | Detection | Recovery | Alerts fired |', '|---|---|---|---|---:|---:|---:|---|---|');
    for (const r of view.resilience.rows)
      lines.push(`| ${e(r.name)} | ${e(r.action)} | ${e(r.target)} | ${e(r.applied ? r.window : r.status)} | ${e(r.errors)} | ${e(r.p95)} | ${e(r.detection)} | ${r.recovered ? '✅' : '❌'} ${e(r.recovery)} | ${e(r.alerts)} |`);
    for (const r of view.resilience.rows) if (r.cleanup) lines.push(`> ${e(`fault ${r.name}: ${r.cleanup}`)}`);
    if (view.resilience.silentAlerts) lines.push('', `> ${e(view.resilience.silentAlerts)}`);
    lines.push('');
  }
  if (view.alertsChecked) {
    const crit = view.alerts.filter((a) => a.critical).length;
    const warn = view.alerts.length - crit;
    lines.push(view.alerts.length ? `**Alerts:** ${crit} critical, ${warn} warning (details in report.html)` : '**Alerts:** none raised', '');
  }
  if (view.comparison) {
    const c = view.comparison;
    lines.push(c.ok ? `**Compared with baseline:** no regression beyond ${c.maxRegressionPct} % at ${c.confidencePct} % confidence`
      : c.regressions ? `**Compared with baseline:** ${c.regressions} regression(s) beyond ${c.maxRegressionPct} % at ${c.confidencePct} % confidence`
        : `**Compared with baseline:** cannot tell: ${c.cannotTell} row(s) cannot show whether the run is more than ${c.maxRegressionPct} % worse at ${c.confidencePct} % confidence (run longer, or widen the limit)`, '');
  }
  if (view.warnings.length) {
    lines.push('**Generator warnings:**');
    for (const w of view.warnings) lines.push(`- ${e(w)}`);
    lines.push('');
  }
  return lines.join('\n');
}
