// The HttpClient the @microsoft/signalr client uses for negotiate and long polling on an https: hub: node's
// http/https over one keep-alive Agent that carries http.tls (the default client's fetch cannot take a CA,
// a client certificate or a server name), with the cookie jar and redirects the default client has.
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { AbortError, HttpClient, HttpError, HttpResponse, TimeoutError, type HttpRequest } from '@microsoft/signalr';
import { CookieJar } from 'tough-cookie';
import { tlsFailureCode, type ClientTls } from '../http/tls-context.ts';

/** Redirects followed, as fetch's default. */
const MAX_REDIRECTS = 20;

/** An idle keep-alive connection of negotiate is closed after this long (negotiate runs at connect only). */
const IDLE_MS = 5000;

/** One keep-alive https Agent per workload with `tls`'s context, verification and server name. */
export function tlsAgent(tls: ClientTls): HttpsAgent {
  return new HttpsAgent({ keepAlive: true, timeout: IDLE_MS, secureContext: tls.secureContext, rejectUnauthorized: tls.rejectUnauthorized, ...(tls.serverName !== undefined ? { servername: tls.serverName } : {}) });
}

/** A SignalR HttpClient over `agent` with its own cookie jar (shared with the WebSocket handshake by getCookieString, as the default client's); `onTls` hears the code of a TLS failure. */
export class NodeHttpClient extends HttpClient {
  private readonly jar = new CookieJar();
  constructor(private readonly agent: HttpsAgent, private readonly onTls: (code: string) => void) { super(); }

  /** Sends `request`; rejects with HttpError on a non-2xx status, AbortError, TimeoutError, or the network/TLS error (its message starts with the TLS code). */
  override send(request: HttpRequest): Promise<HttpResponse> {
    if (request.abortSignal?.aborted) return Promise.reject(new AbortError());
    if (!request.method || !request.url) return Promise.reject(new Error(!request.method ? 'No method defined.' : 'No url defined.'));
    return new Promise<HttpResponse>((resolve, reject) => {
      let done = false;
      let current: ReturnType<typeof httpRequest> | undefined;
      let timer: NodeJS.Timeout | undefined;
      const finish = (err: Error | undefined, res?: HttpResponse): void => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        if (request.abortSignal) request.abortSignal.onabort = null;
        if (err) { current?.destroy(); reject(err); } else resolve(res!);
      };
      timer = request.timeout ? setTimeout(() => finish(new TimeoutError()), request.timeout) : undefined;
      if (request.abortSignal) request.abortSignal.onabort = () => finish(new AbortError());
      const go = (url: string, method: string, body: string | ArrayBuffer | undefined, hops: number): void => {
        const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest', ...request.headers };
        if (body !== undefined) headers['Content-Type'] = typeof body === 'string' ? 'text/plain;charset=UTF-8' : 'application/octet-stream';
        const cookie = this.jar.getCookieStringSync(url);
        if (cookie) headers.Cookie = cookie;
        const secure = url.startsWith('https:');
        const req = (secure ? httpsRequest : httpRequest)(url, { method, headers, ...(secure ? { agent: this.agent } : {}) }, (res: IncomingMessage) => {
          for (const c of res.headers['set-cookie'] ?? []) this.jar.setCookieSync(c, url, { ignoreError: true });
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if (location && [301, 302, 303, 307, 308].includes(status) && hops < MAX_REDIRECTS) {
            res.resume();
            const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
            go(new URL(location, url).toString(), toGet ? 'GET' : method, toGet ? undefined : body, hops + 1);
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => finish(e));
          res.on('end', () => {
            const buf = Buffer.concat(chunks);
            if (status < 200 || status > 299) return finish(new HttpError(buf.toString('utf8') || res.statusMessage || '', status));
            const content = request.responseType === 'arraybuffer' ? buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer : buf.toString('utf8');
            finish(undefined, new HttpResponse(status, res.statusMessage ?? '', content));
          });
        });
        current = req;
        req.on('error', (e: NodeJS.ErrnoException) => {
          const code = tlsFailureCode(e);
          if (code === undefined) return finish(e);
          this.onTls(code);
          finish(Object.assign(new Error(`${code}: ${e.message}`), { code }));
        });
        req.end(body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body));
      };
      go(request.url!, request.method!, request.content === '' ? undefined : request.content, 0);
    });
  }

  /** The Cookie header value the jar holds for `url`. */
  override getCookieString(url: string): string {
    return this.jar.getCookieStringSync(url);
  }
}
