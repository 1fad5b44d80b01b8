// The fold thread of an in-process run: receives each closed second as entries (exact states), folds it
// into a store of its own (run totals, per-metric merges, the point and its ndjson line, percentiles) and
// posts the point back; answers /metrics text and, at the end, every run total. The thread that records
// and timestamps does none of this.
import { workerData } from 'node:worker_threads';
import { MetricRegistry } from '../metrics/registry.ts';
import { MetricStore } from '../metrics/store.ts';
import { aggregateFromState, type AggregateState } from '../metrics/aggregates.ts';
import { tagSet } from '../metrics/tagset.ts';
import { pointBytes } from '../metrics/point-line.ts';
import { SeriesTable, type SeriesEntry } from '../metrics/second-handoff.ts';
import type { SeriesValues } from '../contracts/metric-types.ts';
import type { FoldStart, FromFold, ToFold, Watch } from './fold-protocol.ts';

const start = workerData as FoldStart;
const port = start.port;
const wake = new Int32Array(start.wake);
const registry = new MetricRegistry(start.defs);
const store = new MetricStore(registry);
const watches = new Map<string, Watch>();
const flushed = new Set<string>();
const table = new SeriesTable();

const post = (m: FromFold, transfer: ArrayBuffer[] = []) => {
  port.postMessage(m, transfer);
  Atomics.add(wake, 0, 1);
  Atomics.notify(wake, 0);
};

function foldSecond(m: Extract<ToFold, { type: 'second' }>): void {
  const entries = table.entries(m.second);
  for (const [metric, tags, state] of entries) {
    const def = registry.get(metric);
    if (def) store.addAggregate(metric, tagSet(tags), aggregateFromState(def.type, state));
  }
  const point = store.flushSecond(m.second.t, m.second.partialMs);
  const untagged: Record<string, SeriesValues> = {};
  for (const def of registry.all()) {
    const v = point.series[def.name]; // a key without '{': read without parsing the tagged entries
    if (v) untagged[def.name] = v;
  }
  const bytes = pointBytes(point)!;
  const line = new Uint8Array(bytes.length);
  line.set(bytes);
  const totals: Array<[string, AggregateState]> = [];
  for (const w of watches.values()) {
    const agg = store.query(w.metric, w.selector);
    if (agg) totals.push([w.key, agg.state(true)]);
  }
  const perMetric: Array<[string, AggregateState]> = [];
  for (const name of flushed) {
    const agg = store.flushedTotal(name);
    if (agg) perMetric.push([name, agg.state(true)]);
  }
  post({
    type: 'point', t: point.t, ...(point.partialMs !== undefined ? { partialMs: point.partialMs } : {}), untagged, line,
    ...(m.echo ? { entries } : {}), totals, flushed: perMetric,
  }, [line.buffer]);
}

function allTotals(): FromFold {
  const series: SeriesEntry[] = [];
  const perMetric: Array<[string, AggregateState]> = [];
  for (const def of registry.all()) {
    for (const s of store.seriesOf(def.name)) if (s.total.count) series.push([def.name, s.tags.tags, s.total.state(true)]);
    const total = store.flushedTotal(def.name);
    if (total) perMetric.push([def.name, total.state(true)]);
  }
  return { type: 'totals', series, perMetric, lastFlushed: store.lastFlushed };
}

post({ type: 'ready' });
port.on('message', (m: ToFold) => {
  try {
    switch (m.type) {
      case 'defs': for (const d of m.defs) registry.define(d); return;
      case 'second': foldSecond(m); return;
      case 'watch': watches.set(m.watch.key, m.watch); return;
      case 'flushed': flushed.add(m.metric); return;
      case 'reset-at': store.resetTotalsAt(m.t); return;
      case 'prometheus':
        // loaded on the first scrape only (prom-client is large): a run without --metrics-port never loads it
        import('../live/prometheus-text.ts').then(({ renderPrometheus }) => renderPrometheus(store)).then((text) => post({ type: 'prometheus', id: m.id, text }), (err: Error) => post({ type: 'prometheus', id: m.id, text: `# ${err.message}\n` }));
        return;
      case 'drain': post({ type: 'drained', id: m.id }); return;
      case 'end': post(allTotals()); port.close(); return;
    }
  } catch (err) {
    post({ type: 'error', message: (err as Error).stack ?? String(err) });
  }
});
