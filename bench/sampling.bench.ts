// npm run bench:sampling — CPU cost of loadcert's Docker sampler (5 containers at 1 Hz, in-process,
// process.cpuUsage) beside `docker stats --no-stream` polled at 1 Hz (CPU of the child processes via
// /usr/bin/time), measured in the same ~20-s window. Needs the private engine: eval "$(scripts/docker-engine.sh up)".
// Not a test: it prints a table.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DockerSampler } from '../src/resources/docker-sampler.ts';
import { CLK_TCK } from '../src/resources/proc.ts';
import type { SampleSink } from '../src/contracts/metric-types.ts';
import { removeQuietly, requireEngine, runTarget, type TargetContainer } from '../test/docker/engine.ts';

const CONTAINERS = 5;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);

/** CPU seconds (user + system) of a PID and its waited-for children, from /proc; 0 when gone. */
function procCpuSeconds(pid: number): number {
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) / CLK_TCK;
  } catch {
    return 0;
  }
}

function pidOf(file: string): number | undefined {
  try { return Number(readFileSync(file, 'utf8').trim()) || undefined; } catch { return undefined; }
}

/** Polls `docker stats --no-stream` once a second (a poll still running delays the next) under /usr/bin/time. */
function startCliPoll(ms: number): Promise<{ cpuSeconds: number; polls: number }> {
  const script = `end=$((SECONDS + ${Math.round(ms / 1000)})); n=0
while [ $SECONDS -lt $end ]; do t0=$(date +%s%N); docker stats --no-stream >/dev/null; n=$((n+1))
  left=$(( 1000000000 - ($(date +%s%N) - t0) )); [ $left -gt 0 ] && sleep $(printf '0.%09d' $left); done; echo "polls $n" >&2`;
  const child = spawn('/usr/bin/time', ['-f', 'cpu %U %S', 'bash', '-c', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => {
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(err);
      const polls = Number(/polls (\d+)/.exec(err)?.[1] ?? 0);
      if (!cpu) reject(new Error(`docker stats poll failed: ${err}`));
      else resolve({ cpuSeconds: Number(cpu[1]) + Number(cpu[2]), polls });
    });
  });
}

async function main(): Promise<void> {
  const fakeT = { skip: (why: string) => { console.error(`bench:sampling needs a Docker engine: ${why}`); process.exitCode = 1; } };
  const docker = await requireEngine(fakeT as never);
  if (!docker) return;
  const targets: TargetContainer[] = [];
  try {
    for (let i = 0; i < CONTAINERS; i++) targets.push(await runTarget(docker, `bench-${i}`));
    let samples = 0;
    const sink: SampleSink = { add() { samples++; } };
    const warnings: string[] = [];
    const ctrl = new AbortController();
    const sampler = new DockerSampler({ containers: targets.map((t) => t.name), intervalMs: 1000 });

    // Idle baseline of this process, before and after the window; the smaller one is subtracted (the other
    // may catch a garbage collection or the end of the container start-up polls).
    const idle = async (): Promise<number> => {
      const c0 = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 3000));
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1e6 / 3;
    };
    await new Promise((r) => setTimeout(r, 2000));
    const idleBefore = await idle();

    const dir = (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '').replace(/\/docker\.sock$/, '');
    const dockerdPid = pidOf(`${dir}/dockerd.pid`);
    const containerdPid = pidOf(`${dir}/exec/containerd/containerd.pid`);
    const engineCpu = (): number => (dockerdPid ? procCpuSeconds(dockerdPid) : 0) + (containerdPid ? procCpuSeconds(containerdPid) : 0);

    const engine0 = engineCpu();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await sampler.start({ sink, warn: (m) => void warnings.push(m), signal: ctrl.signal });
    const cli = startCliPoll(WINDOW_MS);
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - t0) / 1000;
    await sampler.stop();
    const engine = engineCpu() - engine0;
    const { cpuSeconds: cliCpu, polls } = await cli;
    const idlePerSec = Math.min(idleBefore, await idle());

    const rawCpu = (cpu.user + cpu.system) / 1e6;
    const samplerCpu = Math.max(0, rawCpu - idlePerSec * wall);
    const pct = (s: number): string => `${((s / wall) * 100).toFixed(2)} %`;
    console.log(`\nsampling ${CONTAINERS} containers for ${wall.toFixed(1)} s (2-core machine shared with other work)\n`);
    console.log('| method | CPU, % of one core | readings |');
    console.log('|---|---|---|');
    console.log(`| loadcert DockerSampler (1 streaming stats request per container, 1 Hz) | ${pct(samplerCpu)} | ${samples} gauge samples |`);
    console.log(`| docker stats --no-stream polled at 1 Hz (CLI child processes) | ${pct(cliCpu)} | ${polls} polls |`);
    console.log(`| dockerd + containerd during the window (both methods together) | ${pct(engine)} | |`);
    if (polls) console.log(`\neach docker stats --no-stream waits for two engine samples: ${polls} polls in ${wall.toFixed(0)} s; at a true 1 Hz the CLI would cost about ${((cliCpu / polls) * 100).toFixed(2)} % of a core`);
    console.log(`this process during the window: ${((rawCpu / wall) * 100).toFixed(2)} % of a core; idle baseline subtracted: ${(idlePerSec * 100).toFixed(2)} %`);
    if (warnings.length) console.log(`warnings: ${warnings.join('; ')}`);
  } finally {
    await Promise.all(targets.map((t) => removeQuietly(docker, t.name)));
  }
}

await main();
