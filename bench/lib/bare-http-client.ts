// A bare node:http client loop, the finer-grained anchor for a latency bench (autocannon has whole-ms resolution):
// `node --import tsx bench/lib/bare-http-client.ts URL RATE SECONDS` sends GET URL at RATE/s for SECONDS over
// keep-alive connections and prints JSON {count, errors, p50, serverP50}: the median time from just before each
// request is written to its last byte (performance.now()), and the median Server-Timing `app` dur it reported (null when none was).
import { Agent, request } from 'node:http';
import { parseServerTiming } from '../../src/protocols/http/server-timing.ts';

const [url, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
if (!url || !(rate > 0 && rate <= 10_000) || !(seconds > 0 && seconds <= 600)) {
  console.error('usage: bare-http-client.ts URL RATE(1..10000) SECONDS(1..600)');
  process.exit(2);
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const total = Math.round(rate * seconds); // bounded in count; the schedule bounds it in time
const durations: number[] = [];
const server: number[] = [];
let errors = 0;
let done = 0;

/** Median of a list of numbers (null when empty). */
function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function finish(): void {
  agent.destroy();
  console.log(JSON.stringify({ count: durations.length, errors, p50: median(durations), serverP50: median(server) }));
}

function send(): void {
  const t0 = performance.now();
  const req = request(url, { agent }, (res) => {
    const app = parseServerTiming(res.headers['server-timing']).find((e) => e.name === 'app');
    res.on('data', () => {});
    res.on('end', () => {
      durations.push(performance.now() - t0);
      if (app) server.push(app.dur);
      if (++done === total) finish();
    });
  });
  req.on('error', () => { errors++; if (++done === total) finish(); });
  req.end();
}

// Paced on the clock (each send at start + i / rate), like an open-model generator at a low rate.
const start = performance.now();
let sent = 0;
function pace(): void {
  const now = performance.now();
  while (sent < total && start + (sent * 1000) / rate <= now) { send(); sent++; }
  if (sent < total) setTimeout(pace, Math.max(0, start + (sent * 1000) / rate - performance.now()));
}
pace();
// Whatever happens, stop: the schedule plus 10 s for the last answers.
setTimeout(() => { console.error('bare-http-client: answers still missing at the deadline'); finish(); process.exit(1); }, seconds * 1000 + 10_000).unref();
