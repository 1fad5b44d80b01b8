import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { startServer, runWorkload, count } from './run-workload.ts';

// /<coding> answers a JSON document encoded with that coding (and records the wire bytes it wrote);
// /corrupt claims gzip but sends bytes that are not.
const doc = { items: Array.from({ length: 50 }, (_, i) => ({ id: i, title: `document ${i}` })) };
const plain = Buffer.from(JSON.stringify(doc));
const encoded: Record<string, Buffer> = { gzip: gzipSync(plain), deflate: deflateSync(plain), br: brotliCompressSync(plain) };
let acceptEncoding: Array<string | undefined> = [];
let srv: Awaited<ReturnType<typeof startServer>>;
before(async () => {
  srv = await startServer((req, res) => {
    acceptEncoding.push(req.headers['accept-encoding']);
    const coding = (req.url ?? '/').slice(1);
    if (coding === 'corrupt') { res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': '10' }); res.end(Buffer.from('not gzip!!')); return; }
    const body = encoded[coding];
    res.writeHead(200, { 'content-encoding': coding, 'content-type': 'application/json', 'content-length': String(body.length) });
    res.end(body);
  });
});
after(() => srv.close());

describe('compressed responses', { timeout: 30_000 }, () => {
  test('gzip, deflate and br bodies are decoded for body and json(); data_received stays the wire bytes', async () => {
    acceptEncoding = [];
    const got: Record<string, unknown> = {};
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => {
      for (const c of ['gzip', 'deflate', 'br']) got[c] = (await http.get(`/${c}`, { tags: { name: c } })).json();
    } }, srv.url);
    for (const c of ['gzip', 'deflate', 'br']) {
      assert.deepEqual(got[c], doc, c);
      const wire = store.query('data_received', { name: c })!.values(1).count;
      assert.ok(wire > encoded[c].length && wire < encoded[c].length + 400, `${c}: data_received ${wire} counts the ${encoded[c].length} encoded bytes plus the head, not the ${plain.length} decoded ones`);
    }
    assert.deepEqual(acceptEncoding, ['gzip, deflate, br', 'gzip, deflate, br', 'gzip, deflate, br']);
  });

  test('a corrupt encoding fails the request with LC_HTTP_DECODE', async () => {
    let error: string | undefined;
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => { error = (await http.get('/corrupt')).error; } }, srv.url);
    assert.equal(error, 'LC_HTTP_DECODE');
    assert.equal(count(store, 'http_reqs', { error: 'LC_HTTP_DECODE' }), 1);
    assert.equal(store.query('http_req_failed', {})!.values(1).passes, 1);
  });

  test('compression: false sends no Accept-Encoding', async () => {
    acceptEncoding = [];
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ path: '/gzip' }] }, srv.url, { compression: false });
    assert.deepEqual(acceptEncoding, [undefined]);
  });
});
