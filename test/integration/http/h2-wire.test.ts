// The HTTP/2 client against a server that writes raw frames (node:http2 cannot be made to break the
// protocol): a bad frame size, a flow-control overflow and bad header compression end the session named
// (LC_H2_PROTOCOL / LC_H2_FLOW_CONTROL) after a GOAWAY with the RFC 9113 code; a malformed response
// (content-length disagreeing with its DATA) fails only its stream, reset with PROTOCOL_ERROR; header
// blocks in CONTINUATION frames and padded DATA are read; PING is answered.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FrameReader, FrameType, Flag, writeFrameHeader } from '../../../src/protocols/http/h2/frames.ts';
import { h2Client, until } from './h2-helpers.ts';

interface Frame { type: number; flags: number; id: number; payload: Buffer }

function frame(type: number, flags: number, id: number, payload: Buffer | number[] = []): Buffer {
  const p = Buffer.from(payload as Buffer);
  const b = Buffer.alloc(9 + p.length);
  writeFrameHeader(b, 0, p.length, type, flags, id);
  p.copy(b, 9);
  return b;
}

/** :status 200 (static index 8), and content-length: N as a literal without indexing (static name 28). */
function head200(contentLength?: number): Buffer {
  if (contentLength === undefined) return Buffer.from([0x88]);
  const v = String(contentLength);
  return Buffer.concat([Buffer.from([0x88, 0x0f, 28 - 15, v.length]), Buffer.from(v, 'latin1')]);
}

/** A raw server: sends SETTINGS, then calls `onStream(sock, id, seen)` for each HEADERS frame a client sends; records every client frame. */
async function rawServer(onStream: (sock: Socket, id: number) => void) {
  const seen: Frame[] = [];
  const socks: Socket[] = [];
  const server: Server = createServer((sock) => {
    socks.push(sock);
    sock.on('error', () => {});
    let preface = 24;
    const r = new FrameReader({
      onFrame: (type, flags, id, buf, start, len) => {
        seen.push({ type, flags, id, payload: Buffer.from(buf.subarray(start, start + len)) });
        if (type === FrameType.HEADERS) onStream(sock, id);
        return true;
      },
    }, 1 << 20);
    sock.write(frame(FrameType.SETTINGS, 0, 0));
    sock.on('data', (d: Buffer) => {
      let off = 0;
      if (preface > 0) { off = Math.min(preface, d.length); preface -= off; }
      if (off < d.length) r.feed(d, off, d.length);
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => { for (const s of socks) s.destroy(); await new Promise((res) => server.close(res)); };
  const goaway = () => seen.find((f) => f.type === FrameType.GOAWAY);
  return { url, seen, goaway, close };
}

const closers: Array<() => Promise<void>> = [];
after(async () => { for (const c of closers) await c(); });

async function scenario(onStream: (sock: Socket, id: number) => void) {
  const srv = await rawServer(onStream);
  closers.push(srv.close);
  const c = h2Client(srv.url, { protocol: 'h2' });
  return { srv, c };
}

describe('HTTP/2 client on the wire', { timeout: 30_000 }, () => {
  test('a PING of the wrong size: the session ends LC_H2_PROTOCOL after GOAWAY(FRAME_SIZE_ERROR)', async () => {
    const { srv, c } = await scenario((sock) => sock.write(frame(FrameType.PING, 0, 0, [1, 2, 3, 4])));
    assert.equal((await c.send()).error, 'LC_H2_PROTOCOL');
    assert.ok(await until(() => srv.goaway() !== undefined), 'the client sent GOAWAY');
    assert.equal(srv.goaway()!.payload.readUInt32BE(4), 6, 'FRAME_SIZE_ERROR');
    await c.pool.close();
  });

  test('a frame over our maximum frame size (16,384): LC_H2_PROTOCOL after GOAWAY(FRAME_SIZE_ERROR)', async () => {
    const { srv, c } = await scenario((sock, id) => sock.write(Buffer.concat([frame(FrameType.HEADERS, Flag.END_HEADERS, id, head200()), frame(FrameType.DATA, 0, id, Buffer.alloc(16_385))])));
    assert.equal((await c.send()).error, 'LC_H2_PROTOCOL');
    assert.ok(await until(() => srv.goaway() !== undefined));
    assert.equal(srv.goaway()!.payload.readUInt32BE(4), 6);
    await c.pool.close();
  });

  test('a WINDOW_UPDATE past 2^31-1: LC_H2_FLOW_CONTROL after GOAWAY(FLOW_CONTROL_ERROR)', async () => {
    const { srv, c } = await scenario((sock) => sock.write(frame(FrameType.WINDOW_UPDATE, 0, 0, [0x7f, 0xff, 0xff, 0xff])));
    assert.equal((await c.send()).error, 'LC_H2_FLOW_CONTROL');
    assert.ok(await until(() => srv.goaway() !== undefined));
    assert.equal(srv.goaway()!.payload.readUInt32BE(4), 3);
    await c.pool.close();
  });

  test('a header block that does not decode: LC_H2_PROTOCOL after GOAWAY(COMPRESSION_ERROR)', async () => {
    const { srv, c } = await scenario((sock, id) => sock.write(frame(FrameType.HEADERS, Flag.END_HEADERS | Flag.END_STREAM, id, [0xbe])));
    assert.equal((await c.send()).error, 'LC_H2_PROTOCOL');
    assert.ok(await until(() => srv.goaway() !== undefined));
    assert.equal(srv.goaway()!.payload.readUInt32BE(4), 9);
    await c.pool.close();
  });

  test('content-length disagreeing with DATA fails only that stream (RST_STREAM PROTOCOL_ERROR); the session goes on', async () => {
    let n = 0;
    const { srv, c } = await scenario((sock, id) => {
      n++;
      const body = Buffer.from('hello');
      sock.write(Buffer.concat([frame(FrameType.HEADERS, Flag.END_HEADERS, id, head200(n === 1 ? 9 : 5)), frame(FrameType.DATA, Flag.END_STREAM, id, body)]));
    });
    assert.equal((await c.send()).error, 'LC_H2_PROTOCOL');
    const ok = await c.send();
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'hello');
    assert.ok(await until(() => srv.seen.some((f) => f.type === FrameType.RST_STREAM)));
    const rst = srv.seen.find((f) => f.type === FrameType.RST_STREAM)!;
    assert.equal(rst.id, 1);
    assert.equal(rst.payload.readUInt32BE(0), 1, 'PROTOCOL_ERROR');
    assert.equal(srv.goaway(), undefined, 'no GOAWAY: the session was kept');
    await c.pool.close();
  });

  test('a header block in HEADERS + CONTINUATION, padded DATA, and a PING in between are read (the PING answered)', async () => {
    const { srv, c } = await scenario((sock, id) => {
      // :status 200, then x-long: 'v' * 200 split across the HEADERS and a CONTINUATION
      const v = 'v'.repeat(200);
      const block = Buffer.concat([Buffer.from([0x88, 0x00, 6]), Buffer.from('x-long'), Buffer.from([0x7f, 200 - 127]), Buffer.from(v)]);
      const padded = Buffer.concat([Buffer.from([3]), Buffer.from('body'), Buffer.alloc(3)]);
      sock.write(Buffer.concat([
        frame(FrameType.HEADERS, 0, id, block.subarray(0, 50)),
        frame(FrameType.CONTINUATION, Flag.END_HEADERS, id, block.subarray(50)),
        frame(FrameType.PING, 0, 0, [9, 9, 9, 9, 9, 9, 9, 9]),
        frame(FrameType.DATA, Flag.PADDED | Flag.END_STREAM, id, padded),
      ]));
    });
    const r = await c.send();
    assert.equal(r.status, 200);
    assert.equal(r.body, 'body');
    assert.equal(r.headers['x-long'], 'v'.repeat(200));
    assert.ok(await until(() => srv.seen.some((f) => f.type === FrameType.PING && (f.flags & Flag.ACK) !== 0)));
    await c.pool.close();
  });
});
