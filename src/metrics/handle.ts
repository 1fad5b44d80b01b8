import type { SampleSink, SeriesHandle, SeriesSink, TagSet } from '../contracts/metric-types.ts';

/** A series handle with every recording method (addFrom included). */
export type RecordingHandle = Required<SeriesHandle>;

/** A series handle for any sink: the sink's own pre-resolved one when it has them (given addFrom when it lacks it), else one that calls `sink.add`. */
export function seriesHandle(sink: SampleSink, metric: string, tags: TagSet): RecordingHandle {
  const s = sink as Partial<SeriesSink>;
  if (typeof s.series === 'function') {
    const h = s.series(metric, tags);
    if (h.addFrom) return h as RecordingHandle;
    return { add: (v) => h.add(v), addAt: (v, now) => h.addAt(v, now), addFrom: (values, i) => h.addAt(values[i], values[0]) };
  }
  const add = (v: number) => sink.add(metric, v, tags);
  return { add, addAt: add, addFrom: (values, i) => add(values[i]) };
}
