// The HTTP/1.1 response parser alone, fed Buffers: every framing (Content-Length, chunked, until close),
// split at every byte position, and every error it reports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseParser, MAX_HEAD_BYTES } from '../../../src/protocols/http/h1/response-parser.ts';
import { CLIENT_ERRORS } from '../../../src/protocols/http/h1/exchange.ts';

/** A parser with its events recorded. */
function parser() {
  const seen = { heads: 0, statusAtHead: 0, body: [] as Buffer[] };
  const p: ResponseParser = new ResponseParser({
    onHead: () => { seen.heads++; seen.statusAtHead = p.status; },
    onBody: (c) => { seen.body.push(Buffer.from(c)); }, // copied: the parser hands out views
  });
  return { p, seen, bodyText: () => Buffer.concat(seen.body).toString('utf8') };
}

interface Outcome { ok: boolean; done: boolean; status: number; heads: number; body: string; keepAlive: boolean; trailing: boolean; error: string | undefined; raw: string[] | undefined }

/** Feeds `pieces` in order to a fresh parser (begin(bodyless, keepHeaders) first); stops at the first failure. */
function run(pieces: Buffer[], bodyless = false, keepHeaders = true): Outcome {
  const { p, seen, bodyText } = parser();
  p.begin(bodyless, keepHeaders);
  let ok = true;
  for (const b of pieces) if (!(ok = p.feed(b))) break;
  return { ok, done: p.done, status: p.status, heads: seen.heads, body: bodyText(), keepAlive: p.keepAlive, trailing: p.trailing, error: p.error, raw: p.raw };
}

/** Every way of cutting `msg` in two, plus byte by byte. */
function splits(msg: Buffer): Buffer[][] {
  const out: Buffer[][] = [];
  for (let i = 0; i <= msg.length; i++) out.push([msg.subarray(0, i), msg.subarray(i)]);
  out.push([...msg].map((b) => Buffer.from([b])));
  return out;
}

const B = (s: string) => Buffer.from(s, 'utf8');

describe('h1 response parser', { timeout: 20_000 }, () => {
  test('Content-Length body split at every byte position', () => {
    const body = 'héllo, wörld €'; // multi-byte characters: the parser counts bytes, not characters
    const msg = B(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    for (const pieces of splits(msg)) {
      const o = run(pieces);
      assert.ok(o.ok && o.done, `split ${pieces.map((p) => p.length).join('+')}`);
      assert.equal(o.status, 200);
      assert.equal(o.heads, 1);
      assert.equal(o.body, body);
      assert.equal(o.keepAlive, true);
      assert.equal(o.trailing, false);
      assert.deepEqual(o.raw, ['Content-Type', 'text/plain', 'Content-Length', String(Buffer.byteLength(body))]);
    }
  });

  test('the parser is not done before the last body byte', () => {
    const msg = B('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde');
    for (let i = 0; i < msg.length; i++) {
      const o = run([msg.subarray(0, i)]);
      assert.ok(o.ok && !o.done, `not done after ${i} of ${msg.length} bytes`);
    }
  });

  test('chunked body with extensions and trailers, split at every byte position', () => {
    // 0x1a = 26 bytes; a chunk extension on a data chunk and on the last chunk; two trailer fields
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    const msg = B('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      `1A;name=value;q="x y"\r\n${alphabet}\r\n` +
      '3\r\n€\r\n' + // one character, three bytes
      '0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n');
    for (const pieces of splits(msg)) {
      const o = run(pieces);
      assert.ok(o.ok && o.done, `split ${pieces.map((p) => p.length).join('+')}: ${o.error}`);
      assert.equal(o.body, `${alphabet}€`);
      assert.equal(o.heads, 1);
      assert.equal(o.keepAlive, true);
      assert.equal(o.trailing, false);
    }
  });

  test('fed from one reused read buffer (net onread): bytes past the length given are stale and never parsed', () => {
    // The pieces are copied into one buffer whose tail holds framing that would end the head, a chunk and
    // the message early if the parser looked past the bytes that arrived.
    const stale = B('\r\n\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n'.repeat(64));
    const shared = Buffer.alloc(4096);
    const messages = [
      { msg: B('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n5\r\nhello\r\n1\r\n!\r\n0\r\nX-T: 2\r\n\r\n'), body: 'hello!' },
      { msg: B('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello'), body: 'hello' },
    ];
    for (const { msg, body } of messages) {
      for (const pieces of splits(msg)) {
        const { p, seen, bodyText } = parser();
        p.begin(false, true);
        let ok = true;
        for (const piece of pieces) {
          stale.copy(shared);
          piece.copy(shared);
          if (!(ok = p.feed(shared, piece.length))) break;
        }
        const split = pieces.map((x) => x.length).join('+');
        assert.ok(ok && p.done, `split ${split}: ${p.error}`);
        assert.equal(bodyText(), body, `split ${split}`);
        assert.equal(seen.heads, 1);
        assert.equal(p.trailing, false, `split ${split}`);
      }
      for (let i = 0; i < msg.length; i++) {
        const { p } = parser();
        p.begin(false, true);
        stale.copy(shared);
        msg.copy(shared, 0, 0, i);
        p.feed(shared, i);
        assert.equal(p.done, false, `not done after ${i} of ${msg.length} bytes`);
      }
    }
  });

  test('chunked body without trailers, split at every byte position; not done before the final CRLF', () => {
    const msg = B('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n');
    for (const pieces of splits(msg)) {
      const o = run(pieces);
      assert.ok(o.ok && o.done, `split ${pieces.map((p) => p.length).join('+')}: ${o.error}`);
      assert.equal(o.body, 'hello!');
      assert.equal(o.trailing, false);
    }
    for (let i = 0; i < msg.length; i++) assert.equal(run([msg.subarray(0, i)]).done, false, `not done after ${i} of ${msg.length} bytes`);
  });

  test('chunk data not followed by CRLF is a parse error', () => {
    // two other bytes where the CRLF belongs; what follows would parse as a valid last chunk
    const o = run([B('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY0\r\n\r\n')]);
    assert.equal(o.ok, false);
    assert.equal(o.error, CLIENT_ERRORS.parse);
  });

  test('a chunk size that is not hex is a parse error', () => {
    const o = run([B('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n')]);
    assert.equal(o.ok, false);
    assert.equal(o.error, CLIENT_ERRORS.parse);
  });

  test('1xx interim responses (100, 103) before the final one are skipped, at every split', () => {
    const msg = B('HTTP/1.1 100 Continue\r\n\r\n' +
      'HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n' +
      'HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-Final: yes\r\n\r\nok');
    for (const pieces of splits(msg)) {
      const o = run(pieces);
      assert.ok(o.ok && o.done, `split ${pieces.map((p) => p.length).join('+')}`);
      assert.equal(o.heads, 1, 'onHead only for the final response');
      assert.equal(o.status, 201);
      assert.equal(o.body, 'ok');
      assert.deepEqual(o.raw, ['Content-Length', '2', 'X-Final', 'yes'], 'headers are the final response\'s only');
    }
  });

  test('101 Switching Protocols is LC_HTTP_UPGRADE', () => {
    const o = run([B('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')]);
    assert.equal(o.ok, false);
    assert.equal(o.error, 'LC_HTTP_UPGRADE');
    assert.equal(o.heads, 0);
  });

  test('a HEAD response with Content-Length has no body', () => {
    const o = run([B('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n')], true);
    assert.ok(o.ok && o.done);
    assert.equal(o.body, '');
    assert.equal(o.keepAlive, true);
    // the same head for a GET waits for 1234 bytes
    assert.equal(run([B('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n')]).done, false);
  });

  test('204 and 304 end at the head, whatever their headers say', () => {
    for (const status of ['204 No Content', '304 Not Modified']) {
      const o = run([B(`HTTP/1.1 ${status}\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n`)]);
      assert.ok(o.ok && o.done, status);
      assert.equal(o.body, '');
      assert.equal(o.keepAlive, true);
      assert.equal(o.trailing, false);
    }
  });

  test('no length and not chunked: the body runs until the connection closes, and the connection is not reused', () => {
    const { p, bodyText } = parser();
    p.begin(false, false);
    assert.ok(p.feed(B('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst ')));
    assert.ok(p.feed(B('second')));
    assert.equal(p.done, false);
    assert.equal(p.untilClose, true);
    assert.equal(p.keepAlive, false);
    p.finishAtEof();
    assert.equal(p.done, true);
    assert.equal(bodyText(), 'first second');
  });

  test('a Transfer-Encoding other than chunked: body until close', () => {
    const o = run([B('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabcdef')]);
    assert.ok(o.ok && !o.done);
    assert.equal(o.keepAlive, false);
    assert.equal(o.body, 'abcdef');
  });

  test('HTTP/1.0 without keep-alive closes; with Connection: keep-alive it is reused', () => {
    const o = run([B('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok')]);
    assert.ok(o.ok && o.done);
    assert.equal(o.keepAlive, false);
    const k = run([B('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok')]);
    assert.ok(k.ok && k.done);
    assert.equal(k.keepAlive, true);
  });

  test('Connection: close (any case, in a list) is not reused', () => {
    for (const v of ['close', 'Close', 'keep-alive, close', 'TE, CLOSE']) {
      const o = run([B(`HTTP/1.1 200 OK\r\nconnection: ${v}\r\nContent-Length: 2\r\n\r\nok`)]);
      assert.ok(o.ok && o.done, v);
      assert.equal(o.keepAlive, false, v);
    }
  });

  test('Keep-Alive: timeout=N is reported', () => {
    const { p } = parser();
    p.begin(false, false);
    assert.ok(p.feed(B('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n')));
    assert.ok(p.done);
    assert.equal(p.keepAliveTimeoutS, 5);
  });

  test('conflicting Content-Length headers are LC_HTTP_PARSE; a repeated equal one is accepted', () => {
    const o = run([B('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef')]);
    assert.equal(o.ok, false);
    assert.equal(o.error, 'LC_HTTP_PARSE');
    assert.equal(o.heads, 0, 'no head reported for a response that failed');
    for (const v of ['-1', '5 5', '0x5', '']) {
      const bad = run([B(`HTTP/1.1 200 OK\r\nContent-Length: ${v}\r\n\r\nabcde`)]);
      assert.equal(bad.error, 'LC_HTTP_PARSE', `Content-Length: ${v}`);
    }
    const same = run([B('HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nabcde')]);
    assert.ok(same.ok && same.done);
    assert.equal(same.body, 'abcde');
  });

  test('a head larger than MAX_HEAD_BYTES is LC_HTTP_HEAD_TOO_LARGE, in one piece or many; one just under is accepted', () => {
    const big = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\nContent-Length: 0\r\n\r\n`;
    assert.equal(run([B(big)]).error, 'LC_HTTP_HEAD_TOO_LARGE');
    const msg = B(big);
    const pieces: Buffer[] = [];
    for (let i = 0; i < msg.length; i += 1000) pieces.push(msg.subarray(i, i + 1000));
    assert.equal(run(pieces).error, 'LC_HTTP_HEAD_TOO_LARGE');
    // without its terminator ever arriving, too: the parser must not buffer without bound
    const endless = B(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES + 10)}`);
    const endlessPieces: Buffer[] = [];
    for (let i = 0; i < endless.length; i += 1000) endlessPieces.push(endless.subarray(i, i + 1000));
    assert.equal(run(endlessPieces).error, 'LC_HTTP_HEAD_TOO_LARGE');
    const fits = B(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES - 100)}\r\nContent-Length: 0\r\n\r\n`);
    const o = run([fits]);
    assert.ok(o.ok && o.done, `${o.error}`);
  });

  test('garbage instead of a status line is LC_HTTP_PARSE', () => {
    for (const line of ['garbage', 'HTTP/2 200 OK', 'HTTP/1.1 2x0 OK', 'HTTP/1.1200 OK', 'ICY 200 OK', 'HTTP/1.1 20']) {
      const o = run([B(`${line}\r\nContent-Length: 0\r\n\r\n`)]);
      assert.equal(o.ok, false, line);
      assert.equal(o.error, 'LC_HTTP_PARSE', line);
    }
    const noColon = run([B('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')]);
    assert.equal(noColon.error, 'LC_HTTP_PARSE');
  });

  test('a peer that is not HTTP fails on its first bytes, before any blank line; a real head split inside "HTTP/1." does not', () => {
    for (const banner of ['SSH-2.0-OpenSSH_9.6\r\n', '220 smtp.example ESMTP\r\n', 'H', 'HTTP/2', '\r\n']) {
      const o = run([B(banner)]);
      assert.equal(o.ok, banner === 'H', banner); // 'H' could still become HTTP/1.x
      if (banner !== 'H') assert.equal(o.error, 'LC_HTTP_PARSE', banner);
    }
    const msg = B('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    for (const pieces of splits(msg)) {
      const o = run(pieces);
      assert.equal(o.error, undefined);
      assert.equal(o.body, 'ok');
    }
    // after an interim 100, the final head's first bytes are checked too
    assert.equal(run([B('HTTP/1.1 100 Continue\r\n\r\nSSH-2.0-x')]).error, 'LC_HTTP_PARSE');
  });

  test('bytes after the response end set the trailing flag, whatever the framing', () => {
    for (const msg of [
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\nEXTRA',
      'HTTP/1.1 204 No Content\r\n\r\nEXTRA',
    ]) {
      const o = run([B(msg)]);
      assert.ok(o.ok && o.done, msg);
      assert.equal(o.body, msg.includes('204') ? '' : 'ok');
      assert.equal(o.trailing, true, msg);
    }
    assert.equal(run([B('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')]).trailing, false);
  });

  test('one parser carries several responses in turn (begin resets status, headers, flags)', () => {
    const { p, seen, bodyText } = parser();
    p.begin(false, true);
    assert.ok(p.feed(B('HTTP/1.1 500 Oops\r\nConnection: close\r\nA: 1\r\nContent-Length: 1\r\n\r\nxEXTRA')));
    assert.equal(p.trailing, true);
    p.begin(false, true);
    assert.ok(p.feed(B('HTTP/1.1 200 OK\r\nB: 2\r\nContent-Length: 2\r\n\r\nok')));
    assert.ok(p.done);
    assert.equal(p.status, 200);
    assert.equal(p.keepAlive, true);
    assert.equal(p.trailing, false);
    assert.deepEqual(p.raw, ['B', '2', 'Content-Length', '2']);
    assert.equal(seen.heads, 2);
    assert.equal(bodyText(), 'xok');
  });

  test('Server-Timing values are collected; headers are not kept without keepHeaders', () => {
    const { p } = parser();
    p.begin(false, false);
    assert.ok(p.feed(B('HTTP/1.1 200 OK\r\nServer-Timing: db;dur=5\r\nserver-timing: app;dur=7.5\r\nContent-Length: 0\r\n\r\n')));
    assert.deepEqual(p.serverTiming, ['db;dur=5', 'app;dur=7.5']);
    assert.equal(p.raw, undefined);
  });
});
