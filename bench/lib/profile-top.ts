// Summarises V8 .cpuprofile files (node --cpu-prof; bench/https.ts writes them with BENCH_CPU_PROF=DIR).
//   profile-top.ts FILE [N=25]                   the N functions with the most self time
//   profile-top.ts PLAIN RPS_PLAIN TLS RPS_TLS   busy CPU µs per request of each (req/s from each run's
//                                                summary), and the functions whose per-request self time
//                                                grew most from PLAIN to TLS
// The two-file form reads the window from 9.5 s to 0.5 s before each profile's end (steady load of a
// 10 s run, start-up and report writing left out): a profile samples wall time, idle included.
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Self time (µs) per function within [end - fromEnd, end - toEnd] seconds, and the busy (non-idle) total. */
function selfTimes(file: string, fromEnd = Infinity, toEnd = 0): { self: Map<string, number>; busy: number; total: number } {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const end = p.timeDeltas.reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  let t = 0, busy = 0, total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < end - fromEnd * 1e6 || t > end - toEnd * 1e6) return;
    const f = byId.get(id)!.callFrame;
    const where = f.url ? ` ${f.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
    if (key !== '(idle)') busy += dt;
  });
  return { self, busy, total };
}

const args = process.argv.slice(2);
if (args.length >= 4) {
  const [plainFile, plainRps, tlsFile, tlsRps] = args;
  const seconds = 9;
  const a = selfTimes(plainFile, 9.5, 0.5), b = selfTimes(tlsFile, 9.5, 0.5);
  const na = Number(plainRps) * seconds, nb = Number(tlsRps) * seconds;
  console.log(`steady window (last 9.5 s to 0.5 s): plain ${(a.busy / na).toFixed(1)} µs/request busy, TLS ${(b.busy / nb).toFixed(1)} µs/request, ratio ${(b.busy / nb / (a.busy / na)).toFixed(2)}`);
  const keys = [...new Set([...a.self.keys(), ...b.self.keys()])].filter((k) => k !== '(idle)');
  const rows = keys.map((k) => ({ k, pa: (a.self.get(k) ?? 0) / na, pb: (b.self.get(k) ?? 0) / nb })).sort((x, y) => (y.pb - y.pa) - (x.pb - x.pa));
  for (const r of rows.slice(0, 25)) console.log(`${r.pa.toFixed(2).padStart(7)} -> ${r.pb.toFixed(2).padStart(7)} µs/request  ${r.k}`);
} else {
  const [file, n = '25'] = args;
  if (!file) throw new Error('usage: profile-top.ts FILE [N] | PLAIN RPS_PLAIN TLS RPS_TLS');
  const { self, total } = selfTimes(file);
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [key, us] of [...self].sort((x, y) => y[1] - x[1]).slice(0, Number(n)))
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
