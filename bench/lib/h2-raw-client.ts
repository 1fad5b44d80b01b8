// The HTTP/2 bench's floor: a bare node:http2 client (one session, STREAMS streams kept in flight, nothing
// measured or recorded) for SECONDS; prints {"reqs":N,"rps":R} on stdout. Args: URL STREAMS SECONDS.
import { connect } from 'node:http2';

const [url, streams, seconds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const session = connect(url);
const end = performance.now() + seconds * 1000;
let reqs = 0;
const one = (): Promise<void> => new Promise((resolve) => {
  const s = session.request({ ':path': '/' });
  s.on('data', () => {});
  s.on('end', () => { reqs++; resolve(); });
  s.on('error', () => resolve());
});
const t0 = performance.now();
await Promise.all(Array.from({ length: streams }, async () => { while (performance.now() < end) await one(); }));
const t = (performance.now() - t0) / 1000;
session.close();
console.log(JSON.stringify({ reqs, rps: reqs / t }));
