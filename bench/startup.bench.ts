// Start-up of the loadcert command (`npm run bench:startup`): wall time and peak RSS of `loadcert --help` and of
// a one-iteration run, "before" (bin/loadcert.mjs: tsx compiles loadcert's own sources at every start, as the
// package did until it shipped dist/) and "after" (dist/bin.js: the compiled package), next to autocannon's
// `--help` (also Node) in the same run. Builds dist/ first unless BENCH_NO_BUILD=1. Each figure is the median of
// BENCH_ROUNDS (default 7) runs, the variants interleaved per round. BENCH_BEFORE=<another checkout> adds its
// bin/loadcert.mjs (e.g. the commit before the package shipped dist/). Under a shared machine the figures are noisy.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoTarget } from '../src/index.ts';
import { ROOT } from './lib/procs.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// Prints the process's own peak RSS as it exits: the same preload for every variant.
const RSS_PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nMAXRSS_KB='+process.resourceUsage().maxRSS+'\\n'))`;

interface Sample { ms: number; rssKb: number; code: number | null }

function measure(args: string[]): Promise<Sample> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const rssKb = Number(/MAXRSS_KB=(\d+)/.exec(err)?.[1] ?? NaN);
      if (code !== 0) process.stderr.write(`  exit ${code}: node ${args.join(' ')}\n${err.slice(-2000)}\n`);
      resolve({ ms, rssKb, code });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.env.BENCH_NO_BUILD !== '1') {
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

const target = await createDemoTarget();
const out = mkdtempSync(join(tmpdir(), 'loadcert-startup-'));
const run = (bin: string, n: number) => [bin, 'run', 'bench/scenarios/one-iteration.ts', '--base-url', target.url, '--out', join(out, `${n}-${bin.replace(/\W/g, '_')}`)];
const VARIANTS: [string, (n: number) => string[]][] = [
  ['autocannon --help', () => [join(ROOT, 'node_modules', 'autocannon', 'autocannon.js'), '--help']],
  ['loadcert --help, before (tsx on sources)', () => ['bin/loadcert.mjs', '--help']],
  ['loadcert --help, after (dist/)', () => ['dist/bin.js', '--help']],
  ['1-iteration run, before (tsx on sources)', (n) => run('bin/loadcert.mjs', n)],
  ['1-iteration run, after (dist/)', (n) => run('dist/bin.js', n)],
];
if (process.env.BENCH_BEFORE) {
  const other = join(process.env.BENCH_BEFORE, 'bin', 'loadcert.mjs');
  VARIANTS.splice(1, 0, ['loadcert --help, BENCH_BEFORE checkout', () => [other, '--help']]);
  VARIANTS.splice(4, 0, ['1-iteration run, BENCH_BEFORE checkout', (n) => run(other, n)]);
}

const samples = new Map<string, Sample[]>(VARIANTS.map(([name]) => [name, []]));
for (let n = 0; n < ROUNDS; n++) for (const [name, args] of VARIANTS) samples.get(name)!.push(await measure(args(n)));
await target.close();

console.log(`\nstart-up, median of ${ROUNDS} (node ${process.version}; shared machine: noisy; rerun: npm run bench:startup)`);
console.log(`${'command'.padEnd(44)} ${'wall ms'.padStart(8)} ${'peak RSS MB'.padStart(12)}  failures`);
for (const [name] of VARIANTS) {
  const s = samples.get(name)!;
  console.log(`${name.padEnd(44)} ${median(s.map((x) => x.ms)).toFixed(0).padStart(8)} ${(median(s.map((x) => x.rssKb)) / 1024).toFixed(0).padStart(12)}  ${s.filter((x) => x.code !== 0).length}`);
}
