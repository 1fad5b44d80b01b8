// Assembles everything report.hbs shows from a run summary, its time series and an optional comparison.
import type { RunSummary } from '../contracts/summary-types.ts';
import type { ChartModel } from './chart-model.ts';
import type { Comparison } from './compare.ts';
import type { TimeseriesRead } from './timeseries-reader.ts';
import { buildCharts, chartPanels } from './charts.ts';
import { evaluateAlerts, alertRuleTexts } from './alerts.ts';
import { criterionRows, type CriterionRow } from './criteria.ts';
import { alertRows, endpointRows, preflightRows, realtimeRows, type AlertRow, type EndpointRow, type PreflightRow, type RealtimeRow } from './tables.ts';
import { formatDate, formatClock } from './format.ts';
import { formatDuration } from '../contracts/duration.ts';
import { buildCapacityView, type CapacityView } from './capacity-view.ts';
import { buildResilienceView, type ResilienceView } from './resilience-view.ts';

/** The report's view model: plain data and plain text only (the templates escape every string). */
export interface ReportView {
  verdict: string;
  verdictClass: 'certified' | 'not-certified' | 'incomplete' | 'no-criteria';
  verdictReason: string;
  scenario: string;
  facts: Array<{ label: string; value: string }>;
  notices: string[];
  /** Applicable criteria (met, failed, not measured). */
  criteria: CriterionRow[];
  /** Criteria on a source the scenario does not declare: listed apart, never counted as met. */
  notApplicable: CriterionRow[];
  criteriaSummary: string;
  /** Evidence that could not be gathered, one sentence each (`source: cause`). */
  measurementFailures: string[];
  charts: ChartModel[];
  /** The charts under the sprint dashboard's six panels, in order (see DASHBOARD_PANELS). */
  panels: Array<{ title: string; id: string; charts: ChartModel[] }>;
  endpoints: EndpointRow[];
  realtime: RealtimeRow[];
  preflight: PreflightRow[];
  alerts: AlertRow[];
  alertsChecked: boolean;
  /** The alert rules checked (from the thresholds file), in words. */
  alertRules: string[];
  warnings: string[];
  comparison?: Comparison;
  /** The "Capacity and headroom" section of a `loadcert capacity` summary. */
  capacity?: CapacityView;
  /** The "Resilience" section of a run with faults. */
  resilience?: ResilienceView;
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

/** The verdict's reason as decided by src/verdict (stored in the summary); a generic line for summaries that lack it. */
function verdictReason(s: RunSummary): string {
  const m = s.loadcert;
  return m.verdictReason ?? `${m.verdict} (run status ${m.status}${m.abortReason ? `: ${m.abortReason}` : ''}).`;
}

/** Builds the view model; `t0` of charts is the run's start time (or the first stored second). */
export function buildReportView(summary: RunSummary, ts: TimeseriesRead, comparison?: Comparison, now = new Date()): ReportView {
  const m = summary.loadcert;
  const c = ts.collector;
  const started = Date.parse(m.startTime);
  const t0 = Number.isFinite(started) ? started : Number.isFinite(c.first) ? c.first : 0;
  const rows = criterionRows(summary.thresholds ?? []);
  const criteria = rows.filter((r) => r.result !== 'not applicable');
  const notApplicable = rows.filter((r) => r.result === 'not applicable');
  const passed = criteria.filter((r) => r.ok).length;
  const unmeasured = criteria.filter((r) => r.result === 'not measured').length;
  const verdictClass = m.verdict === 'CERTIFIED' ? 'certified' : m.verdict === 'NOT CERTIFIED' ? 'not-certified' : m.verdict === 'NO CRITERIA' ? 'no-criteria' : 'incomplete';
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
  const charts = alertsChecked || m.latencySpectrum?.length ? buildCharts(summary, c, t0) : [];
  return {
    verdict: m.verdict, verdictClass, verdictReason: verdictReason(summary), scenario: m.scenario,
    facts, notices, criteria, notApplicable,
    criteriaSummary: criteria.length
      ? `${passed} of ${criteria.length} applicable ${criteria.length === 1 ? 'criterion' : 'criteria'} met${unmeasured ? `, ${unmeasured} not measured` : ''}${notApplicable.length ? `, ${notApplicable.length} not applicable` : ''}`
      : notApplicable.length ? `no applicable criteria (${notApplicable.length} not applicable)` : 'no criteria defined',
    measurementFailures: (m.measurementFailures ?? []).map((f) => `${f.source}: ${f.cause}`),
    charts, panels: chartPanels(charts),
    endpoints: endpointRows(summary), realtime: realtimeRows(summary), preflight: preflightRows(summary),
    alerts: alertsChecked ? alertRows(evaluateAlerts(ts.alerts), t0) : [], alertsChecked, alertRules: alertRuleTexts(m.alertRules ?? []),
    warnings: m.warnings ?? [], comparison, capacity: summary.capacity ? buildCapacityView(summary.capacity) : undefined,
    resilience: buildResilienceView(summary, alertsChecked ? c : undefined, t0), generatedAt: formatDate(now.toISOString()),
  };
}
