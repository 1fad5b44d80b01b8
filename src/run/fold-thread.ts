// The main-thread side of a run's fold thread: a SecondHandoff (metrics/second-handoff.ts) that posts each
// closed second to run/fold-worker.ts and gives the points it posts back to the store's listeners.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Tags, TimeseriesPoint } from '../contracts/metric-types.ts';
import { aggregateFromState, type Aggregate } from '../metrics/aggregates.ts';
import type { MetricStore } from '../metrics/store.ts';
import type { HandedSecond, SecondHandoff } from '../metrics/second-handoff.ts';
import { pointFromLine } from '../metrics/point-line.ts';
import { LoadcertError } from '../contracts/errors.ts';
import type { FoldStart, FromFold, ToFold } from './fold-protocol.ts';

/** How long a synchronous flush waits for the fold thread without hearing from it before it gives up (LC_FOLD_THREAD). */
const SYNC_WAIT_MS = 60_000;

const watchKey = (metric: string, selector: Tags) => `${metric}|${JSON.stringify(Object.entries(selector).sort())}`;

/**
 * A run's fold thread (worker_threads). Errors: LC_FOLD_THREAD when the fold thread failed or went silent
 * during a synchronous flush (the run's end); a failure during the run is reported through `warn`.
 */
export class FoldThread implements SecondHandoff {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly wake = new Int32Array(new SharedArrayBuffer(4));
  private defsSent: number;
  private readonly waiting = new Map<number, (p: TimeseriesPoint) => void>();
  private readonly watched = new Map<string, Aggregate>();
  private readonly watchedKeys = new Set<string>();
  private readonly perMetric = new Map<string, Aggregate>();
  private readonly perMetricAsked = new Set<string>();
  private readonly texts = new Map<number, (text: string) => void>();
  private nextId = 1;
  private foldedAny = false;
  private loaded = false;
  /** Watches a folded point has answered (a watch sent after a point is answered from the next one). */
  private readonly answered = new Set<string>();
  private failure: string | undefined;
  private ended = false;
  private isReady!: () => void;
  /** Resolves once the fold thread has loaded (start the run's clock after it: its start-up costs CPU). */
  readonly ready = new Promise<void>((r) => (this.isReady = r));

  constructor(private readonly store: MetricStore, private readonly warn: (m: string) => void) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const start: FoldStart = { port: port2, wake: this.wake.buffer as SharedArrayBuffer, defs: store.registry.all() };
    this.defsSent = store.registry.size;
    this.worker = new Worker(new URL('./fold-worker-main.mjs', import.meta.url), { workerData: start, transferList: [port2] });
    this.worker.on('error', (err) => this.fail(err.message));
    this.worker.on('exit', () => { if (!this.ended) this.fail('the fold thread exited'); });
    this.port.on('message', (m: FromFold) => this.handle(m));
    // referenced until loaded (something must keep the event loop alive meanwhile), then never holding the process
    void this.ready.then(() => { this.loaded = true; this.worker.unref(); if (!this.waiting.size) this.port.unref(); });
  }

  private fail(message: string): void {
    if (this.failure) return;
    this.failure = message;
    this.isReady();
    this.warn(`the fold thread failed (${message}); seconds after this one are not folded`);
    for (const t of [...this.waiting.keys()]) this.settled(t, { t, series: {} });
  }

  private send(m: ToFold): void {
    this.port.postMessage(m);
  }

  second(second: HandedSecond): Promise<TimeseriesPoint> {
    const t = second.t;
    if (this.store.registry.size !== this.defsSent) { this.defsSent = this.store.registry.size; this.send({ type: 'defs', defs: this.store.registry.all() }); }
    this.port.postMessage({ type: 'second', second, echo: this.store.wantsSeriesSeconds } satisfies ToFold, [second.words.buffer as ArrayBuffer]);
    if (this.failure) return Promise.resolve({ t, series: {} });
    if (!this.waiting.size && this.loaded) this.port.ref(); // an awaited point keeps the process alive until it arrives
    return new Promise((resolve) => this.waiting.set(t, resolve));
  }

  private settled(t: number, point: TimeseriesPoint): void {
    const r = this.waiting.get(t);
    if (!r) return;
    this.waiting.delete(t);
    if (!this.waiting.size && this.loaded) this.port.unref();
    r(point);
  }

  private handle(m: FromFold): void {
    switch (m.type) {
      case 'point': {
        this.foldedAny = true;
        for (const k of this.watchedKeys) this.answered.add(k);
        this.watched.clear(); // a total absent now has no data (e.g. after a warm-up's reset)
        this.perMetric.clear();
        for (const [k, s] of m.totals) this.watched.set(k, aggregateFromState(this.typeOf(k.slice(0, k.indexOf('|'))), s));
        for (const [name, s] of m.flushed) this.perMetric.set(name, aggregateFromState(this.typeOf(name), s));
        const point = pointFromLine(m.t, m.partialMs, m.untagged, Buffer.from(m.line.buffer, m.line.byteOffset, m.line.byteLength));
        this.store.emitPoint(point, m.entries);
        this.settled(m.t, point);
        return;
      }
      case 'prometheus': this.texts.get(m.id)?.(m.text); this.texts.delete(m.id); return;
      case 'drained': return;
      case 'ready': this.isReady(); return;
      case 'totals': this.store.restoreTotals(m.series, m.perMetric, m.lastFlushed); return;
      case 'error': this.fail(m.message); return;
    }
  }

  private typeOf(metric: string) {
    return this.store.registry.get(metric)!.type;
  }

  /** Handles messages synchronously until one of `type` arrives (blocking this thread: only at a synchronous flush). */
  private waitFor(type: FromFold['type']): void {
    let quietSince = Date.now();
    for (;;) {
      if (this.failure) throw new LoadcertError('LC_FOLD_THREAD', `the fold thread failed: ${this.failure}`);
      const seen = Atomics.load(this.wake, 0);
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const m = got.message as FromFold;
        this.handle(m);
        if (m.type === type) return;
        quietSince = Date.now();
        continue;
      }
      if (Date.now() - quietSince > SYNC_WAIT_MS) throw new LoadcertError('LC_FOLD_THREAD', `the fold thread did not answer for ${SYNC_WAIT_MS / 1000} s`);
      Atomics.wait(this.wake, 0, seen, 100);
    }
  }

  drain(): void {
    if (this.ended) return;
    this.send({ type: 'drain', id: this.nextId++ });
    this.waitFor('drained');
  }

  end(): void {
    if (this.ended) return;
    this.send({ type: 'end' });
    this.waitFor('totals');
    this.ended = true;
    this.port.close();
    void this.worker.terminate();
  }

  /** Follows a run total from now on (answered from the next folded second). */
  watch(metric: string, selector: Tags = {}): void {
    const key = watchKey(metric, selector);
    if (this.watchedKeys.has(key)) return;
    this.watchedKeys.add(key);
    this.send({ type: 'watch', watch: { key, metric, selector } });
  }

  total(metric: string, selector: Tags): { agg?: Aggregate } | undefined {
    const key = watchKey(metric, selector);
    if (!this.watchedKeys.has(key)) { this.watch(metric, selector); return undefined; }
    if (!this.foldedAny) return {};
    const agg = this.watched.get(key);
    return agg ? { agg } : this.answered.has(key) ? {} : undefined;
  }

  flushedTotal(metric: string): Aggregate | undefined {
    if (!this.perMetricAsked.has(metric)) { this.perMetricAsked.add(metric); this.send({ type: 'flushed', metric }); }
    return this.perMetric.get(metric);
  }

  resetTotalsAt(t: number): void {
    this.send({ type: 'reset-at', t });
  }

  /** The run's metrics in Prometheus text format, rendered by the fold thread (which holds the run totals). */
  prometheusText(): Promise<string> {
    const id = this.nextId++;
    this.send({ type: 'prometheus', id });
    return new Promise((resolve) => this.texts.set(id, resolve));
  }
}

/** Starts the fold thread of `store` and puts the store in hand-off mode; `watch` lists the run totals followed during the run. */
export function foldOffThread(store: MetricStore, warn: (m: string) => void, watch: ReadonlyArray<{ metric: string; selector?: Tags }> = [], perMetric: readonly string[] = []): FoldThread {
  const fold = new FoldThread(store, warn);
  for (const w of watch) fold.watch(w.metric, w.selector);
  for (const m of perMetric) fold.flushedTotal(m);
  store.handOff(fold);
  return fold;
}
