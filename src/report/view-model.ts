// Assembles everything report.hbs shows from a run summary, its time series and an optional comparison.
import type { RunSummary } from '../results/summary-types.ts';
import type { ChartModel } from './chart-model.ts';
import type { Comparison } from './compare.ts';
import type { TimeseriesRead } from './timeseries-reader.ts';
import { buildCharts } from './charts.ts';
import { evaluateAlerts } from './alerts.ts';
import { criterionRows, type CriterionRow } from './criteria.ts';
import { alertRows, endpointRows, preflightRows, realtimeRows, type AlertRow, type EndpointRow, type PreflightRow, type RealtimeRow } from './tables.ts';
import { formatDate, formatDuration, formatClock } from './format.ts';

/** The report's view model: plain data and plain text only (the templates escape every string). */
export interface ReportView {
  verdict: string;
  verdictClass: 'certified' | 'not-certified' | 'incomplete';
  verdictReason: string;
  scenario: string;
  facts: Array<{ label: string; value: string }>;
  notices: string[];
  criteria: CriterionRow[];
  criteriaSummary: string;
  charts: ChartModel[];
  endpoints: EndpointRow[];
  realtime: RealtimeRow[];
  preflight: PreflightRow[];
  alerts: AlertRow[];
  alertsChecked: boolean;
  warnings: string[];
  comparison?: Comparison;
  generatedAt: string;
}

/** Seconds the stored series may end before the run's end before the report says the data ends early. */
const EARLY_END_TOLERANCE_MS = 5000;

/** Notices about gaps in the stored time series (missing file, truncated line, early end). */
function dataNotices(summary: RunSummary, ts: TimeseriesRead, t0: number): string[] {
  const out: string[] = [];
  const c = ts.collector;
  if (!ts.present) return ['No time series was stored (timeseries.ndjson is missing), so charts over time and alerts are left out.'];
  if (!c.points) return ['The time series file is empty, so charts over time and alerts are left out.'];
  const lastText = `+${formatClock((c.last - t0) / 1000)}`;
  if (ts.truncated) out.push(`The time series data ends early: the last line of timeseries.ndjson was cut off. Charts and alerts cover the ${c.points} complete seconds up to ${lastText}.`);
  else {
    const end = Date.parse(summary.loadcert.endTime);
    if (Number.isFinite(end) && end - (c.last + 1000) > EARLY_END_TOLERANCE_MS)
      out.push(`The time series data ends early: the last stored second is at ${lastText}, ${formatDuration(end - (c.last + 1000))} before the run ended.`);
  }
  if (ts.badLines) out.push(`${ts.badLines} line${ts.badLines === 1 ? '' : 's'} of timeseries.ndjson could not be read and ${ts.badLines === 1 ? 'was' : 'were'} skipped.`);
  return out;
}

function verdictReason(s: RunSummary, rows: CriterionRow[]): string {
  const m = s.loadcert;
  const failed = rows.filter((r) => !r.ok);
  if (m.verdict === 'INCOMPLETE') {
    if (m.status === 'preflight-failed') return 'Preflight failed: the health endpoints did not answer as required, so no load was started.';
    return `The run did not complete (${m.status})${m.abortReason ? `: ${m.abortReason}` : ''}. A partial run cannot certify the release.`;
  }
  if (!rows.length) return m.verdict === 'CERTIFIED' ? 'The run completed; no criteria were defined.' : 'No criteria were defined.';
  const skipped = rows.filter((r) => r.result === 'not measured').length;
  const judged = rows.length - skipped;
  const notMeasured = skipped ? ` ${skipped} criteri${skipped === 1 ? 'on applies' : 'a apply'} only when measured and ${skipped === 1 ? 'was' : 'were'} not measured in this run.` : '';
  if (!failed.length) return (judged === 1 ? 'The one measured criterion was met on a completed run.' : `All ${judged} measured criteria were met on a completed run.`) + notMeasured;
  return `${failed.length} of ${rows.length} criteria failed: ${failed.map((r) => r.label).join('; ')}.`;
}

/** Builds the view model; `t0` of charts is the run's start time (or the first stored second). */
export function buildReportView(summary: RunSummary, ts: TimeseriesRead, comparison?: Comparison, now = new Date()): ReportView {
  const m = summary.loadcert;
  const c = ts.collector;
  const started = Date.parse(m.startTime);
  const t0 = Number.isFinite(started) ? started : Number.isFinite(c.first) ? c.first : 0;
  const criteria = criterionRows(summary.thresholds ?? []);
  const skipped = criteria.filter((r) => r.result === 'not measured').length;
  const passed = criteria.filter((r) => r.ok).length - skipped;
  const judged = criteria.length - skipped;
  const verdictClass = m.verdict === 'CERTIFIED' ? 'certified' : m.verdict === 'NOT CERTIFIED' ? 'not-certified' : 'incomplete';
  const facts = [
    { label: 'Scenario', value: m.scenario },
    ...(m.description ? [{ label: 'Description', value: m.description }] : []),
    { label: 'Target', value: m.baseUrl },
    { label: 'Date', value: formatDate(m.startTime) },
    { label: 'Duration', value: formatDuration(m.durationMs) },
    { label: 'Run status', value: m.status + (m.abortReason ? `: ${m.abortReason}` : '') },
    { label: 'loadcert version', value: m.version },
    { label: 'Git commit', value: m.gitCommit || 'not in a git repository' },
    ...(m.thresholdsFile ? [{ label: 'Criteria file', value: m.thresholdsFile }] : []),
  ];
  const notices = dataNotices(summary, ts, t0);
  const alertsChecked = ts.present && c.points > 0;
  return {
    verdict: m.verdict, verdictClass, verdictReason: verdictReason(summary, criteria), scenario: m.scenario,
    facts, notices, criteria,
    criteriaSummary: criteria.length ? `${passed} of ${judged} ${judged === 1 ? 'criterion' : 'criteria'} met${skipped ? `, ${skipped} not measured` : ''}` : 'no criteria defined',
    charts: alertsChecked || m.latencySpectrum?.length ? buildCharts(summary, c, t0) : [],
    endpoints: endpointRows(summary), realtime: realtimeRows(summary), preflight: preflightRows(summary),
    alerts: alertsChecked ? alertRows(evaluateAlerts(c), t0) : [], alertsChecked,
    warnings: m.warnings ?? [], comparison, generatedAt: formatDate(now.toISOString()),
  };
}
