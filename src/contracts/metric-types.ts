// Shared metric vocabulary: every protocol, sampler, evaluator and reporter speaks these types.

/** The four k6 metric types; a metric's type decides its aggregation and which threshold aggregations apply. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

/** What a metric's values are (k6's `contains`): milliseconds, bytes or plain numbers. */
export type ValueKind = 'default' | 'time' | 'data';

/**
 * What produces a metric, so a criterion on it applies only when the scenario declares that source:
 * a workload protocol ('http', 'websocket', 'signalr'), 'workload' (any workload), 'open-model'
 * (arrival-rate workloads), 'health' (the availability poller), or a sampler ('docker', 'process',
 * 'host', 'generator'). Undefined means 'workload'.
 */
export type MetricSource = string;

/** A metric's definition: name, type, value kind, a one-line description for reports and its source. */
export interface MetricDef {
  readonly name: string;
  readonly type: MetricType;
  readonly contains: ValueKind;
  readonly description: string;
  /** What emits it (see MetricSource); the verdict's applicability rule reads it. */
  readonly source?: MetricSource;
}

/** Plain tag map, e.g. { scenario: 'api', name: 'list', method: 'GET', status: '200' }. */
export type Tags = Readonly<Record<string, string>>;

/** An interned tag set: `key` is the canonical `k:v,k:v` string (sorted by key), equal sets share one object. */
export interface TagSet {
  readonly key: string;
  readonly tags: Tags;
}

/** Anything that accepts raw measurements. Protocols and samplers only ever call this. */
export interface SampleSink {
  /** Record one value of `metric` with `tags`; `time` is epoch ms (defaults to now). Never throws on unknown tags. */
  add(metric: string, value: number, tags: TagSet, time?: number): void;
}

/** One series (a metric with one tag set) resolved ahead of time: recording is one call, no lookups. */
export interface SeriesHandle {
  /** Records one value into the series. */
  add(value: number): void;
  /** Records one value as `add` does, given performance.now() read by the caller just before (several samples of one event share one clock reading). */
  addAt(value: number, perfNow: number): void;
  /**
   * Records `values[i]` as `addAt(values[i], values[0])` does: for a caller recording several numbers of
   * one event (a request's timings), which passes no double across the call (V8 would box each one).
   * Optional here; seriesHandle (metrics/handle.ts) always gives it.
   */
  addFrom?(values: Float64Array, i: number): void;
}

/** A sink that can hand out pre-resolved series handles (the MetricStore does). */
export interface SeriesSink extends SampleSink {
  /** The handle of `metric` with `tags`; resolve once per endpoint/step, then record through it. */
  series(metric: string, tags: TagSet): SeriesHandle;
}

/** Per-second (or whole-run) values of one series, by aggregation name (`count`, `rate`, `avg`, `p(95)`, ...). */
export type SeriesValues = Record<string, number>;

/** One line of timeseries.ndjson: the second starting at `t` (epoch ms) and every series that got data in it. */
export interface TimeseriesPoint {
  readonly t: number;
  /** Set only on a second cut short (the run's last one): its real length in ms; rates in it are per this length. */
  readonly partialMs?: number;
  /** Series key (`metric` or `metric{tag:value,...}`) to its values for that second. */
  readonly series: Record<string, SeriesValues>;
}
