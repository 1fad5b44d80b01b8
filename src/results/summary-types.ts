// The shape of summary.json: k6's end-of-test summary (`metrics`) plus loadcert's run metadata and verdict.
import type { MetricType, SeriesValues, ValueKind } from '../metrics/types.ts';

/** How a run ended. `aborted` = stopped from outside; `threshold-aborted` = an abortOnFail threshold stopped it. */
export type RunStatus = 'completed' | 'aborted' | 'threshold-aborted' | 'preflight-failed' | 'failed';

/** One metric (or sub-metric `name{tag:value}`) in k6's summary shape. */
export interface SummaryMetric {
  type: MetricType;
  contains: ValueKind;
  values: SeriesValues;
  /** Threshold expression to its outcome, as in k6. */
  thresholds?: Record<string, { ok: boolean }>;
}

/** The outcome of one threshold expression, in the order of the thresholds file. */
export interface ThresholdResult {
  /** Metric key as written in the file, possibly with a selector: `http_req_duration{name:list}`. */
  metric: string;
  /** Expression as written, e.g. `p(95)<2000`. */
  expression: string;
  /** Plain-language name for reports, e.g. "API response time, 95th percentile". */
  label: string;
  /** Aggregation, operator and target parsed from the expression. */
  aggregation: string;
  operator: string;
  target: number;
  /** Value measured; null when the metric got no data. */
  observed: number | null;
  ok: boolean;
  /** True when the metric received no data (which fails the threshold unless it is `skipped`). */
  noData: boolean;
  /** True when the metric got no data and the threshold has `requireData: false`: not measured, not failed. */
  skipped?: boolean;
  abortOnFail: boolean;
  /** True when this threshold stopped the run early. */
  aborted: boolean;
  /** Where it was defined: the thresholds file path or `scenario`. */
  source: string;
  /** Unit for display: 'ms', 'bytes', '%', '' ... */
  unit: string;
}

/** One preflight probe of a health endpoint. */
export interface PreflightResult {
  url: string;
  ok: boolean;
  status: number | null;
  durationMs: number;
  error?: string;
  /** Human diagnosis when not ok, e.g. the health endpoint requires authentication. */
  diagnosis?: string;
}

/** Per-endpoint (HTTP `name` tag) figures for report tables. */
export interface EndpointSummary {
  scenario: string;
  name: string;
  method: string;
  requests: number;
  failedRate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What each workload was asked to do (for report headers and achieved-vs-target charts). */
export interface WorkloadInfo {
  name: string;
  executor: string;
  kind: string;
  /** Target iteration rate per second over time for arrival-rate executors: [elapsed seconds, rate] corners. */
  targetRate?: Array<[number, number]>;
  /** Target VUs / connections over time: [elapsed seconds, count] corners. */
  targetVUs?: Array<[number, number]>;
  /** Offset of the workload's start from the run's start, seconds. */
  startTime: number;
  /** Planned duration, seconds (without gracefulStop). */
  duration: number;
}

/** Run metadata and verdict, under the `loadcert` key of summary.json. */
export interface RunMeta {
  version: string;
  scenario: string;
  scenarioFile: string;
  description?: string;
  baseUrl: string;
  startTime: string;
  endTime: string;
  durationMs: number;
  status: RunStatus;
  abortReason?: string;
  exitCode: number;
  /** CERTIFIED when every threshold passed on a completed run; INCOMPLETE when aborted or preflight failed. */
  verdict: 'CERTIFIED' | 'NOT CERTIFIED' | 'INCOMPLETE';
  gitCommit?: string;
  thresholdsFile?: string;
  preflight: PreflightResult[];
  warnings: string[];
  workloads: WorkloadInfo[];
  endpoints: EndpointSummary[];
  /** Latency distribution of http_req_duration: [percentile, ms] pairs. */
  latencySpectrum: Array<[number, number]>;
  /** Compressed base64 HDR histograms of whole-run trends by series key, so runs can be merged or compared exactly. */
  histograms: Record<string, string>;
}

/** summary.json: k6's `metrics` map plus `loadcert` metadata and ordered `thresholds`. */
export interface RunSummary {
  loadcert: RunMeta;
  thresholds: ThresholdResult[];
  metrics: Record<string, SummaryMetric>;
}
