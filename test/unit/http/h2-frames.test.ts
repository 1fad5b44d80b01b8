// HTTP/2 framing alone: the frame reader fed a stream of frames split at every byte position yields the
// same frames; a length over the maximum frame size is FRAME_SIZE_ERROR (whole or split header); the
// frame writer batches frames and never writes into a region it handed over.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader, FrameType, Flag, writeFrameHeader, fixedLength, DEFAULT_MAX_FRAME } from '../../../src/protocols/http/h2/frames.ts';
import { FrameWriter, EARLY_FLUSH_STREAMS } from '../../../src/protocols/http/h2/frame-writer.ts';

interface Seen { type: number; flags: number; id: number; payload: string }

function frame(type: number, flags: number, id: number, payload: Buffer): Buffer {
  const b = Buffer.alloc(9 + payload.length);
  writeFrameHeader(b, 0, payload.length, type, flags, id);
  payload.copy(b, 9);
  return b;
}

function reader(max?: number) {
  const seen: Seen[] = [];
  const r = new FrameReader({
    onFrame: (type, flags, id, buf, start, len) => { seen.push({ type, flags, id, payload: buf.toString('hex', start, start + len) }); return true; },
  }, max);
  return { r, seen };
}

const STREAM = Buffer.concat([
  frame(FrameType.SETTINGS, 0, 0, Buffer.from('000300000064', 'hex')),
  frame(FrameType.HEADERS, Flag.END_HEADERS, 1, Buffer.from([0x88])),
  frame(FrameType.DATA, 0, 1, Buffer.alloc(0)),
  frame(FrameType.DATA, Flag.END_STREAM, 1, Buffer.from('x'.repeat(300))),
  frame(FrameType.PING, 0, 0, Buffer.from('0102030405060708', 'hex')),
  frame(FrameType.WINDOW_UPDATE, 0, 0x7fffffff, Buffer.from('00000400', 'hex')), // the reserved bit of the id is dropped
]);

describe('HTTP/2 frame reader', () => {
  test('a stream of frames split at every byte position (and byte by byte) gives the same frames', () => {
    const whole = reader();
    assert.ok(whole.r.feed(STREAM, 0, STREAM.length));
    assert.equal(whole.seen.length, 6);
    assert.deepEqual(whole.seen[1], { type: FrameType.HEADERS, flags: Flag.END_HEADERS, id: 1, payload: '88' });
    assert.equal(whole.seen[5].id, 0x7fffffff);
    for (let cut = 1; cut < STREAM.length; cut++) {
      const x = reader();
      assert.ok(x.r.feed(STREAM.subarray(0, cut), 0, cut));
      const rest = STREAM.subarray(cut);
      assert.ok(x.r.feed(rest, 0, rest.length));
      assert.deepEqual(x.seen, whole.seen, `cut at ${cut}`);
    }
    const bytes = reader();
    for (let i = 0; i < STREAM.length; i++) assert.ok(bytes.r.feed(STREAM, i, i + 1));
    assert.deepEqual(bytes.seen, whole.seen);
  });

  test('a frame longer than the maximum frame size is FRAME_SIZE_ERROR, whole or with its header split', () => {
    const big = frame(FrameType.DATA, 0, 1, Buffer.alloc(DEFAULT_MAX_FRAME + 1));
    const a = reader();
    assert.equal(a.r.feed(big, 0, big.length), false);
    assert.equal(a.r.error, 'FRAME_SIZE_ERROR');
    const b = reader();
    assert.ok(b.r.feed(big, 0, 2));
    assert.equal(b.r.feed(big, 2, big.length), false);
    assert.equal(b.r.error, 'FRAME_SIZE_ERROR');
    const c = reader();
    assert.equal(c.r.feed(big, 0, 20), false, 'known as soon as the header is complete');
    const exact = frame(FrameType.DATA, 0, 1, Buffer.alloc(DEFAULT_MAX_FRAME));
    const d = reader();
    assert.ok(d.r.feed(exact, 0, exact.length));
    assert.equal(d.seen.length, 1);
  });

  test('a sink that says stop stops the reading', () => {
    let n = 0;
    const r = new FrameReader({ onFrame: () => ++n < 2 });
    assert.equal(r.feed(STREAM, 0, STREAM.length), false);
    assert.equal(n, 2);
    assert.equal(r.error, undefined, 'not a framing error');
  });

  test('fixed payload lengths: PRIORITY 5, RST_STREAM 4, PING 8, WINDOW_UPDATE 4, others any', () => {
    assert.deepEqual([FrameType.PRIORITY, FrameType.RST_STREAM, FrameType.PING, FrameType.WINDOW_UPDATE, FrameType.DATA, FrameType.SETTINGS].map(fixedLength), [5, 4, 8, 4, -1, -1]);
  });
});

describe('HTTP/2 frame writer', () => {
  test('requests are handed over every EARLY_FLUSH_STREAMS of them (the server starts early), the rest at the end of the turn', async () => {
    const chunks: Buffer[] = [];
    const w = new FrameWriter((c) => chunks.push(c));
    const n = EARLY_FLUSH_STREAMS * 3 + 5;
    for (let i = 0; i < n; i++) {
      w.frame(FrameType.HEADERS, Flag.END_HEADERS | Flag.END_STREAM, 2 * i + 1, Buffer.from([0x82]));
      w.streamWritten();
    }
    assert.equal(chunks.length, 3, 'three early batches, at once');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(chunks.map((c) => c.length / 10), [EARLY_FLUSH_STREAMS, EARLY_FLUSH_STREAMS, EARLY_FLUSH_STREAMS, 5]);
  });

  test('frames written in one turn leave in one chunk; a handed-over chunk is never written again', async () => {
    const chunks: Buffer[] = [];
    const w = new FrameWriter((c) => chunks.push(c));
    for (let i = 0; i < 100; i++) w.frame(FrameType.HEADERS, Flag.END_HEADERS | Flag.END_STREAM, 2 * i + 1, Buffer.from([0x82, 0x86, 0x84]));
    await new Promise((r) => setImmediate(r));
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0].length, 100 * 12);
    const copy = Buffer.from(chunks[0]);
    w.rstStream(1, 8);
    w.frame(FrameType.DATA, 0, 3, Buffer.alloc(70_000 - 9 > 16_384 ? 16_384 : 1)); // more than the rest of the slab over a few calls
    for (let i = 0; i < 5; i++) w.frame(FrameType.DATA, 0, 3, Buffer.alloc(16_384));
    await new Promise((r) => setImmediate(r));
    assert.ok(copy.equals(chunks[0]), 'the first chunk was not overwritten');
    const seen = reader(16_384);
    const rest = Buffer.concat(chunks.slice(1));
    assert.ok(seen.r.feed(rest, 0, rest.length));
    assert.deepEqual(seen.seen.map((f) => f.type), [FrameType.RST_STREAM, FrameType.DATA, FrameType.DATA, FrameType.DATA, FrameType.DATA, FrameType.DATA, FrameType.DATA]);
  });
});
