// HPACK (RFC 7541) alone: the appendix C examples as data (requests and responses, with and without
// Huffman, the dynamic table's entries and size after each block, eviction at 256 octets), the Huffman
// code against appendix B, round trips of every byte value, and every decoding error.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HpackDecoder, writeField, STATIC_TABLE } from '../../../src/protocols/http/h2/hpack.ts';
import { huffmanDecode, huffmanEncode, HUFFMAN_CODES, HUFFMAN_LENGTHS } from '../../../src/protocols/http/h2/hpack-huffman.ts';
import { encodeRequest, requestRoom, lastFieldBytes } from '../../../src/protocols/http/h2/request-headers.ts';
import { HpackEncoder } from '../../../src/protocols/http/h2/hpack-encoder.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function fields(d: HpackDecoder): Array<[string, string]> {
  return Array.from({ length: d.count }, (_, i) => [d.names[i], d.values[i]] as [string, string]);
}

/** Decodes `blocks` in order on one decoder, checking each block's fields and the table size after it. */
function sequence(d: HpackDecoder, blocks: Array<{ block: string; fields: Array<[string, string]>; size: number; entries: number }>): void {
  for (const [i, b] of blocks.entries()) {
    const buf = hex(b.block);
    assert.equal(d.decode(buf, 0, buf.length), true, `block ${i + 1}: ${d.error}`);
    assert.deepEqual(fields(d), b.fields, `block ${i + 1} fields`);
    assert.equal(d.tableSize, b.size, `block ${i + 1} table size`);
    assert.equal(d.tableLength, b.entries, `block ${i + 1} table entries`);
  }
}

const REQ1: Array<[string, string]> = [[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com']];
const REQ2: Array<[string, string]> = [...REQ1, ['cache-control', 'no-cache']];
const REQ3: Array<[string, string]> = [[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']];
const DATE1 = 'Mon, 21 Oct 2013 20:13:21 GMT';
const RES1: Array<[string, string]> = [[':status', '302'], ['cache-control', 'private'], ['date', DATE1], ['location', 'https://www.example.com']];
const RES2: Array<[string, string]> = [[':status', '307'], ['cache-control', 'private'], ['date', DATE1], ['location', 'https://www.example.com']];
const RES3: Array<[string, string]> = [[':status', '200'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'], ['location', 'https://www.example.com'], ['content-encoding', 'gzip'], ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1']];

describe('HPACK decoder: RFC 7541 appendix C', () => {
  test('C.3 requests without Huffman', () => sequence(new HpackDecoder(), [
    { block: '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d', fields: REQ1, size: 57, entries: 1 },
    { block: '8286 84be 5808 6e6f 2d63 6163 6865', fields: REQ2, size: 110, entries: 2 },
    { block: '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65', fields: REQ3, size: 164, entries: 3 },
  ]));

  test('C.4 requests with Huffman', () => sequence(new HpackDecoder(), [
    { block: '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff', fields: REQ1, size: 57, entries: 1 },
    { block: '8286 84be 5886 a8eb 1064 9cbf', fields: REQ2, size: 110, entries: 2 },
    { block: '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf', fields: REQ3, size: 164, entries: 3 },
  ]));

  test('C.5 responses without Huffman, evicting at a 256-octet table', () => sequence(new HpackDecoder(256), [
    { block: '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d', fields: RES1, size: 222, entries: 4 },
    { block: '4803 3330 37c1 c0bf', fields: RES2, size: 222, entries: 4 },
    { block: '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31', fields: RES3, size: 215, entries: 3 },
  ]));

  test('C.6 responses with Huffman, evicting at a 256-octet table', () => sequence(new HpackDecoder(256), [
    { block: '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3', fields: RES1, size: 222, entries: 4 },
    { block: '4883 640e ffc1 c0bf', fields: RES2, size: 222, entries: 4 },
    { block: '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07', fields: RES3, size: 215, entries: 3 },
  ]));
});

describe('HPACK decoder: dynamic table and errors', () => {
  test('a size update evicts down to the new size; one to 0 empties the table; an entry larger than the table empties it', () => {
    const d = new HpackDecoder();
    const c31 = hex('8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d 5808 6e6f 2d63 6163 6865');
    assert.ok(d.decode(c31, 0, c31.length));
    assert.equal(d.tableLength, 2);
    // size update to 60 (001 11111 + 29): only the newest entry (53 octets) stays, then index 62 is it
    const upd = Buffer.from([0x3f, 60 - 31, 0xbe]);
    assert.ok(d.decode(upd, 0, upd.length), d.error);
    assert.equal(d.tableLength, 1);
    assert.equal(d.tableSize, 53);
    assert.deepEqual(fields(d), [['cache-control', 'no-cache']]);
    const zero = Buffer.from([0x20]);
    assert.ok(d.decode(zero, 0, 1));
    assert.equal(d.tableLength, 0);
    // back to 100, then a literal with indexing of 32 + 70 octets > 100: the table is emptied, the field still decoded
    const big = Buffer.concat([Buffer.from([0x3f, 100 - 31, 0x40, 35]), Buffer.from('x'.repeat(35)), Buffer.from([35]), Buffer.from('y'.repeat(35))]);
    assert.ok(d.decode(big, 0, big.length), d.error);
    assert.equal(d.count, 1);
    assert.equal(d.tableLength, 0);
  });

  const bad: Array<[string, Buffer]> = [
    ['index 0', Buffer.from([0x80])],
    ['an index past the dynamic table', Buffer.from([0xbe])],
    ['a size update above our SETTINGS_HEADER_TABLE_SIZE', Buffer.from([0x3f, 0xe2, 0x1f])],
    ['a size update after a field', Buffer.from([0x82, 0x20])],
    ['a truncated integer', Buffer.from([0xff])],
    ['an integer over 2^31', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f])],
    ['a string longer than the block', Buffer.from([0x40, 0x05, 0x61])],
    // a literal without indexing, name "a", then a Huffman value
    ['a Huffman string decoding EOS', Buffer.from([0x00, 0x01, 0x61, 0x84, 0xff, 0xff, 0xff, 0xff])],
    ['Huffman padding longer than 7 bits', Buffer.from([0x00, 0x01, 0x61, 0x82, 0x1f, 0xff])],
    ['Huffman padding that is not ones', Buffer.from([0x00, 0x01, 0x61, 0x81, 0x18])],
  ];
  test('the literal the Huffman cases use decodes when its padding is right', () => {
    const d = new HpackDecoder();
    const ok = Buffer.from([0x00, 0x01, 0x61, 0x81, 0x1f]);
    assert.ok(d.decode(ok, 0, ok.length), d.error);
    assert.deepEqual(fields(d), [['a', 'a']]);
  });
  for (const [what, block] of bad) {
    test(`COMPRESSION_ERROR: ${what}`, () => {
      const d = new HpackDecoder();
      assert.equal(d.decode(block, 0, block.length), false);
      assert.equal(d.error, 'COMPRESSION_ERROR');
    });
  }

  test('a header list over 256 KiB is refused (ENHANCE_YOUR_CALM), not decoded into memory', () => {
    const v = 'v'.repeat(60_000);
    const one = Buffer.alloc(fieldRoomOf('x-big', v));
    const n = writeField(one, 0, 'x-big', v);
    const block = Buffer.concat(Array.from({ length: 5 }, () => one.subarray(0, n)));
    const d = new HpackDecoder();
    assert.equal(d.decode(block, 0, block.length), false);
    assert.equal(d.error, 'ENHANCE_YOUR_CALM');
  });
});

function fieldRoomOf(n: string, v: string): number {
  return n.length + v.length + 12;
}

describe('HPACK Huffman code (appendix B)', () => {
  test('the derived codes are appendix B\'s (a sample of every length) and complete (Kraft sum 1)', () => {
    const sample: Record<number, [number, number]> = {
      0: [0x1ff8, 13], 1: [0x7fffd8, 23], 9: [0xffffea, 24], 10: [0x3ffffffc, 30], 32: [0x14, 6], 33: [0x3f8, 10], 38: [0xf8, 8],
      39: [0x7fa, 11], 48: [0x0, 5], 58: [0x5c, 7], 60: [0x7ffc, 15], 62: [0xffb, 12], 92: [0x7fff0, 19], 94: [0x3ffc, 14],
      128: [0xfffe6, 20], 129: [0x3fffd2, 22], 153: [0x1fffdc, 21], 192: [0x3ffffe0, 26], 199: [0x1ffffec, 25], 203: [0x7ffffde, 27],
      220: [0xffffffd, 28], 225: [0xfffff3, 24], 255: [0x3ffffee, 26], 256: [0x3fffffff, 30],
    };
    for (const [s, [code, len]] of Object.entries(sample)) {
      assert.equal(HUFFMAN_LENGTHS[Number(s)], len, `length of ${s}`);
      assert.equal(HUFFMAN_CODES[Number(s)], code, `code of ${s}`);
    }
    assert.equal(HUFFMAN_LENGTHS.reduce((a, l) => a + 2 ** -l, 0), 1);
  });

  test('every byte value round-trips, alone and in a run, with the C.4 examples encoded byte for byte', () => {
    const out = Buffer.alloc(4096);
    const round = (s: string): string => {
      const e = huffmanEncode(s);
      const n = huffmanDecode(e, 0, e.length, out);
      assert.ok(n >= 0, JSON.stringify(s));
      return out.toString('latin1', 0, n);
    };
    let all = '';
    for (let c = 0; c < 256; c++) {
      const s = String.fromCharCode(c);
      assert.equal(round(s), s, `byte ${c}`);
      assert.equal(round(s + s + s), s + s + s, `byte ${c} x3`);
      all += s;
    }
    assert.equal(round(all), all);
    assert.equal(round(''), '');
    assert.equal(huffmanEncode('www.example.com').toString('hex'), 'f1e3c2e5f23a6ba0ab90f4ff');
    assert.equal(huffmanEncode('no-cache').toString('hex'), 'a8eb10649cbf');
    assert.equal(huffmanEncode('custom-value').toString('hex'), '25a849e95bb8e8b4bf');
  });
});

describe('HPACK encoder (our requests)', () => {
  test('fields are static-indexed where exact, literals without indexing otherwise; a request block decodes to its fields', () => {
    const d = new HpackDecoder();
    const buf = Buffer.alloc(256);
    let n = writeField(buf, 0, ':method', 'GET');
    assert.deepEqual([...buf.subarray(0, n)], [0x82]);
    n = writeField(buf, 0, 'accept-encoding', 'gzip, deflate');
    assert.deepEqual([...buf.subarray(0, n)], [0x80 | (STATIC_TABLE.findIndex(([k, v]) => k === 'accept-encoding' && v === 'gzip, deflate') + 1)]);
    const headers = { 'User-Agent': 'loadcert', Accept: '*/*', Connection: 'keep-alive', Host: 'example.test:8080', 'X-Long': 'z'.repeat(300) };
    const out = Buffer.alloc(requestRoom('POST', '/a?b=1', headers, '127.0.0.1:1'));
    const enc = new HpackEncoder();
    const expected = [[':method', 'POST'], [':scheme', 'https'], [':path', '/a?b=1'], [':authority', 'example.test:8080'], ['user-agent', 'loadcert'], ['accept', '*/*'], ['x-long', 'z'.repeat(300)], ['content-length', '12']];
    const len = encodeRequest(out, 0, enc, 'POST', '/a?b=1', headers, 'https', '127.0.0.1:1', 12);
    assert.ok(d.decode(out, 0, len), d.error);
    assert.deepEqual(fields(d), expected);
    assert.equal(d.tableLength, 3, ':authority, user-agent and accept were added; the path, the long value and content-length not');
    assert.equal(lastFieldBytes, d.bytes, 'data_sent counts the names and values sent');
    const again = encodeRequest(out, 0, enc, 'POST', '/a?b=1', headers, 'https', '127.0.0.1:1', 12);
    assert.ok(again < len - 20, `the repeated request is shorter (${again} < ${len} bytes): indexes`);
    assert.ok(d.decode(out, 0, again), d.error);
    assert.deepEqual(fields(d), expected);
  });

  test('the block kept for a repeated request is not reused when the method, path, body size or origin differ', () => {
    const headers = { accept: '*/*' };
    const out = Buffer.alloc(512);
    const enc = new HpackEncoder();
    const d = new HpackDecoder();
    const decode = (method: string, path: string, auth: string, body: number): Array<[string, string]> => {
      const len = encodeRequest(out, 0, enc, method, path, headers, 'http', auth, body);
      assert.ok(d.decode(out, 0, len), d.error);
      assert.equal(lastFieldBytes, d.bytes);
      return fields(d);
    };
    const first = decode('GET', '/a', 'h:1', 0);
    assert.deepEqual(decode('GET', '/a', 'h:1', 0), first);
    assert.deepEqual(decode('GET', '/b', 'h:1', 0)[2], [':path', '/b']);
    assert.deepEqual(decode('DELETE', '/b', 'h:1', 0)[0], [':method', 'DELETE']);
    assert.deepEqual(decode('DELETE', '/b', 'h:2', 0)[3], [':authority', 'h:2']);
    assert.deepEqual(decode('DELETE', '/b', 'h:2', 7).at(-1), ['content-length', '7']);
  });

  test('the encoder\'s table stays the decoder\'s through churn, evictions and a lowered table size', () => {
    // Deterministic pseudo-random requests (a fixed LCG seed: no chance involved).
    let seed = 12345;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const enc = new HpackEncoder();
    const d = new HpackDecoder();
    const out = Buffer.alloc(64 * 1024);
    const sets = Array.from({ length: 40 }, (_, i) => {
      const h: Record<string, string> = {};
      for (let j = 0; j < 1 + (i % 6); j++) h[`x-h${rnd(30)}`] = 'v'.repeat(rnd(120)) + String(rnd(1000));
      if (i % 5 === 0) h.cookie = `sid=${i}`;
      return h;
    });
    for (let r = 0; r < 2000; r++) {
      if (r === 1000) enc.setPeerTableSize(300);
      const h = sets[rnd(sets.length)];
      const path = `/p/${rnd(5)}`;
      const len = encodeRequest(out, 0, enc, 'GET', path, h, 'http', `host${rnd(3)}:80`, 0);
      assert.ok(d.decode(out, 0, len), `request ${r}: ${d.error}`);
      const want = Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]);
      assert.deepEqual(fields(d).slice(4), want, `request ${r}`);
      assert.equal(fields(d)[2][1], path);
      if (r > 1000) assert.ok(d.tableSize <= 300, `request ${r}: the decoder's table was lowered (${d.tableSize})`);
    }
  });
});
