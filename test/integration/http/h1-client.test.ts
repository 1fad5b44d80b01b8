// loadcert's HTTP/1.1 client (pool + sendRequest) against real servers on 127.0.0.1 port 0: node:http
// servers, and raw node:net servers that write exact bytes and count every byte and socket they see.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket, type AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { HttpTagCache } from '../../../src/protocols/http/http-series.ts';
import { H1Pool } from '../../../src/protocols/http/h1/pool.ts';
import { sendRequest, InflightRequests, type SendSpec, type SendResult } from '../../../src/protocols/http/request.ts';

// ---- servers ----

/** Socket bookkeeping a test server keeps: sockets seen, open now, most open at once. */
class SocketCount {
  total = 0;
  open = 0;
  maxOpen = 0;
  readonly sockets = new Set<Socket>();
  track(s: Socket): void {
    this.total++;
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    this.sockets.add(s);
    s.on('close', () => { this.open--; this.sockets.delete(s); });
  }
}

const toClose: Array<() => Promise<void>> = [];
after(async () => { for (const c of toClose) await c(); });

/** A node:http server on 127.0.0.1 port 0, closed after the file. */
async function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: HttpServer; url: string; count: SocketCount }> {
  const count = new SocketCount();
  const server = createHttpServer(handler);
  server.on('connection', (s: Socket) => count.track(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  toClose.push(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count };
}

/** A request as a raw server reads it. */
interface RawRequest { method: string; target: string; head: string; body: Buffer; socket: Socket; index: number }

/**
 * A raw TCP server on 127.0.0.1 port 0 that splits HTTP/1.1 requests itself (head, then Content-Length
 * bytes) and hands each to `onRequest` with its index on the socket; it counts every byte read and written.
 */
async function rawServer(onRequest: (r: RawRequest) => void): Promise<{ url: string; port: number; count: SocketCount; received: Buffer[]; written: () => number; requests: RawRequest[] }> {
  const count = new SocketCount();
  const received: Buffer[] = [];
  const requests: RawRequest[] = [];
  let written = 0;
  const server: NetServer = createNetServer((socket) => {
    count.track(socket);
    socket.setNoDelay(true);
    const write = socket.write.bind(socket);
    socket.write = ((data: string | Buffer, ...rest: never[]) => {
      written += typeof data === 'string' ? Buffer.byteLength(data, 'latin1') : data.length;
      return write(data as Buffer, ...rest);
    }) as typeof socket.write;
    let buf = Buffer.alloc(0);
    let index = 0;
    socket.on('data', (d: Buffer) => {
      received.push(d);
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.toString('latin1', 0, end);
        const m = /\r\ncontent-length: *(\d+)/i.exec(head);
        const len = m ? Number(m[1]) : 0;
        if (buf.length < end + 4 + len) return;
        const body = buf.subarray(end + 4, end + 4 + len);
        buf = buf.subarray(end + 4 + len);
        const [method, target] = head.split(' ');
        const r = { method, target, head, body, socket, index: index++ };
        requests.push(r);
        onRequest(r);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  toClose.push(async () => { for (const s of count.sockets) s.destroy(); await new Promise((r) => server.close(r)); });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, count, received, written: () => written, requests };
}

/** Writes `parts` to `socket` one by one, `gapMs` apart. */
function writeSlowly(socket: Socket, parts: Array<string | Buffer>, gapMs: number): void {
  let i = 0;
  const next = () => {
    if (socket.destroyed) return;
    socket.write(parts[i++]);
    if (i < parts.length) setTimeout(next, gapMs);
  };
  next();
}

/** Polls `cond` every 10 ms for at most `ms`; returns whether it became true. */
async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

// ---- client ----

/** A pool to `url` with its own metric store and one endpoint `e`. */
function client(url: string, connections: number, timeoutMs = 5000) {
  const store = new MetricStore(new MetricRegistry());
  const tags = new HttpTagCache({ scenario: 't' }, tagSet, store);
  const pool = new H1Pool(new URL(url), { connections, timeoutMs });
  toClose.push(() => pool.close());
  const inflight = new InflightRequests();
  const send = (over: Partial<SendSpec> = {}, flight = inflight): Promise<SendResult> => {
    const method = over.method ?? 'GET';
    return sendRequest(pool, {
      method, path: '/', headers: {}, endpoint: tags.endpoint('e', method), readBody: true, timeoutMs,
      ...over,
    }, performance.now(), tags, flight);
  };
  const counter = (metric: string, sel: Record<string, string> = {}) => store.query(metric, sel)?.values(1).count ?? 0;
  return { store, pool, send, inflight, counter };
}

const okHandler = (_req: IncomingMessage, res: ServerResponse) => res.end('ok');

describe('h1 client', { timeout: 60_000 }, () => {
  test('keep-alive: requests over a pool of one connection use one socket on the server', { timeout: 15_000 }, async () => {
    const { url, count } = await httpServer(okHandler);
    const c = client(url, 1);
    for (let i = 0; i < 10; i++) {
      const r = await c.send();
      assert.equal(r.status, 200);
      assert.equal(r.body, 'ok');
    }
    const rs = await Promise.all(Array.from({ length: 10 }, () => c.send()));
    assert.ok(rs.every((r) => r.ok));
    assert.equal(count.total, 1, 'one socket for all 20 requests');
    assert.equal(c.counter('http_reqs', { expected_response: 'true' }), 20);
    const conn = c.store.query('http_req_connecting', { name: 'e' })!.values(1);
    assert.equal(conn.count, 20);
    assert.ok(conn.max > 0 && conn.med === 0, 'one new connection, then reuse');
  });

  test('the connections limit is never exceeded and requests beyond it queue (their wait in http_req_blocked)', { timeout: 20_000 }, async () => {
    const DELAY = 30;
    let inHandler = 0;
    let maxInHandler = 0;
    const { url, count } = await httpServer((_req, res) => {
      maxInHandler = Math.max(maxInHandler, ++inHandler);
      setTimeout(() => { inHandler--; res.end('ok'); }, DELAY);
    });
    const c = client(url, 3);
    const rs = await Promise.all(Array.from({ length: 30 }, () => c.send()));
    assert.ok(rs.every((r) => r.ok), 'every request answered');
    assert.ok(count.maxOpen <= 3, `at most 3 sockets open at once on the server (saw ${count.maxOpen})`);
    assert.equal(count.total, 3, 'and exactly 3 opened for 30 requests');
    assert.ok(maxInHandler <= 3, `at most 3 requests at once in the server (saw ${maxInHandler})`);
    // The last requests wait for 9 earlier ones on their connection, each held >= DELAY ms by the server.
    const blocked = c.store.query('http_req_blocked', { name: 'e' })!.values(1);
    assert.equal(blocked.count, 30);
    assert.ok(blocked.max >= 9 * DELAY * 0.9, `blocked max ${blocked.max} ms includes the queue wait`);
    const waiting = c.store.query('http_req_waiting', { name: 'e' })!.values(1);
    assert.ok(blocked.max > waiting.max, `the queue wait is in blocked (${blocked.max}), not in waiting (${waiting.max})`);
  });

  test('a server closing idle keep-alive connections (short keepAliveTimeout) never fails a request', { timeout: 15_000 }, async () => {
    const { server, url, count } = await httpServer(okHandler);
    server.keepAliveTimeout = 100;
    const c = client(url, 1);
    for (let i = 0; i < 4; i++) {
      const r = await c.send();
      assert.equal(r.ok, true, `request ${i}: ${r.error}`);
      await new Promise((res) => setTimeout(res, 300)); // past the server's idle timeout
    }
    assert.ok(count.total >= 2, `the server's idle closes happened (${count.total} sockets)`);
    assert.equal(c.store.query('http_req_failed')!.values(1).rate, 0);
  });

  test('a reused connection that dies as a GET is written: the GET is sent again once and succeeds', { timeout: 15_000 }, async () => {
    // The server answers the first request on each socket and closes the socket when a second one arrives:
    // the race of a keep-alive timeout running out on the server while the client writes.
    const srv = await rawServer((r) => {
      if (r.index === 0) r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      else r.socket.destroy();
    });
    const c = client(srv.url, 1);
    assert.equal((await c.send()).ok, true);
    const r = await c.send();
    assert.equal(r.ok, true, `the second GET: ${r.error}`);
    assert.equal(r.body, 'ok');
    assert.equal(srv.count.total, 2, 'sent again on a new socket');
    assert.equal(srv.requests.filter((q) => q.method === 'GET').length, 3, 'the GET reached the server twice, no more');
    assert.equal(c.store.query('http_req_failed')!.values(1).rate, 0);
  });

  test('a reused connection that dies as a POST is written: the POST fails and is not sent twice', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      if (r.index === 0) r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      else r.socket.destroy();
    });
    const c = client(srv.url, 1);
    assert.equal((await c.send()).ok, true);
    const r = await c.send({ method: 'POST', body: 'pay once' });
    assert.equal(r.ok, false);
    assert.ok(['LC_HTTP_CLOSED', 'ECONNRESET', 'EPIPE'].includes(r.error!), `error ${r.error}`);
    await new Promise((res) => setTimeout(res, 200)); // time for a second send to show up, if there were one
    assert.equal(srv.requests.filter((q) => q.method === 'POST').length, 1, 'the POST reached the server once');
    assert.equal(c.counter('http_reqs', { method: 'POST', error: r.error! }), 1);
  });

  test('ECONNREFUSED fails each request with that error tag and does not hang', { timeout: 15_000 }, async () => {
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r)); // nothing listens there now
    const c = client(`http://127.0.0.1:${port}`, 2);
    const rs = await Promise.all(Array.from({ length: 5 }, () => c.send()));
    for (const r of rs) {
      assert.equal(r.ok, false);
      assert.equal(r.status, 0);
      assert.equal(r.error, 'ECONNREFUSED');
    }
    assert.equal(c.counter('http_reqs', { error: 'ECONNREFUSED', expected_response: 'false' }), 5);
    assert.equal(c.store.query('http_req_failed', { error: 'ECONNREFUSED' })!.values(1).rate, 1);
    // and the pool still works for later requests (none hang either)
    const again = await c.send();
    assert.equal(again.error, 'ECONNREFUSED');
  });

  test('a server that never answers: LC_HTTP_TIMEOUT, after at least the timeout', { timeout: 15_000 }, async () => {
    const srv = await rawServer(() => {}); // reads the request, never answers
    const c = client(srv.url, 1, 300);
    const r = await c.send();
    assert.equal(r.ok, false);
    assert.equal(r.error, 'LC_HTTP_TIMEOUT');
    assert.ok(r.duration >= 300, `duration ${r.duration} ms`);
    assert.equal(srv.requests.length, 1, 'the request was sent');
    assert.ok(await until(() => srv.count.open === 0), 'the timed-out connection is closed');
    assert.equal(c.counter('http_reqs', { error: 'LC_HTTP_TIMEOUT' }), 1);
  });

  test('the timeout bounds the whole request: a server trickling a byte every 100 ms cannot stretch a 300 ms timeout', { timeout: 15_000 }, async () => {
    // 20 body bytes, one every 100 ms: each gap is well inside the timeout, the whole takes about 2 s.
    let serverDone = false;
    const srv = await rawServer((r) => {
      const parts = ['HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n', ...Array.from({ length: 20 }, () => 'x')];
      let i = 0;
      const next = (): void => {
        if (r.socket.destroyed) return;
        r.socket.write(parts[i++]);
        if (i < parts.length) setTimeout(next, 100);
        else serverDone = true;
      };
      next();
    });
    const c = client(srv.url, 1, 300);
    const r = await c.send();
    assert.equal(r.error, 'LC_HTTP_TIMEOUT');
    assert.equal(serverDone, false, 'the request failed while the server was still trickling its body');
    assert.equal(c.counter('http_reqs', { error: 'LC_HTTP_TIMEOUT' }), 1);
  });

  test('a user Connection: close is sent, and the connection is closed after the response (a new socket for the next request)', { timeout: 15_000 }, async () => {
    // A raw server that ignores the header and keeps every socket open: only the client can close them.
    const srv = await rawServer((r) => r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const c = client(srv.url, 1);
    for (let i = 0; i < 3; i++) assert.equal((await c.send({ headers: { Connection: 'close' } })).ok, true);
    assert.deepEqual(srv.requests.map((q) => /\r\nconnection: close(\r\n|$)/i.test(q.head)), [true, true, true], 'the server saw the header on every request');
    assert.equal(srv.count.total, 3, 'each request on its own socket');
    assert.ok(await until(() => srv.count.open === 0), 'the client closed each socket after its response');
    // Other connection options stay loadcert's: keep-alive is not written, and the socket is kept.
    assert.equal((await c.send({ headers: { Connection: 'keep-alive' } })).ok, true);
    assert.equal((await c.send()).ok, true);
    assert.equal(srv.count.total, 4);
    assert.doesNotMatch(srv.requests[3].head, /connection:/i);
  });

  test('a peer that is not HTTP (writes a banner) fails at once with LC_HTTP_PARSE, not at the timeout', { timeout: 15_000 }, async () => {
    const sockets = new Set<Socket>();
    const banner = createNetServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.write('SSH-2.0-OpenSSH_9.6\r\n'); // no blank line: a parser waiting for a whole head would wait for the timeout
      setTimeout(() => s.destroy(), 5000).unref(); // its own close, long before the client's 30 s timeout
    });
    await new Promise<void>((r) => banner.listen(0, '127.0.0.1', r));
    toClose.push(async () => { for (const s of sockets) s.destroy(); await new Promise((r) => banner.close(r)); });
    const c = client(`http://127.0.0.1:${(banner.address() as AddressInfo).port}`, 1, 30_000);
    const r = await c.send();
    // PARSE, not LC_HTTP_CLOSED (the server's close at 5 s) nor LC_HTTP_TIMEOUT (30 s): it failed on the banner itself.
    assert.equal(r.error, 'LC_HTTP_PARSE');
    assert.equal(c.counter('http_reqs', { error: 'LC_HTTP_PARSE', expected_response: 'false' }), 1);
  });

  test('a server closing after each response without Connection: close: 20 GET-then-POST pairs, sequential and at once, none fails', { timeout: 30_000 }, async () => {
    const srv = await rawServer((r) => {
      r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      r.socket.end();
    });
    const c = client(srv.url, 1);
    for (let i = 0; i < 20; i++) {
      const g = await c.send();
      const p = await c.send({ method: 'POST', body: `pay ${i}` });
      assert.equal(g.ok, true, `GET ${i}: ${g.error}`);
      assert.equal(p.ok, true, `POST ${i}: ${p.error}`);
    }
    for (let i = 0; i < 20; i++) {
      const [g, p] = await Promise.all([c.send(), c.send({ method: 'POST', body: `pay ${i}` })]);
      assert.equal(g.ok, true, `GET ${i} (at once): ${g.error}`);
      assert.equal(p.ok, true, `POST ${i} (at once): ${p.error}`);
    }
    assert.equal(srv.requests.filter((q) => q.method === 'POST').length, 40, 'each POST reached the server once');
    assert.equal(c.store.query('http_req_failed')!.values(1).rate, 0);
  });

  test('a POST waiting its one I/O turn can be aborted (interrupted) and close() fails it: nothing is sent', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const c = client(srv.url, 1);
    const flight = new InflightRequests();
    assert.equal((await c.send({}, flight)).ok, true);
    const p = c.send({ method: 'POST', body: 'x' }, flight); // its connection was released in this turn: it waits
    flight.abortAll();
    assert.equal((await p).error, 'interrupted');
    assert.equal((await c.send()).ok, true);
    const q = c.send({ method: 'POST', body: 'y' });
    await c.pool.close();
    assert.equal((await q).error, 'LC_HTTP_POOL_CLOSED');
    assert.equal(srv.requests.filter((r) => r.method === 'POST').length, 0);
  });

  test('every failed request carries its error code as a tag, a failed response its status', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      if (r.target === '/500') r.socket.write('HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n');
      else if (r.target === '/bad') r.socket.write('nope\r\n\r\n');
      else r.socket.destroy();
    });
    const c = client(srv.url, 1, 2000);
    assert.equal((await c.send({ path: '/500' })).status, 500);
    assert.equal((await c.send({ path: '/bad' })).error, 'LC_HTTP_PARSE');
    assert.equal((await c.send({ method: 'POST', path: '/cut' })).error, 'LC_HTTP_CLOSED');
    assert.equal(c.store.query('http_req_failed')!.values(1).rate, 1);
    assert.equal(c.counter('http_reqs', { expected_response: 'false' }), 3);
    // Each failed sample is in a series that names its cause: the status, or the error code with status 0.
    assert.equal(c.counter('http_reqs', { status: '500', expected_response: 'false' }), 1);
    for (const code of ['LC_HTTP_PARSE', 'LC_HTTP_CLOSED']) {
      assert.equal(c.counter('http_reqs', { status: '0', error: code }), 1, code);
      assert.equal(c.store.query('http_req_failed', { error: code })!.values(1).rate, 1, code);
      assert.equal(c.store.query('http_req_duration', { error: code })!.values(1).count, 1, code);
    }
  });

  test('abort (abortAll) of in-flight and queued requests: every promise resolves "interrupted", counted in interrupted_operations only', { timeout: 15_000 }, async () => {
    const srv = await rawServer(() => {}); // holds every request
    const c = client(srv.url, 1);
    const ps = Array.from({ length: 4 }, () => c.send()); // one in flight, three queued
    assert.ok(await until(() => srv.requests.length === 1), 'the first request reached the server');
    c.inflight.abortAll();
    const rs = await Promise.all(ps);
    for (const r of rs) {
      assert.equal(r.ok, false);
      assert.equal(r.error, 'interrupted');
    }
    assert.equal(c.counter('interrupted_operations', { scenario: 't', protocol: 'http', op: 'request' }), 4);
    for (const m of ['http_reqs', 'http_req_duration', 'http_req_failed']) assert.equal(c.store.query(m), undefined, `nothing in ${m}`);
    assert.ok(await until(() => srv.requests[0].socket.closed), 'the aborted request\'s socket is closed');
    // a request started on an aborted VU is cut at once
    const late = await c.send();
    assert.equal(late.error, 'interrupted');
    assert.equal(srv.requests.length, 1, 'and is never sent');
  });

  test('CR/LF in a header value, a space in the path, a bad header name or method: LC_HTTP_INVALID_REQUEST and nothing written', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const c = client(srv.url, 1);
    const bad: Array<Partial<SendSpec>> = [
      { headers: { 'x-a': 'v\r\nX-Injected: 1' } },
      { headers: { 'x-a': 'v\nX-Injected: 1' } },
      { headers: { 'x-a': 'v\r' } },
      { headers: { 'bad name': 'v' } },
      { headers: { 'x-a': 'euro €' } }, // not latin1: it cannot be written as the bytes given
      { path: '/a b' },
      { path: '/a\r\nX-Injected: 1' },
      { method: 'GET /x HTTP/1.1\r\nX-Injected: 1\r\nX-Method:' },
      { method: 'GE T' },
    ];
    for (const spec of bad) {
      const r = await c.send(spec);
      assert.equal(r.error, 'LC_HTTP_INVALID_REQUEST', JSON.stringify(spec));
      assert.equal(r.status, 0);
    }
    assert.equal(srv.count.total, 0, 'no connection was opened');
    assert.equal(srv.received.length, 0, 'no byte was written');
    assert.equal(c.counter('http_reqs', { error: 'LC_HTTP_INVALID_REQUEST' }), bad.length);
    assert.equal(c.counter('data_sent'), 0);
  });

  test('data_sent is exactly the bytes the server read, data_received exactly the bytes it wrote; a non-ASCII POST body gets its byte length', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      // head and body in separate socket reads on the client, so the count spans several reads
      if (r.method === 'POST') writeSlowly(r.socket, [`HTTP/1.1 201 Created\r\nContent-Length: ${r.body.length}\r\nX-Echo: yes\r\n\r\n`, r.body], 30);
      else r.socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n');
    });
    const c = client(srv.url, 1);
    const text = 'grüße, €uro 😀'; // 14 characters (the emoji is two UTF-16 units), more bytes
    const g = await c.send({ path: '/get?q=1', headers: { 'user-agent': 'lc-test' } });
    assert.equal(g.body, 'abc');
    const p = await c.send({ method: 'POST', path: '/post', body: text, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    assert.equal(p.status, 201);
    assert.equal(p.body, text, 'the echoed body decodes back');
    const post = srv.requests.find((q) => q.method === 'POST')!;
    assert.match(post.head, new RegExp(`\\r\\ncontent-length: ${Buffer.byteLength(text)}(\\r\\n|$)`, 'i'));
    assert.equal(post.body.toString('utf8'), text);
    const serverRead = srv.received.reduce((a, b) => a + b.length, 0);
    assert.equal(c.counter('data_sent'), serverRead, 'data_sent = bytes the server read');
    assert.equal(c.counter('data_received'), srv.written(), 'data_received = bytes the server wrote');
    assert.equal(c.counter('data_sent', { method: 'POST' }), Buffer.byteLength(post.head) + 4 + Buffer.byteLength(text));
  });

  test('an empty POST is sent with content-length: 0; a user content-length is not duplicated', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => r.socket.write('HTTP/1.1 204 No Content\r\n\r\n'));
    const c = client(srv.url, 1);
    assert.equal((await c.send({ method: 'POST' })).status, 204);
    assert.equal((await c.send({ method: 'PUT', body: 'abc', headers: { 'Content-Length': '99' } })).status, 204);
    const [post, put] = srv.requests;
    assert.equal(post.head.match(/content-length/gi)?.length, 1);
    assert.match(post.head, /\r\ncontent-length: 0(\r\n|$)/i);
    assert.equal(put.head.match(/content-length/gi)?.length, 1);
    assert.match(put.head, /\r\ncontent-length: 3(\r\n|$)/i);
  });

  test('readBody: repeated header names as arrays, a UTF-8 body split inside a character across socket reads', { timeout: 15_000 }, async () => {
    const body = Buffer.from('α-€-😀-end', 'utf8');
    const srv = await rawServer((r) => writeSlowly(r.socket, [
      `HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nSet-Cookie: a=1\r\nX-One: 1\r\nSet-Cookie: b=2\r\nset-cookie: c=3\r\nContent-Length: ${body.length}\r\n\r\n`,
      body.subarray(0, 1), // half of α
      body.subarray(1, 5), // rest of α, '-', first byte of €
      body.subarray(5, 9), // the rest of € and '-' and the first byte of 😀
      body.subarray(9),
    ], 30));
    const c = client(srv.url, 1);
    const r = await c.send();
    assert.equal(r.body, 'α-€-😀-end');
    assert.deepEqual(r.headers['set-cookie'], ['a=1', 'b=2', 'c=3']);
    assert.equal(r.headers['x-one'], '1');
    assert.equal(r.headers['content-type'], 'text/plain; charset=utf-8');
    // without readBody nothing is kept, but the bytes are counted all the same
    const n = await c.send({ readBody: false });
    assert.equal(n.body, '');
    assert.deepEqual(n.headers, {});
    assert.equal(c.counter('data_received'), srv.written());
  });

  test('the host header is the origin\'s; a user-given Host is kept and not doubled', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const c = client(srv.url, 1);
    await c.send();
    await c.send({ headers: { Host: 'example.test' } });
    const hosts = srv.requests.map((q) => q.head.split('\r\n').filter((l) => /^host:/i.test(l)));
    assert.deepEqual(hosts[0], [`host: 127.0.0.1:${srv.port}`]);
    assert.equal(hosts[1].length, 1);
    assert.match(hosts[1][0], /^host: example\.test$/i);
  });

  test('close() fails in-flight and queued requests (LC_HTTP_POOL_CLOSED) and leaves no socket open', { timeout: 15_000 }, async () => {
    const srv = await rawServer(() => {}); // holds every request
    const c = client(srv.url, 2);
    const ps = Array.from({ length: 6 }, () => c.send());
    assert.ok(await until(() => srv.requests.length === 2), 'two requests in flight');
    await c.pool.close();
    const rs = await Promise.all(ps);
    for (const r of rs) assert.equal(r.error, 'LC_HTTP_POOL_CLOSED');
    assert.ok(await until(() => srv.count.open === 0), `the server sees every socket closed (${srv.count.open} open)`);
    assert.equal(srv.count.total, 2);
    const late = await c.send();
    assert.equal(late.error, 'LC_HTTP_POOL_CLOSED', 'a closed pool refuses new requests');
  });

  test('close() while connections are still connecting fails every waiting request with LC_HTTP_POOL_CLOSED', { timeout: 15_000 }, async () => {
    const srv = await rawServer(() => {});
    const c = client(srv.url, 2);
    const ps = Array.from({ length: 4 }, () => c.send());
    await c.pool.close(); // the two connects have not finished yet
    const rs = await Promise.all(ps);
    assert.deepEqual(rs.map((r) => r.error), Array(4).fill('LC_HTTP_POOL_CLOSED'), 'not LC_HTTP_CLOSED: the server closed nothing');
    assert.ok(await until(() => srv.count.open === 0), 'no socket left open');
  });

  test('idle keep-alive sockets are closed by close()', { timeout: 15_000 }, async () => {
    const { url, count } = await httpServer(okHandler);
    const c = client(url, 3);
    await Promise.all(Array.from({ length: 6 }, () => c.send()));
    assert.ok(count.open >= 1);
    await c.pool.close();
    assert.ok(await until(() => count.open === 0), `the server sees every socket closed (${count.open} open)`);
  });

  test('a response with Connection: close, or with bytes after its end, is not reused', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      if (r.target === '/close') r.socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
      else if (r.target === '/extra') r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      else r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const c = client(srv.url, 1);
    for (const path of ['/close', '/', '/extra', '/', '/']) {
      const r = await c.send({ path });
      assert.equal(r.ok, true, `${path}: ${r.error}`);
      assert.equal(r.body, 'ok');
    }
    assert.equal(srv.count.total, 3, 'a new socket after /close and after /extra, one reused for the last two');
  });

  test('HEAD: a Content-Length with no body does not desynchronize the next request on the socket', { timeout: 15_000 }, async () => {
    const { url, count } = await httpServer((req, res) => { res.setHeader('content-length', '5'); res.end(req.method === 'HEAD' ? undefined : 'hello'); });
    const c = client(url, 1);
    const h = await c.send({ method: 'HEAD' });
    assert.equal(h.ok, true, h.error);
    assert.equal(h.body, '');
    assert.equal(h.headers['content-length'], '5');
    const g = await c.send();
    assert.equal(g.body, 'hello');
    assert.equal(count.total, 1, 'the same socket carried both');
  });

  test('interim 100 and 103 responses before the final one; 101 fails as LC_HTTP_UPGRADE and the socket is not reused', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      if (r.target === '/upgrade') r.socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      else writeSlowly(r.socket, ['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody'], 20);
    });
    const c = client(srv.url, 1);
    const r = await c.send();
    assert.equal(r.status, 200);
    assert.equal(r.body, 'body');
    assert.equal(r.headers.link, undefined, 'headers of the final response only');
    const u = await c.send({ path: '/upgrade' });
    assert.equal(u.error, 'LC_HTTP_UPGRADE');
    assert.equal((await c.send()).ok, true);
    assert.equal(srv.count.total, 2, 'a new socket after the upgrade response');
    assert.equal(c.counter('data_received'), srv.written(), 'interim responses are counted as received bytes');
  });

  test('a garbage response is LC_HTTP_PARSE, not retried, and the next request gets a new socket', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => r.socket.write(r.target === '/bad' ? 'SSH-2.0-OpenSSH_9.6\r\n\r\n' : 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const c = client(srv.url, 1);
    assert.equal((await c.send()).ok, true);
    const b = await c.send({ path: '/bad' });
    assert.equal(b.error, 'LC_HTTP_PARSE');
    assert.equal(srv.requests.filter((q) => q.target === '/bad').length, 1);
    assert.equal((await c.send()).ok, true);
    assert.equal(srv.count.total, 2);
  });

  test('bytes a server sends on an idle connection drop that connection; the next request is not confused by them', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      r.socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n${r.index}`);
      if (r.index === 0) setTimeout(() => r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nX'), 50);
    });
    const c = client(srv.url, 1);
    assert.equal((await c.send()).body, '0');
    await new Promise((res) => setTimeout(res, 200));
    const r = await c.send();
    assert.equal(r.body, '0', 'the answer to this request, on a new socket, not the stray X');
    assert.equal(srv.count.total, 2);
  });

  test('a GET sent again after its reused connection died: data_sent counts the bytes written on both sockets', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => {
      if (r.index === 0) r.socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      else r.socket.destroy();
    });
    const c = client(srv.url, 1);
    await c.send();
    assert.equal((await c.send()).ok, true);
    assert.equal(c.counter('data_sent'), srv.received.reduce((a, b) => a + b.length, 0));
  });

  test('a body delimited by the connection close ends at the close', { timeout: 15_000 }, async () => {
    const srv = await rawServer((r) => writeSlowly(r.socket, ['HTTP/1.0 200 OK\r\n\r\nsome ', 'body', ''], 30));
    const c = client(srv.url, 1);
    const p = c.send();
    assert.ok(await until(() => srv.requests.length === 1));
    setTimeout(() => srv.requests[0].socket.end(), 150);
    const r = await p;
    assert.equal(r.ok, true, r.error);
    assert.equal(r.body, 'some body');
  });

  test("a connection idle past the server's Keep-Alive timeout (less the margin) is not reused; one idle for less is", { timeout: 15_000 }, async () => {
    const srv = await httpServer(okHandler);
    srv.server.keepAliveTimeout = 1000; // Keep-Alive: timeout=1: the client gives up the connection 0.5 s after a response
    const c = client(srv.url, 1);
    assert.equal((await c.send()).ok, true);
    assert.equal((await c.send()).ok, true);
    assert.equal(srv.count.total, 1, 'reused at once');
    // 0.7 s idle: past the client's 0.5 s, before the server's 1 s close (a stall past 1 s gives the same count: the server closed it)
    await new Promise((r) => setTimeout(r, 700));
    assert.equal((await c.send()).ok, true);
    assert.equal(srv.count.total, 2, 'a new connection after the idle deadline');
  });
});
