// The outgoing bytes of one HTTP/2 connection: frames are encoded straight into a slab Buffer and handed to
// the socket once per event-loop turn (setImmediate: after the turn's I/O and everything it resumed,
// including closed-model VUs that resume through setImmediate themselves, whose requests a
// process.nextTick flush sent one write each), so the HEADERS of 100 streams started in one turn leave in
// few writes: one as soon as EARLY_FLUSH_STREAMS requests are waiting, so the server starts on them while
// the rest of the turn's requests are built (its work and ours overlap instead of taking turns), and one
// at the end of the turn. A slab region handed to the socket is never written again (a new slab is taken).
import { FRAME_HEADER, FrameType, Flag, writeFrameHeader } from './frames.ts';

const SLAB = 64 * 1024;
/** Requests written into the batch after which it is handed to the socket at once. */
export const EARLY_FLUSH_STREAMS = earlyFlush(process.env.LC_H2_EARLY_FLUSH);

/** LC_H2_EARLY_FLUSH (a bench knob: a positive integer; 32 when unset or invalid). */
function earlyFlush(v: string | undefined): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : 32;
}

/** Frame encoder and write batcher; `flushTo` receives each batch (a Buffer nobody writes to again). */
export class FrameWriter {
  private buf = Buffer.allocUnsafe(SLAB);
  /** Start of the bytes not yet handed over. */
  private start = 0;
  /** End of the bytes written. */
  end = 0;
  private scheduled = false;
  /** Requests (HEADERS) in the batch not yet handed over. */
  private streams = 0;
  private closed = false;

  constructor(private readonly flushTo: (chunk: Buffer) => void) {}

  /** Makes room for `n` more bytes; returns the slab to write into at `this.end` (then call `commit`). */
  reserve(n: number): Buffer {
    if (this.buf.length - this.end < n) {
      const pending = this.end - this.start;
      const next = Buffer.allocUnsafe(Math.max(SLAB, pending + n));
      this.buf.copy(next, 0, this.start, this.end);
      this.buf = next;
      this.start = 0;
      this.end = pending;
    }
    if (!this.scheduled && !this.closed) {
      this.scheduled = true;
      setImmediate(flushWriter, this);
    }
    return this.buf;
  }

  /** `n` bytes were written at `end`. */
  commit(n: number): void {
    this.end += n;
  }

  /** Appends a frame whose payload is `payload[from, to)`. */
  frame(type: number, flags: number, id: number, payload: Buffer | undefined, from = 0, to = payload ? payload.length : 0): void {
    const len = to - from;
    const b = this.reserve(FRAME_HEADER + len);
    writeFrameHeader(b, this.end, len, type, flags, id);
    if (len > 0) payload!.copy(b, this.end + FRAME_HEADER, from, to);
    this.end += FRAME_HEADER + len;
  }

  /** Appends RST_STREAM(code) for stream `id`. */
  rstStream(id: number, code: number): void {
    const b = this.reserve(FRAME_HEADER + 4);
    writeFrameHeader(b, this.end, 4, FrameType.RST_STREAM, 0, id);
    b.writeUInt32BE(code, this.end + FRAME_HEADER);
    this.end += FRAME_HEADER + 4;
  }

  /** Appends WINDOW_UPDATE(increment) for stream `id` (0: the connection). */
  windowUpdate(id: number, increment: number): void {
    const b = this.reserve(FRAME_HEADER + 4);
    writeFrameHeader(b, this.end, 4, FrameType.WINDOW_UPDATE, 0, id);
    b.writeUInt32BE(increment, this.end + FRAME_HEADER);
    this.end += FRAME_HEADER + 4;
  }

  /** Appends GOAWAY(lastStreamId, code). */
  goaway(lastStreamId: number, code: number): void {
    const b = this.reserve(FRAME_HEADER + 8);
    writeFrameHeader(b, this.end, 8, FrameType.GOAWAY, 0, 0);
    b.writeUInt32BE(lastStreamId, this.end + FRAME_HEADER);
    b.writeUInt32BE(code, this.end + FRAME_HEADER + 4);
    this.end += FRAME_HEADER + 8;
  }

  /** Appends SETTINGS with `pairs` ([id, value, id, value...]), or a SETTINGS ACK when `pairs` is empty and `ack`. */
  settings(pairs: readonly number[], ack: boolean): void {
    const len = (pairs.length / 2) * 6;
    const b = this.reserve(FRAME_HEADER + len);
    writeFrameHeader(b, this.end, len, FrameType.SETTINGS, ack ? Flag.ACK : 0, 0);
    let p = this.end + FRAME_HEADER;
    for (let i = 0; i < pairs.length; i += 2) {
      b.writeUInt16BE(pairs[i], p);
      b.writeUInt32BE(pairs[i + 1], p + 2);
      p += 6;
    }
    this.end = p;
  }

  /** A request's frames were written: hands the batch over once EARLY_FLUSH_STREAMS requests wait in it. */
  streamWritten(): void {
    if (++this.streams >= EARLY_FLUSH_STREAMS) this.flush();
  }

  /** Hands the bytes written so far to the socket now. */
  flush(): void {
    this.streams = 0;
    if (this.closed || this.end === this.start) return;
    const chunk = this.buf.subarray(this.start, this.end);
    this.start = this.end;
    this.flushTo(chunk);
  }

  /** The end-of-turn flush (the setImmediate scheduled by the first reserve of the turn). */
  turnEnded(): void {
    this.scheduled = false;
    this.flush();
  }

  /** Nothing more is written (the socket is gone). */
  close(): void {
    this.closed = true;
  }
}

function flushWriter(w: FrameWriter): void {
  w.turnEnded();
}
