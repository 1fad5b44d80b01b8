// The shape of summary.json: k6's end-of-test summary (`metrics`) plus loadcert's run metadata and verdict.
import type { MetricType, SeriesValues, ValueKind } from './metric-types.ts';

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

/** A criterion's standing: only 'met' and 'failed' were measured; 'not applicable' never counts as met. */
export type CriterionStatus = 'met' | 'failed' | 'not measured' | 'not applicable';

/** The verdict of a run (see src/verdict/decide.ts for when each is given). */
export type Verdict = 'CERTIFIED' | 'NOT CERTIFIED' | 'INCOMPLETE' | 'NO CRITERIA';

/** Evidence a declared source failed to gather: a sampler that could not start or lost its source, a poller that could not run, or a saturated generator. */
export interface MeasurementFailure {
  /** The source that failed, e.g. 'docker', 'process', 'health', 'generator'. */
  source: string;
  /** 'saturation' (the generator was the bottleneck) outranks a failed criterion; 'sampler' and 'poller' do not. */
  kind: 'sampler' | 'poller' | 'saturation' | 'fault';
  /** The cause in words, naming what failed. */
  cause: string;
  /** ISO time it was noticed. */
  at: string;
}

/** An alert rule from a thresholds file entry marked `alert`: fires while its expression does not hold for `windowS` seconds. */
export interface AlertRule {
  /** Metric key as written, e.g. `http_reqs{status:401}`. */
  metric: string;
  /** The metric's type: gauges are followed per tagged series (per container, disk, process). */
  type: MetricType;
  /** The healthy condition, e.g. `max<80`: the alert is raised while it does not hold. */
  expression: string;
  label: string;
  severity: 'critical' | 'warning';
  windowS: number;
  unit: string;
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
  /** True only when the criterion was measured and met (status 'met'). */
  ok: boolean;
  /** True when the metric received no data. */
  noData: boolean;
  /** What emits the metric (see MetricSource); the criterion applies only when the scenario declares it. */
  metricSource?: string;
  /** met / failed (measured), not measured (applicable, no data), not applicable (source not declared). */
  status?: CriterionStatus;
  abortOnFail: boolean;
  /** True when this threshold stopped the run early. */
  aborted: boolean;
  /** Where it was defined: the thresholds file path or `scenario`. */
  source: string;
  /** Unit for display: 'ms', 'bytes', '%', '' ... */
  unit: string;
  /** The measurement in words where a number says it badly (a fault's recovery: 'did not recover within 30 s'). */
  measuredText?: string;
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

/** One cause of an endpoint's failed requests and how many requests it failed. */
export interface FailureCause {
  /** The error code of a request without a response (`LC_HTTP_TIMEOUT`, `ECONNRESET` ...), or `status 503` for an unexpected status. */
  cause: string;
  count: number;
}

/** Per-endpoint (HTTP `name` tag) figures for report tables. */
export interface EndpointSummary {
  scenario: string;
  name: string;
  method: string;
  requests: number;
  failedRate: number;
  /** Causes of the failed requests, most frequent first (absent in summaries from before it was recorded; empty when none failed). */
  failures?: FailureCause[];
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
  /** Decided by src/verdict from the fields below; see README "Verdicts and exit codes". */
  verdict: Verdict;
  /** One sentence saying why this verdict. */
  verdictReason?: string;
  /** Metric sources the scenario declared (absent in summaries from before 0.x: every criterion then applies). */
  sources?: string[];
  /** Evidence that could not be gathered; any of them keeps the run from being CERTIFIED. */
  measurementFailures?: MeasurementFailure[];
  /** Workloads whose every iteration threw (a run with one cannot be CERTIFIED). */
  brokenWorkloads?: BrokenWorkload[];
  /** Alert rules of the thresholds file, evaluated by the report over timeseries.ndjson. */
  alertRules?: AlertRule[];
  /** Faults of the scenario's timeline and what they did (absent without faults). */
  resilience?: import('./fault-types.ts').ResilienceSummary;
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
  /** Set when the run was one execution segment (or had a --start-at): what `loadcert merge` checks and reads. */
  segment?: SegmentMeta;
  /** Set on a merged run: the segment run folders it was merged from. */
  mergedFrom?: Array<{ dir: string; segment: string }>;
}

/** A segment run's identity, so `loadcert merge` can tell which runs belong together. */
export interface SegmentMeta {
  /** "from:to", e.g. "1/4:1/2". */
  segment: string;
  /** The whole sequence, e.g. "0,1/4,1/2,3/4,1". */
  sequence: string;
  /** The --start-at instant (epoch ms), if any. */
  startAt?: number;
  /** sha256 (hex) of the scenario file's content. */
  scenarioDigest: string;
  /** The per-second snapshot file in the run folder (segment-seconds.ndjson). */
  snapshot: string;
}

/** A check of k6's summary data: its name, path (`::group::name`), id (MD5 of the path) and counts. */
export interface K6Check {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

/** A group of k6's summary data (the root has name and path ''), with its nested groups and checks. */
export interface K6Group {
  name: string;
  path: string;
  id: string;
  groups: K6Group[];
  checks: K6Check[];
}

/** k6's `options` section of the summary data. */
export interface K6Options {
  summaryTrendStats: string[];
  summaryTimeUnit: string;
  noColor: boolean;
}

/** k6's `state` section of the summary data. */
export interface K6State {
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
  testRunDurationMs: number;
}

/** summary.json: k6's handleSummary data (`metrics`, `root_group`, `options`, `state`) plus `loadcert` metadata and ordered `thresholds`. */
export interface RunSummary {
  loadcert: RunMeta;
  thresholds: ThresholdResult[];
  metrics: Record<string, SummaryMetric>;
  /** k6's handleSummary sections (absent in summaries written before they existed). */
  root_group?: K6Group;
  options?: K6Options;
  state?: K6State;
  /** Present in the summary of `loadcert capacity`: the search, its steps and the headroom. */
  capacity?: CapacitySection;
}

/** One step of a capacity search, judged on its measured window alone (warm-up excluded). */
export interface CapacityStep {
  /** Offered (asked) rate, iterations per second summed over the searched workloads. */
  rps: number;
  /** held: every applicable criterion met; broke: one failed; invalid: the generator could not drive it (neither). */
  outcome: 'held' | 'broke' | 'invalid';
  /** The step run's own verdict and exit code (src/verdict). */
  verdict: Verdict;
  exitCode: number;
  /** Why: the failed criteria, or why the step is invalid. */
  reason: string;
  /** The first failed criterion: its metric key, expression, label and the value measured. */
  brokenBy?: { metric: string; expression: string; label: string; observed: number | null; unit: string };
  /** Requests per second the window really completed. */
  achievedRps: number;
  /** http_req_duration in the window, ms. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Iterations dropped in the window (no VU free). */
  dropped: number;
  /** Measured window, ms (warm-up excluded). */
  windowMs: number;
  /** The step's own results folder (relative to the capacity folder). */
  dir: string;
  /** The wait before the step until the system was back at its baseline (absent: no wait, the first step or cool-down off). */
  cooldown?: { waitedMs: number; probes: number; p95Ms: number | null; errorRate: number | null };
}

/** The `capacity` section of summary.json (see README "Capacity and headroom"). */
export interface CapacitySection {
  /** Searched workloads with their configured rates per second. */
  workloads: Array<{ name: string; targetRps: number }>;
  /** Workloads scaled in proportion (scenario capacity.scaleWith). */
  scaledWith: string[];
  /** The scenario's target: summed configured rate of the searched workloads, per second. */
  targetRps: number;
  /** Highest rate at which every criterion held (null: none held). */
  maxHeldRps: number | null;
  /** First (lowest) rate at which a criterion broke (null: none broke). */
  firstBrokeRps: number | null;
  /** The criterion that broke at firstBrokeRps. */
  limitedBy?: CapacityStep['brokenBy'];
  /** maxHeldRps / targetRps (0 when nothing held). */
  headroom: number;
  /** Lowest rate the generator could not drive (invalid twice); the generator was the limit when `end` is 'generator-limit'. */
  generatorLimitRps: number | null;
  /** Why the search stopped. */
  end: 'resolved' | 'max-rate-held' | 'generator-limit' | 'nothing-held' | 'budget' | 'stopped' | 'unrecovered';
  /** What the low-rate probe measured before the first step (the baseline the cool-down waits for), and the cool-down's settings; absent with the cool-down off. */
  baseline?: { rps: number; p95Ms: number | null; errorRate: number | null; settleMs: number; limitMs: number; p95Tolerance: number; p95SlackMs: number; errorTolerance: number };
  /** When `end` is 'unrecovered': the system was not back at its baseline within the limit after the step at `afterRps`. */
  unrecovered?: { afterRps: number; waitedMs: number; reason: string };
  /** The resolution asked for (fraction) and the one reached: (firstBroke - maxHeld) / maxHeld. */
  resolution: number;
  reachedResolution: number | null;
  /** Search settings. */
  stepMs: number;
  warmupMs: number;
  budgetMs: number;
  /** Wall time the whole search took, ms. */
  searchMs: number;
  /** The latency curve's knee (two-segment fit of p95 vs rate), when there are enough valid steps. */
  knee?: { rps: number; latencyMs: number; slopeBefore: number; slopeAfter: number };
  /** Latency criteria of http_req_duration drawn as lines on the curve: [label, ms]. */
  latencyLines: Array<{ label: string; ms: number; aggregation: string }>;
  /** Every step in the order run. */
  steps: CapacityStep[];
}

/** A workload whose every iteration threw an exception of the scenario's code. */
export interface BrokenWorkload {
  workload: string;
  iterations: number;
  errors: number;
}
