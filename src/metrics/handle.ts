import type { SampleSink, SeriesHandle, SeriesSink, TagSet } from '../contracts/metric-types.ts';

/** A series handle for any sink: the sink's own pre-resolved one when it has them, else one that calls `sink.add`. */
export function seriesHandle(sink: SampleSink, metric: string, tags: TagSet): SeriesHandle {
  const s = sink as Partial<SeriesSink>;
  if (typeof s.series === 'function') return s.series(metric, tags);
  const add = (v: number) => sink.add(metric, v, tags);
  return { add, addAt: add };
}
