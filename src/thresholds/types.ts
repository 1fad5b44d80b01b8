// Threshold definitions as written in thresholds.json or a scenario (k6's syntax).

/** A threshold: a k6 expression string, or the object form with abort options. */
export type ThresholdSpec =
  | string
  | {
      threshold: string;
      /** Stop the run as soon as this threshold fails (exit 99, results still written). */
      abortOnFail?: boolean;
      /** Wait this long after the start before abortOnFail may act, e.g. '10s'. */
      delayAbortEval?: string;
      /** false: when the metric gets no data the criterion is reported as not measured instead of failing (default true). */
      requireData?: boolean;
      /** Plain-language name for reports (default: derived from metric and aggregation). */
      label?: string;
    };

/** Metric key (`metric` or `metric{tag:value}`) to its threshold expressions. */
export type ThresholdMap = Record<string, ThresholdSpec[]>;
