import type { TimeseriesPoint } from '../contracts/metric-types.ts';
import { formatDuration } from '../contracts/duration.ts';

/** What the live progress line shows each second. */
export interface ProgressState {
  elapsedMs: number;
  plannedMs: number;
  vus: number;
  targetRate: number;
  point: TimeseriesPoint;
  /** p95 of http_req_duration over the run so far, ms. */
  p95SoFar: number;
  /** Failed requests so far / requests so far. */
  errorRate: number;
}

/**
 * Live progress: one rewritten line on a TTY; a plain line every `plainEverySec` seconds
 * otherwise (CI logs). Writes to `out` (stderr by default, so stdout stays clean for piping).
 */
export class ProgressPrinter {
  private lastPlain = -Infinity;
  private wroteTTY = false;
  constructor(private readonly out: NodeJS.WriteStream | NodeJS.WritableStream = process.stderr, private readonly plainEverySec = 5) {}

  private get tty(): boolean {
    return !!(this.out as NodeJS.WriteStream).isTTY;
  }

  /** Formats one progress line. */
  static line(s: ProgressState): string {
    const reqs = s.point.series['http_reqs']?.count ?? 0;
    const remaining = Math.max(0, s.plannedMs - s.elapsedMs);
    const target = s.targetRate > 0 ? ` / ${s.targetRate.toFixed(0)} target` : '';
    const rt = [s.point.series['signalr_connections']?.value, s.point.series['ws_connections']?.value].filter((v) => v !== undefined);
    return `${formatDuration(s.elapsedMs)} elapsed, ${formatDuration(remaining)} left | VUs ${s.vus}`
      + (rt.length ? ` | realtime conns ${rt.reduce((a, b) => a + (b ?? 0), 0)}` : '')
      + ` | ${reqs} req/s${target} | errors ${(s.errorRate * 100).toFixed(2)}% | p95 ${s.p95SoFar.toFixed(1)} ms`;
  }

  /** Shows the state of the second that just ended. */
  update(s: ProgressState): void {
    const text = ProgressPrinter.line(s);
    if (this.tty) {
      this.out.write(`\r\x1b[2K${text}`);
      this.wroteTTY = true;
    } else if (s.elapsedMs / 1000 - this.lastPlain >= this.plainEverySec) {
      this.lastPlain = s.elapsedMs / 1000;
      this.out.write(`[progress] ${text}\n`);
    }
  }

  /** Ends the live line so later output starts on a fresh line. */
  done(): void {
    if (this.wroteTTY) this.out.write('\n');
    this.wroteTTY = false;
  }

  /** Prints a message on its own line without garbling the live line. */
  message(text: string): void {
    if (this.wroteTTY) this.out.write('\r\x1b[2K');
    this.out.write(text + '\n');
  }
}
