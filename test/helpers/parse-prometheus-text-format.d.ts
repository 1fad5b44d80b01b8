// Types of the npm package parse-prometheus-text-format (it ships none): the tests' Prometheus text parser.
declare module 'parse-prometheus-text-format' {
  /** One sample: plain metrics carry value, summaries quantiles/count/sum, histograms buckets/count/sum. */
  export interface ParsedSample {
    value?: string;
    labels?: Record<string, string>;
    quantiles?: Record<string, string>;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  /** One metric family. */
  export interface ParsedFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'SUMMARY' | 'HISTOGRAM' | 'UNTYPED';
    metrics: ParsedSample[];
  }
  /** Parses Prometheus text format; throws on malformed input. */
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
