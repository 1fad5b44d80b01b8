// The cookie session area and response compression of the running stack, seen by a plain node:http
// client (no redirect following, no cookie jar, no decoding): every status, header and wire byte as sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { requireStack, skipUnlessStack } from './stack-env.ts';
import { startReplica, TEST_PORT_BASE, type TestReplica } from './replicas.ts';

const USER = process.env.SESSION_USER ?? 'a.martin';
const PASSWORD = process.env.SESSION_PASSWORD ?? 'enterprise-docs-demo';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body bytes as they came on the wire (still encoded). */
  body: Buffer;
}

/** One request with node:http (to the stack's API, or `base`): nothing followed, stored or decoded. */
function raw(method: string, pathname: string, headers: Record<string, string> = {}, body?: string, base = requireStack().baseUrl): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + pathname, { method, headers, timeout: 15_000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathname} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The `name=value` of the session cookie from a response's Set-Cookie, and its attributes. */
function sessionCookie(res: Raw): { pair: string; attributes: string } {
  const line = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('ed.session='));
  assert.ok(line, `no ed.session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  const [pair, ...attributes] = line.split(';');
  return { pair, attributes: attributes.join(';').toLowerCase() };
}

const form = (user: string, password: string) => new URLSearchParams({ username: user, password }).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Signs in with the form and returns the Cookie header value. */
async function login(): Promise<string> {
  const res = await raw('POST', '/account/login?ReturnUrl=%2Fsession%2Fdocuments', FORM, form(USER, PASSWORD));
  assert.equal(res.status, 302, res.body.toString());
  return sessionCookie(res).pair;
}

describe('enterprise-docs cookie session area', { skip: skipUnlessStack() }, () => {
  test('an anonymous session request is redirected with 302 to the login path, whatever the bearer token', async () => {
    const s = requireStack();
    for (const route of ['/session/documents', '/session/me']) {
      for (const headers of [{}, { authorization: `Bearer ${s.token}` }] as Record<string, string>[]) {
        const res = await raw('GET', route, headers);
        assert.equal(res.status, 302, `${route} ${JSON.stringify(headers)}`);
        const location = new URL(res.headers.location ?? '', s.baseUrl);
        assert.equal(location.pathname, '/account/login');
        assert.equal(location.searchParams.get('ReturnUrl'), route);
      }
    }
    // a script marked as XMLHttpRequest gets 401 instead, as the cookie handler always did
    const xhr = await raw('GET', '/session/documents', { 'x-requested-with': 'XMLHttpRequest' });
    assert.equal(xhr.status, 401);
  });

  test('the login page answers 200 with a form posting back to the ReturnUrl', async () => {
    const res = await raw('GET', '/account/login?ReturnUrl=%2Fsession%2Fdocuments');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/html/);
    const html = res.body.toString();
    assert.match(html, /<form method="post" action="\/account\/login\?ReturnUrl=%2Fsession%2Fdocuments">/);
    assert.match(html, /name="username"/);
    assert.match(html, /name="password"/);
  });

  test('a form login sets the HttpOnly session cookie and redirects to the ReturnUrl; wrong credentials get 401', async () => {
    const wrong = await raw('POST', '/account/login?ReturnUrl=%2Fsession%2Fdocuments', FORM, form(USER, 'not-the-password'));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
    const empty = await raw('POST', '/account/login', FORM, '');
    assert.equal(empty.status, 400);
    const res = await raw('POST', '/account/login?ReturnUrl=%2Fsession%2Fdocuments', FORM, form(USER, PASSWORD));
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/session/documents');
    const cookie = sessionCookie(res);
    assert.match(cookie.attributes, /httponly/);
    assert.match(cookie.attributes, /samesite=lax/);
    assert.match(cookie.attributes, /path=\//);
    // another origin as ReturnUrl is not followed (no open redirect)
    const away = await raw('POST', '/account/login?ReturnUrl=%2F%2Fexample.com%2F', FORM, form(USER, PASSWORD));
    assert.equal(away.headers.location, '/session/me');
  });

  test('with the cookie, /session/me and /session/documents answer 200 with the user\'s recent documents', async () => {
    const cookie = await login();
    const me = await raw('GET', '/session/me', { cookie });
    assert.equal(me.status, 200);
    assert.equal((JSON.parse(me.body.toString()) as { user: string }).user, USER);
    const res = await raw('GET', '/session/documents?limit=10', { cookie });
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body.toString()) as { user: string; count: number; items: { owner: string; updatedAt: string }[] };
    assert.equal(body.user, USER);
    assert.equal(body.count, 10);
    assert.equal(body.items.length, 10);
    assert.ok(body.items.every((d) => d.owner === USER), 'only the user\'s documents');
    const times = body.items.map((d) => Date.parse(d.updatedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    // the cookie is no bearer token: the API still answers 401
    const api = await raw('GET', '/api/documents', { cookie });
    assert.equal(api.status, 401);
  });

  test('a JSON login answers 200 with a cookie; logout clears it and the session redirects again', async () => {
    const res = await raw('POST', '/account/login', { 'content-type': 'application/json' }, JSON.stringify({ username: USER, password: PASSWORD }));
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { user: USER });
    const { pair } = sessionCookie(res);
    const out = await raw('POST', '/account/logout', { cookie: pair });
    assert.equal(out.status, 302);
    assert.equal(out.headers.location, '/account/login');
    assert.match(sessionCookie(out).attributes, /expires=thu, 01 jan 1970/);
    const wrong = await raw('POST', '/account/login', { 'content-type': 'application/json' }, JSON.stringify({ username: USER, password: 'x' }));
    assert.equal(wrong.status, 401);
  });
});

describe('enterprise-docs session across replicas and accounts', { skip: skipUnlessStack() }, () => {
  let other: TestReplica | undefined;
  before(async () => {
    other = await startReplica('enterprise-docs-test-session', TEST_PORT_BASE + 8, { SESSION_USER: 'b.chen', SESSION_PASSWORD: 'another-secret' });
  });
  after(async () => { await other?.stop(); });

  test('a cookie issued by one replica is read by another (key ring in Redis)', async () => {
    const cookie = await login();
    const res = await raw('GET', '/session/me', { cookie }, undefined, other!.url);
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(res.body.toString()) as { user: string }).user, USER);
  });

  test('the demo account comes from SESSION_USER and SESSION_PASSWORD', async () => {
    const refused = await raw('POST', '/account/login', FORM, form(USER, PASSWORD), other!.url);
    assert.equal(refused.status, 401);
    const res = await raw('POST', '/account/login', FORM, form('b.chen', 'another-secret'), other!.url);
    assert.equal(res.status, 302);
    const docs = await raw('GET', '/session/documents?limit=5', { cookie: sessionCookie(res).pair }, undefined, other!.url);
    const body = JSON.parse(docs.body.toString()) as { user: string; items: { owner: string }[] };
    assert.equal(body.user, 'b.chen');
    assert.ok(body.items.length === 5 && body.items.every((d) => d.owner === 'b.chen'));
  });
});

describe('enterprise-docs response compression', { skip: skipUnlessStack() }, () => {
  test('JSON is sent gzip or brotli as the client accepts, identical once decoded, and plain without Accept-Encoding', async () => {
    const s = requireStack();
    const cookie = await login();
    for (const [route, headers] of [
      ['/session/documents', { cookie }],
      ['/api/documents?page=3&pageSize=20', { authorization: `Bearer ${s.token}` }],
    ] as const) {
      const plain = await raw('GET', route, headers);
      assert.equal(plain.status, 200, route);
      assert.equal(plain.headers['content-encoding'], undefined, `${route}: nothing asked, nothing encoded`);
      const json = JSON.parse(plain.body.toString());

      const gz = await raw('GET', route, { ...headers, 'accept-encoding': 'gzip' });
      assert.equal(gz.status, 200);
      assert.equal(gz.headers['content-encoding'], 'gzip', route);
      assert.match(gz.headers['content-type'] ?? '', /^application\/json/);
      assert.match(String(gz.headers.vary), /Accept-Encoding/i);
      assert.deepEqual([gz.body[0], gz.body[1]], [0x1f, 0x8b], 'gzip magic bytes on the wire');
      assert.ok(gz.body.length < plain.body.length, `${route}: ${gz.body.length} compressed bytes < ${plain.body.length}`);
      assert.deepEqual(JSON.parse(gunzipSync(gz.body).toString()), json);

      const br = await raw('GET', route, { ...headers, 'accept-encoding': 'br' });
      assert.equal(br.headers['content-encoding'], 'br', route);
      assert.deepEqual(JSON.parse(brotliDecompressSync(br.body).toString()), json);
    }
  });
});
