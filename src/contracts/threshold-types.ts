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
      /** Makes the entry an alert rule (raised in the report while the expression does not hold for `window`), not a criterion. */
      alert?: { severity: 'critical' | 'warning'; window?: string };
      /** Plain-language name for reports (default: derived from metric and aggregation). */
      label?: string;
    };

/** Metric key (`metric` or `metric{tag:value}`) to its threshold expressions. */
export type ThresholdMap = Record<string, ThresholdSpec[]>;
