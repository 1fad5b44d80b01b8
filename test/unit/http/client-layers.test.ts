import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, brotliCompressSync, deflateRawSync } from 'node:zlib';
import { nextHop, hopHeaders, isRedirect } from '../../../src/protocols/http/client/redirects.ts';
import { decodeBody, DECODE_ERROR } from '../../../src/protocols/http/client/decode.ts';
import { resolveUrl, pathProblem } from '../../../src/protocols/http/client/url.ts';
import { VuCookieJar } from '../../../src/protocols/http/client/cookie-jar.ts';
import { mergeHeaders } from '../../../src/protocols/http/client/headers.ts';
import { ResponseParser } from '../../../src/protocols/http/h1/response-parser.ts';

describe('redirect policy', () => {
  test('301/302/303 become GET (HEAD stays HEAD) without the body; 307/308 keep both; only these with a Location are followed', () => {
    for (const s of [301, 302, 303]) {
      assert.deepEqual(nextHop('POST', s), { method: 'GET', keepBody: false });
      assert.deepEqual(nextHop('HEAD', s), { method: 'HEAD', keepBody: false });
    }
    for (const s of [307, 308]) assert.deepEqual(nextHop('PUT', s), { method: 'PUT', keepBody: true });
    assert.equal(isRedirect(302, '/x'), true);
    assert.equal(isRedirect(302, undefined), false);
    assert.equal(isRedirect(300, '/x'), false);
    assert.equal(isRedirect(304, '/x'), false);
  });
  test('a hop drops body headers when the body goes and credentials when it leaves the origin', () => {
    const h = { 'Content-Type': 'a/b', Authorization: 'x', Cookie: 'c=1', accept: '*/*' };
    assert.deepEqual(hopHeaders(h, false, false), { Authorization: 'x', Cookie: 'c=1', accept: '*/*' });
    assert.deepEqual(hopHeaders(h, true, true), { 'Content-Type': 'a/b', accept: '*/*' });
    assert.equal(hopHeaders(h, true, false), h);
  });
});

describe('body decoding', () => {
  const text = Buffer.from('héllo '.repeat(100));
  test('gzip, br, raw and zlib deflate, and stacked codings decode; unknown codings leave the bytes', () => {
    assert.deepEqual(decodeBody(gzipSync(text), 'gzip'), text);
    assert.deepEqual(decodeBody(brotliCompressSync(text), 'BR'), text);
    assert.deepEqual(decodeBody(deflateRawSync(text), 'deflate'), text);
    assert.deepEqual(decodeBody(brotliCompressSync(gzipSync(text)), 'gzip, br'), text);
    assert.deepEqual(decodeBody(text, 'zstd'), text);
  });
  test('corrupt or truncated data is DECODE_ERROR', () => {
    const gz = gzipSync(text);
    for (const bad of [Buffer.from('nope'), gz.subarray(0, gz.length - 5)])
      assert.throws(() => decodeBody(bad, 'gzip'), (e: Error & { code?: string }) => e.code === DECODE_ERROR);
  });
});

describe('request URLs', () => {
  const base = new URL('http://127.0.0.1:8080/app/');
  test('below the base path, WHATWG-encoded, fragment dropped; absolute URLs as they are; userinfo to Basic', () => {
    assert.equal(resolveUrl('x/y?a=1#f', base, '/app').target, '/app/x/y?a=1');
    assert.equal(resolveUrl('/ü', base, '/app').target, '/app/%C3%BC');
    assert.equal(resolveUrl('//evil/x', base, '/app').origin, 'http://127.0.0.1:8080', 'a path starting with // stays a path');
    const u = resolveUrl('https://a:b@localhost/p', base, '/app');
    assert.deepEqual([u.origin, u.target, u.href, u.authorization], ['https://localhost', '/p', 'https://localhost/p', `Basic ${Buffer.from('a:b').toString('base64')}`]);
    assert.equal(pathProblem('/fine path'), undefined);
    assert.match(pathProblem('ftp://x/y') ?? '', /not http/);
    assert.match(pathProblem('http://[::1/x') ?? '', /cannot be parsed/);
  });
});

describe('cookie jar', () => {
  test('RFC 6265 through tough-cookie: Path, Secure, Max-Age, Domain', () => {
    const jar = new VuCookieJar();
    assert.equal(jar.header('http://example.com/'), undefined, 'an unused jar answers without work');
    jar.receive('https://example.com/app/login', ['p=1; Path=/app', 's=2; Secure', 'gone=3; Max-Age=0', 'd=4; Domain=example.com; Path=/']);
    assert.equal(jar.header('https://example.com/app/x'), 'p=1; s=2; d=4');
    assert.equal(jar.header('http://example.com/other'), 'd=4', 'no Secure cookie over http to a non-local host, no cookie outside its Path');
    assert.equal(jar.header('http://sub.example.com/'), 'd=4', 'a Domain cookie reaches subdomains');
    jar.reset();
    assert.equal(jar.header('https://example.com/app/x'), undefined);
  });
  test("k6's jar methods: set with options, cookiesForURL, delete, clear", () => {
    const jar = new VuCookieJar();
    jar.set('http://example.com/', 'k', 'v', { path: '/x' });
    jar.set('http://example.com/', 'k2', 'v2');
    assert.deepEqual(jar.cookiesForURL('http://example.com/x/1'), { k: ['v'], k2: ['v2'] });
    jar.delete('http://example.com/x/1', 'k');
    assert.deepEqual(jar.cookiesForURL('http://example.com/x/1'), { k2: ['v2'] });
    jar.clear('http://example.com/');
    assert.deepEqual(jar.cookiesForURL('http://example.com/x/1'), {});
  });
});

describe('headers', () => {
  test('a header given in another case replaces the default', () => {
    assert.deepEqual(mergeHeaders({ 'user-agent': 'loadcert/1' }, { 'User-Agent': 'me' }), { 'User-Agent': 'me' });
  });
});

describe('parser: headers the client layers need', () => {
  test('Location, every Set-Cookie and Content-Encoding are captured without keepHeaders, at every split', () => {
    const resp = Buffer.from('HTTP/1.1 302 Found\r\nLocation: /next\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nContent-Encoding: gzip\r\nContent-Length: 0\r\n\r\n', 'latin1');
    for (let cut = 1; cut < resp.length; cut++) {
      const p = new ResponseParser({ onHead() {}, onBody() {} });
      p.begin(false, false);
      assert.ok(p.feed(resp.subarray(0, cut)) && p.feed(resp.subarray(cut)));
      assert.deepEqual(p.notable, { location: '/next', setCookie: ['a=1', 'b=2'], contentEncoding: 'gzip' }, `cut at ${cut}`);
      assert.equal(p.raw, undefined);
    }
    const p = new ResponseParser({ onHead() {}, onBody() {} });
    p.begin(false, false);
    p.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    assert.equal(p.notable, undefined, 'nothing allocated when none came');
  });
});
