// npm run bench:https: CPU per request of loadcert's HTTP/1.1 client over TLS beside plain HTTP, on the
// same route served by node:https and node:http (bench/lib/route-server.ts, each its own process, pinned
// to core 0), closed model, 50 VUs, the same duration for each; autocannon against both as the anchor (its
// own HTTPS/HTTP ratio is what TLS costs a lean client). CPU of the generator process from /usr/bin/time,
// startup and connection set-up removed by subtracting a short run: (CPU(long) - CPU(short)) /
// (requests(long) - requests(short)). Goal: loadcert's HTTPS/HTTP ratio <= 1.3x. Not a test: prints
// figures; ratios compare only within one run, and under shared load they are noisy.
// BENCH_SECONDS (default 10) is the long run's length; BENCH_CPU_PROF=DIR also writes a --cpu-prof
// profile of each long loadcert run into DIR (read them with bench/lib/profile-top.ts PLAIN RPS TLS RPS).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_PIN, ROOT, pinned, runMeasured } from './lib/procs.ts';
import { makeCerts } from '../test/helpers/certs.ts';

const LONG = Number(process.env.BENCH_SECONDS ?? 10);
const SHORT = 2;
const VUS = 50;
const PROF = process.env.BENCH_CPU_PROF;
const out = () => mkdtempSync(join(tmpdir(), 'loadcert-bench-https-'));

/** Starts the route server (TLS with cert/key) pinned to core 0; resolves with its URL. */
function startServer(tls?: { cert: string; key: string }): Promise<{ url: string; child: ChildProcess }> {
  const extra = tls ? ['--cert', tls.cert, '--key', tls.key] : [];
  const [cmd, args] = pinned(0, process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/route-server.ts'), ...extra]);
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d) => {
      text += d;
      const m = /listening on (\S+)/.exec(text);
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (c) => reject(new Error(`route server exited ${c}`)));
  });
}

/** CPU seconds (user + system) of a command pinned to core 1, and its stdout. */
async function cpuOf(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ cpu: number; stdout: string }> {
  const r = await runMeasured('/usr/bin/time', ['-f', 'CPU %U %S', ...pinned(1, cmd, args).flat()], env);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no CPU time (exit ${r.code}): ${r.stderr.slice(-1500)}`);
  return { cpu: Number(m[1]) + Number(m[2]), stdout: r.stdout };
}

/** One loadcert closed-model run of `seconds`: CPU seconds and requests completed. */
async function loadcert(url: string, seconds: number, ca: string | undefined, prof: boolean): Promise<{ cpu: number; requests: number }> {
  const dir = out();
  const node = prof && PROF ? ['--cpu-prof', '--cpu-prof-dir', PROF] : [];
  const { cpu } = await cpuOf(process.execPath, [...node, join(ROOT, 'bin/loadcert.mjs'), 'run', join(ROOT, 'bench/scenarios/closed.ts'), '--base-url', url, '--out', dir, '--skip-preflight'],
    { BENCH_VUS: String(VUS), BENCH_DURATION: `${seconds}s`, ...(ca ? { BENCH_TLS_CA: ca } : {}) });
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  if (summary.metrics.http_req_failed.values.rate > 0) throw new Error(`loadcert had failed requests against ${url}`);
  return { cpu, requests: summary.metrics.http_reqs.values.count };
}

/** One autocannon run of `seconds` with 50 connections: CPU seconds and requests completed. */
async function autocannon(url: string, seconds: number, ca: string | undefined): Promise<{ cpu: number; requests: number }> {
  const { cpu, stdout } = await cpuOf(process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', String(VUS), '-d', String(seconds), '--json', ...(ca ? ['--ca', ca] : []), `${url}/api/ping`]);
  const r = JSON.parse(stdout);
  if (r.errors || r.non2xx) throw new Error(`autocannon had ${r.errors} errors, ${r.non2xx} non-2xx against ${url}`);
  return { cpu, requests: r.requests.total };
}

/** CPU µs per request from a long and a short run (startup and connection set-up subtracted). */
async function perRequest(run: (seconds: number, long: boolean) => Promise<{ cpu: number; requests: number }>): Promise<{ us: number; rps: number }> {
  const short = await run(SHORT, false);
  const long = await run(LONG, true);
  return { us: ((long.cpu - short.cpu) / (long.requests - short.requests)) * 1e6, rps: long.requests / LONG };
}

const certs = makeCerts();
const plain = await startServer();
const secure = await startServer({ cert: join(certs.dir, 'server.pem'), key: join(certs.dir, 'server.key') });
console.error(`plain ${plain.url}, TLS ${secure.url}; pinning ${CAN_PIN ? 'servers core 0, generators core 1' : 'unavailable'}; ${LONG} s runs (minus ${SHORT} s runs), ${VUS} connections`);
const rows: string[] = [];
try {
  await loadcert(secure.url, SHORT, certs.caPath, false); // warm both servers' JIT up
  await loadcert(plain.url, SHORT, undefined, false);
  const lcHttp = await perRequest((s, long) => loadcert(plain.url, s, undefined, long));
  const lcHttps = await perRequest((s, long) => loadcert(secure.url, s, certs.caPath, long));
  const acHttp = await perRequest((s) => autocannon(plain.url, s, undefined));
  const acHttps = await perRequest((s) => autocannon(secure.url, s, certs.caPath));
  const line = (who: string, a: { us: number; rps: number }, b: { us: number; rps: number }, goal: string) =>
    rows.push(`| ${who} | ${(a.us / 1000).toFixed(4)} ms (${a.rps.toFixed(0)} req/s) | ${(b.us / 1000).toFixed(4)} ms (${b.rps.toFixed(0)} req/s) | ${(b.us / a.us).toFixed(2)}x | ${goal} |`);
  line('loadcert, HTTP/1.1 closed model', lcHttp, lcHttps, '<= 1.3x');
  line('autocannon (anchor)', acHttp, acHttps, 'what TLS costs a lean client');
} finally {
  plain.child.kill('SIGTERM');
  secure.child.kill('SIGTERM');
}
console.log(`\nloadcert HTTPS vs plain HTTP/1.1: generator CPU per request, same route, ${VUS} connections, ${LONG} s runs (shared-load figures are noisy)`);
console.log('| generator | plain HTTP: CPU per request (req/s) | HTTPS: CPU per request (req/s) | HTTPS / HTTP | goal |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
if (PROF) console.log(`\nCPU profiles of the long loadcert runs in ${PROF} (plain first, then HTTPS; the *.001 file of each is the main thread): node --import tsx bench/lib/profile-top.ts PLAIN.cpuprofile RPS TLS.cpuprofile RPS`);
