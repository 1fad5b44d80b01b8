import { openSync, writeSync, closeSync } from 'node:fs';
import type { TimeseriesPoint } from '../metrics/types.ts';

/**
 * Appends each finished second to timeseries.ndjson as it happens (one synchronous write per second,
 * so a crash loses nothing already measured).
 */
export class NdjsonWriter {
  private fd: number | undefined;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  /** Writes one point as a line. */
  write(point: TimeseriesPoint): void {
    if (this.fd !== undefined) writeSync(this.fd, JSON.stringify(point) + '\n');
  }
  /** Closes the file; further writes are ignored. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
