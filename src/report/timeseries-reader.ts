// Streams timeseries.ndjson line by line into a SeriesCollector; tolerates a truncated or damaged file.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { TimeseriesPoint } from '../contracts/metric-types.ts';
import { SeriesCollector } from './series-collector.ts';
import { AlertSeries } from './alerts.ts';
import type { AlertRule } from '../contracts/summary-types.ts';

/** What reading the time series found, beside the collected series. */
export interface TimeseriesRead {
  readonly collector: SeriesCollector;
  /** The alert rules followed over the same points. */
  readonly alerts: AlertSeries;
  /** False when the file does not exist. */
  readonly present: boolean;
  /** True when the last line was cut off (the run or the disk stopped mid-write). */
  readonly truncated: boolean;
  /** Lines before the last that could not be read (skipped). */
  readonly badLines: number;
}

function parsePoint(line: string): TimeseriesPoint | undefined {
  try {
    const p = JSON.parse(line) as unknown;
    if (!p || typeof p !== 'object') return undefined;
    const { t, series } = p as { t?: unknown; series?: unknown };
    if (typeof t !== 'number' || !Number.isFinite(t) || !series || typeof series !== 'object') return undefined;
    return p as TimeseriesPoint;
  } catch {
    return undefined;
  }
}

/** Reads `path` one line at a time (never whole into memory), following `alertRules`; a missing file yields `present: false`. */
export async function readTimeseries(path: string, alertRules: readonly AlertRule[] = []): Promise<TimeseriesRead> {
  const collector = new SeriesCollector();
  const alerts = new AlertSeries(alertRules);
  try {
    await access(path);
  } catch {
    return { collector, alerts, present: false, truncated: false, badLines: 0 };
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pendingBad = false;
  let badLines = 0;
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (pendingBad) { badLines++; pendingBad = false; }
    const point = parsePoint(line);
    if (point) { collector.add(point); alerts.add(point); }
    else pendingBad = true;
  }
  return { collector, alerts, present: true, truncated: pendingBad, badLines };
}
