// npm run bench:h2: loadcert over HTTP/2 beside h2load (Debian's nghttp2-client) against one node:http2
// cleartext server (h2c with prior knowledge) in its own process, 100 concurrent streams on one
// connection each (loadcert: closed model, 100 VUs, http.protocol 'h2'; h2load -c1 -m100), same duration.
// Prints requests/s of each, their ratio (goal >= 0.8x) and CPU ms per request of each (startup
// subtracted: CPU of a BENCH_SECONDS run minus a 1 s run, over the difference in requests), and the same
// for a bare node:http2 client (bench/lib/h2-raw-client.ts): the floor of any client built on node:http2.
// Not a test: nothing asserts a wall-clock time. Figures taken while other work shares the machine are
// noisy; rerun on a quiet machine: `npm run bench:h2` (BENCH_SECONDS=10 by default; loopback only).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CAN_PIN, ROOT, pinned, runMeasured } from './lib/procs.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const STREAMS = 100;

if (spawnSync('h2load', ['--version']).status !== 0) {
  console.error('h2load not found: apt-get install -y nghttp2-client');
  process.exit(2);
}

/** Starts the server on core 0 and resolves with its URL. */
async function startServer(): Promise<{ url: string; stop(): void }> {
  const [cmd, args] = pinned(0, process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/h2-server.ts')]);
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`h2 server exited ${c}`)));
  });
  return { url: `http://127.0.0.1:${line.trim()}`, stop: () => child.kill('SIGTERM') };
}

/** Runs `cmd args` on core 1 under /usr/bin/time; returns its stdout and CPU seconds (user + system). */
async function timed(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; cpuS: number }> {
  const r = await runMeasured('/usr/bin/time', ['-f', 'CPU %U %S', ...pinned(1, cmd, args).flat()], env);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no CPU time in: ${r.stderr.slice(-1000)}`);
  return { stdout: r.stdout, cpuS: Number(m[1]) + Number(m[2]) };
}

/** One loadcert run of `s` seconds: requests, req/s and CPU seconds. */
async function loadcert(url: string, s: number): Promise<{ reqs: number; rps: number; cpuS: number }> {
  const out = mkdtempSync(join(tmpdir(), 'loadcert-bench-h2-'));
  const r = await timed(process.execPath, [join(ROOT, 'bin/loadcert.mjs'), 'run', join(ROOT, 'bench/scenarios/h2-closed.ts'), '--base-url', url, '--out', out, '--skip-preflight'], { BENCH_VUS: String(STREAMS), BENCH_DURATION: `${s}s` });
  const m = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).metrics;
  const failed = m.http_req_failed?.values?.rate ?? 0;
  if (failed > 0) console.error(`  warning: loadcert http_req_failed rate ${failed}`);
  return { reqs: m.http_reqs.values.count, rps: m.http_reqs.values.rate, cpuS: r.cpuS };
}

/** One h2load run of `s` seconds: requests, req/s and CPU seconds. */
async function h2load(url: string, s: number): Promise<{ reqs: number; rps: number; cpuS: number }> {
  const r = await timed('h2load', ['-c1', `-m${STREAMS}`, '-D', String(s), `${url}/`]);
  const fin = /finished in ([\d.]+)(m?s), ([\d.]+) req\/s/.exec(r.stdout);
  const done = /requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded/.exec(r.stdout);
  if (!fin || !done) throw new Error(`cannot read h2load's output:\n${r.stdout.slice(-1500)}`);
  return { reqs: Number(done[2]), rps: Number(fin[3]), cpuS: r.cpuS };
}

/** One bare node:http2 client run of `s` seconds: requests, req/s and CPU seconds. */
async function raw(url: string, s: number): Promise<{ reqs: number; rps: number; cpuS: number }> {
  const r = await timed(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/h2-raw-client.ts'), url, String(STREAMS), String(s)]);
  const o = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return { reqs: o.reqs, rps: o.rps, cpuS: r.cpuS };
}

const server = await startServer();
console.error(`h2c server ${server.url} (node:http2, own process); pinning ${CAN_PIN ? 'server core 0, client core 1' : 'unavailable'}; ${seconds} s per run, ${STREAMS} concurrent streams`);
try {
  await loadcert(server.url, 2); // warm the server's JIT for both tools
  const h1 = await h2load(server.url, seconds);
  const l = await loadcert(server.url, seconds);
  const h2 = await h2load(server.url, seconds);
  const hRps = (h1.rps + h2.rps) / 2;
  const n = await raw(server.url, seconds);
  const lShort = await loadcert(server.url, 1);
  const hShort = await h2load(server.url, 1);
  const nShort = await raw(server.url, 1);
  const perReq = (long: { reqs: number; cpuS: number }, short: { reqs: number; cpuS: number }) => ((long.cpuS - short.cpuS) / Math.max(1, long.reqs - short.reqs)) * 1000;
  const lCpu = perReq(l, lShort);
  const hCpu = perReq(h1, hShort);
  const nCpu = perReq(n, nShort);
  console.log(`HTTP/2, 100 streams, ${seconds} s   req/s            CPU ms/request`);
  console.log(`loadcert (closed, h2c)         ${l.rps.toFixed(0).padStart(8)}         ${lCpu.toFixed(4)}`);
  console.log(`h2load -c1 -m100               ${hRps.toFixed(0).padStart(8)} (${h1.rps.toFixed(0)}, ${h2.rps.toFixed(0)})   ${hCpu.toFixed(4)}`);
  console.log(`bare node:http2 client (floor)  ${n.rps.toFixed(0).padStart(8)}         ${nCpu.toFixed(4)}`);
  console.log(`ratio loadcert/bare node:http2 ${(l.rps / n.rps).toFixed(2)}x   CPU ${(lCpu / nCpu).toFixed(1)}x`);
  console.log(`ratio loadcert/h2load          ${(l.rps / hRps).toFixed(2)}x (goal >= 0.8x)   CPU ${(lCpu / hCpu).toFixed(1)}x h2load's`);
  console.log('(figures under shared load are noisy; rerun on a quiet machine with: npm run bench:h2)');
} finally {
  server.stop();
}
