// A node:http system with a fault switch, for fault tests: POST /__admin/fault makes /x answer 500 and
// /health 503 until the fault is undone (DELETE) and then `recover` ms longer (?recover=MS on the POST;
// ?never=1: it never comes back). Any other /__admin path answers 404 (a switch that cannot be applied).
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

/** The running system and what its switch saw. */
export interface FaultServer {
  url: string;
  /** Switch requests received, e.g. ['POST /__admin/fault?recover=3000', 'DELETE /__admin/fault']. */
  readonly switches: string[];
  /** Epoch ms from which it answers healthy again after the last undo (Infinity: never). */
  readonly healthyAt: number | undefined;
  /** Epoch ms of the first /health answered 503 since the last reset. */
  readonly firstUnhealthyAt: number | undefined;
  /** Back to healthy with no switch seen. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Writes scenario `name` in `dir` (which has a package.json of type module): 50 req/s for 16 s against
 * `url`, release criterion error rate < 1 %, and fault `sw` from 3 s to 5 s through the switch `request`
 * (undone by DELETE `undo`, default /__admin/fault), recovery judged over a 2 s stable window within 6 s; two alert rules,
 * one that the fault raises (errors above 5 % for 2 s) and one it cannot (a response over a minute).
 */
export function faultScenario(dir: string, url: string, name: string, request: string, undo = '/__admin/fault'): string {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, `export default {
  name: '${name}', baseUrl: '${url}', thresholdsFile: false,
  health: { endpoints: ['/health'], interval: '250ms' },
  workloads: { api: { executor: 'constant-arrival-rate', rate: 50, duration: '16s', preAllocatedVUs: 5, maxVUs: 20, steps: [{ name: 'x', path: '/x' }] } },
  thresholds: {
    http_req_failed: ['rate<0.01', { threshold: 'rate<0.05', label: 'Errors above 5 %', alert: { severity: 'critical', window: '2s' } }],
    'http_req_failed{fault:sw}': ['rate>0.3'],
    http_req_duration: [{ threshold: 'max<60000', label: 'A response took a minute', alert: { severity: 'warning', window: '1s' } }],
  },
  faults: { sw: { at: '3s', duration: '2s', action: 'http', request: { method: 'POST', path: '${request}' }, undo: { method: 'DELETE', path: '${undo}' },
    recovery: { stableWindow: '2s', within: '6s' } } },
};\n`);
  return file;
}

/** Starts the system on 127.0.0.1, port 0. */
export async function startFaultServer(): Promise<FaultServer> {
  let failing = false;
  let recoverMs = 0;
  let never = false;
  let badUntil = 0;
  let firstUnhealthyAt: number | undefined;
  const switches: string[] = [];
  const bad = () => failing || Date.now() < badUntil;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/__admin/')) {
      switches.push(`${req.method} ${req.url}`);
      if (url.pathname !== '/__admin/fault') { res.statusCode = 404; res.end('no such switch'); return; }
      if (req.method === 'POST') { failing = true; recoverMs = Number(url.searchParams.get('recover') ?? 0); never = url.searchParams.has('never'); }
      else if (req.method === 'DELETE') { failing = false; badUntil = never ? Infinity : Date.now() + recoverMs; }
      res.statusCode = 204; res.end(); return;
    }
    if (url.pathname === '/health') { res.statusCode = bad() ? 503 : 200; if (bad()) firstUnhealthyAt ??= Date.now(); res.end(); return; }
    res.statusCode = bad() ? 500 : 200;
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    switches,
    get healthyAt() { return badUntil || undefined; },
    get firstUnhealthyAt() { return firstUnhealthyAt; },
    reset() { firstUnhealthyAt = undefined; failing = false; never = false; badUntil = 0; recoverMs = 0; switches.length = 0; },
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}
