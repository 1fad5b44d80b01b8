// k6's per-sample file formats, `--out json` and `--out csv`: how one series' declaration and one sample
// become text. Built from k6's documented formats (results-output/real-time/json and csv).
import type { SampledSeries } from '../contracts/output.ts';
import type { LineBytes } from './line-bytes.ts';

/** Turns samples of a series into lines; `prepare` runs once per series (off the timing path). */
export interface SampleFormat {
  /** Written first (CSV's header row), or ''. */
  readonly header: string;
  /** Text that declares the series' metric the first time any series of it is seen (JSON's Metric line), or ''. */
  metricLine(series: SampledSeries): string;
  /** A function that appends one sample of `series` (value, epoch ms) to `out` as a complete line (its fixed parts prepared once). */
  prepare(series: SampledSeries): (out: LineBytes, value: number, epochMs: number) => void;
}

/** RFC 3339 with nanoseconds in UTC, as k6's JSON output writes `time` (e.g. 2026-12-03T10:40:47.123456789Z). */
export function rfc3339Nano(epochMs: number): string {
  let sec = Math.floor(epochMs / 1000);
  let ns = Math.round((epochMs - sec * 1000) * 1e6);
  if (ns >= 1e9) { sec += 1; ns -= 1e9; }
  return `${new Date(sec * 1000).toISOString().slice(0, 19)}.${String(ns).padStart(9, '0')}Z`;
}

const POINT_HEAD = Buffer.from('{"type":"Point","data":{"time":"');
const VALUE_KEY = Buffer.from('","value":');

/**
 * k6's JSON lines: `{"type":"Metric","data":{name,type,contains,thresholds,submetrics},"metric":name}`
 * once per metric, then `{"type":"Point","data":{"time","value","tags"},"metric":name}` per sample.
 * `thresholds` lists each metric's threshold expressions (k6 lists them on the metric of the key).
 */
export function k6JsonFormat(thresholds: ReadonlyMap<string, readonly string[]>): SampleFormat {
  return {
    header: '',
    metricLine(s) {
      const d = s.def;
      const data = { name: d.name, type: d.type, contains: d.contains, thresholds: thresholds.get(d.name) ?? [], submetrics: null };
      return `${JSON.stringify({ type: 'Metric', data, metric: d.name })}\n`;
    },
    prepare(s) {
      const tags = Object.keys(s.tags.tags).length ? JSON.stringify(s.tags.tags) : 'null';
      const head = POINT_HEAD;
      const tail = Buffer.from(`,"tags":${tags}},"metric":${JSON.stringify(s.def.name)}}\n`);
      return (out, value, epochMs) => { out.bytes(head); out.time(epochMs); out.bytes(VALUE_KEY); out.number(value); out.bytes(tail); };
    },
  };
}

/** k6's CSV columns, in k6's order; tags outside them go to extra_tags as name=value&... */
export const K6_CSV_COLUMNS = ['metric_name', 'timestamp', 'metric_value', 'check', 'error', 'error_code', 'expected_response', 'group', 'method', 'name', 'proto', 'scenario', 'service', 'status', 'subproto', 'tls_version', 'url', 'extra_tags'] as const;

const TAG_COLUMNS = K6_CSV_COLUMNS.slice(3, -1);

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180, as Go's encoding/csv). */
function field(v: string): string {
  return /[",\r\n]/.test(v) || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v;
}

/** k6's CSV: a header row, then one row per sample with the timestamp in whole unix seconds (k6's default timeFormat). */
export function k6CsvFormat(): SampleFormat {
  return {
    header: `${K6_CSV_COLUMNS.join(',')}\n`,
    metricLine: () => '',
    prepare(s) {
      const t = s.tags.tags;
      const cols = TAG_COLUMNS.map((c) => field(t[c] ?? '')).join(',');
      const extra = Object.keys(t).filter((k) => !(TAG_COLUMNS as readonly string[]).includes(k)).map((k) => `${k}=${t[k]}`).join('&');
      const rest = Buffer.from(`,${cols},${field(extra)}\n`);
      const name = Buffer.from(`${field(s.def.name)},`);
      return (out, value, epochMs) => { out.bytes(name); out.integer(Math.floor(epochMs / 1000)); out.text(`,${value.toFixed(6)}`); out.bytes(rest); };
    },
  };
}
