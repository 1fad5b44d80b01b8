import { openSync, writeSync, closeSync } from 'node:fs';
import type { TimeseriesPoint } from '../metrics/types.ts';
import { pointJson } from '../metrics/store.ts';

/**
 * Appends each finished second to timeseries.ndjson as it happens (one synchronous write per second,
 * so a crash loses nothing already measured). The line was serialized piecewise while the second was
 * folded (pointJson), so writing it does no encoding on the thread that times responses.
 */
export class NdjsonWriter {
  private fd: number | undefined;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  /** Writes one point as a line. */
  write(point: TimeseriesPoint): void {
    if (this.fd !== undefined) writeSync(this.fd, pointJson(point) + '\n');
  }
  /** Closes the file; further writes are ignored. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
