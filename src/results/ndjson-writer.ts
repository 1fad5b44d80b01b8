import { openSync, writeSync, readSync, closeSync, fstatSync, statSync } from 'node:fs';
import type { TimeseriesPoint } from '../contracts/metric-types.ts';
import { pointBytes, pointJson } from '../metrics/point-line.ts';

/**
 * Appends each finished second to timeseries.ndjson as it happens (one synchronous write per second,
 * so a crash loses nothing already measured). A failed write (disk full, folder gone) never stops the
 * run: the writer stops writing and keeps the error for the end of the run. The open file can be
 * copied elsewhere even after its folder was removed (see copyTo). The line was serialized piecewise
 * while the second was folded, into off-heap bytes (pointBytes): writing it does no encoding on the thread that times responses.
 */
export class NdjsonWriter {
  private fd: number | undefined;
  private failure: Error | undefined;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'a+');
  }
  /** Writes one point as a line; after a failed write it does nothing (see error). */
  write(point: TimeseriesPoint): void {
    if (this.fd === undefined || this.failure) return;
    try {
      const bytes = pointBytes(point);
      if (bytes) writeSync(this.fd, bytes);
      else writeSync(this.fd, pointJson(point) + '\n');
    } catch (err) {
      this.failure = err as Error;
    }
  }
  /** The first write error, if any. */
  get error(): Error | undefined {
    return this.failure;
  }
  /** True while `path` still names the file this writer writes (false once it was removed or replaced). */
  stillAtPath(): boolean {
    if (this.fd === undefined) return false;
    try {
      const open = fstatSync(this.fd);
      const named = statSync(this.path);
      return open.ino === named.ino && open.dev === named.dev;
    } catch {
      return false;
    }
  }
  /** Copies what was written so far into a new file at `dest` (read through the open file, so it works after a removal). */
  copyTo(dest: string): void {
    if (this.fd === undefined) throw new Error('the time series is already closed');
    const out = openSync(dest, 'w');
    try {
      const buf = Buffer.allocUnsafe(1 << 16);
      for (let pos = 0, n; (n = readSync(this.fd, buf, 0, buf.length, pos)) > 0; pos += n) writeSync(out, buf, 0, n);
    } finally {
      closeSync(out);
    }
  }
  /** Closes the file; further writes are ignored. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
