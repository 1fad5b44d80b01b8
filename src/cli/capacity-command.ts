// `loadcert capacity`: parses its options and runs the search (src/capacity) inside the shared run lifecycle.
import { ConfigError, ExitCode } from '../contracts/errors.ts';
import { IssueList } from '../config/checks.ts';
import { parseCommandLine } from '../config/command-line.ts';
import { parseDuration } from '../contracts/duration.ts';
import { runCapacity } from '../capacity/run-capacity.ts';
import { withRunLifecycle } from './run-command.ts';
import { CAPACITY_HELP } from './help.ts';

const OPTIONS = {
  workload: { type: 'string', multiple: true }, resolution: { type: 'string' }, budget: { type: 'string' },
  step: { type: 'string' }, warmup: { type: 'string' }, 'start-rate': { type: 'string' }, 'max-rate': { type: 'string' },
  growth: { type: 'string' }, 'cooldown-limit': { type: 'string' }, settle: { type: 'string' }, 'recovery-tolerance': { type: 'string' },
  'probe-rate': { type: 'string' }, 'no-cooldown': { type: 'boolean' }, 'late-line': { type: 'string' }, 'max-vus': { type: 'string' }, 'base-url': { type: 'string' }, 'demo-target': { type: 'boolean' },
  'demo-target-args': { type: 'string' }, thresholds: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true }, 'skip-preflight': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

/** `loadcert capacity SCENARIO [options]`: exit code of the capacity verdict; 104 listing every bad option. */
export async function capacityCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommandLine(argv, OPTIONS, 'capacity');
  if (v.help) { process.stdout.write(CAPACITY_HELP); return ExitCode.OK; }
  const issues = new IssueList('command line');
  const bad = issues.add.bind(issues);
  if (positionals.length !== 1) bad('<scenario>', positionals.length ? `expected one scenario file, got ${positionals.length}` : 'no scenario file given', 'run: loadcert capacity scenarios/capacity-demo.ts --demo-target');
  if (v['demo-target'] && v['base-url']) bad('--demo-target', 'cannot be combined with --base-url', 'use one of them');
  if (v['demo-target-args'] !== undefined && !v['demo-target']) bad('--demo-target-args', 'needs --demo-target', 'add --demo-target');
  const num = (flag: string, raw: string | undefined, ok: (x: number) => boolean, fix: string): number | undefined => {
    if (raw === undefined) return undefined;
    const x = Number(raw);
    if (!Number.isFinite(x) || !ok(x)) { bad(flag, `is not valid: ${JSON.stringify(raw)}`, fix); return undefined; }
    return x;
  };
  const dur = (flag: string, raw: string | undefined, min: number): number | undefined => {
    if (raw === undefined) return undefined;
    const ms = parseDuration(raw);
    if (!(ms >= min)) { bad(flag, `is not a duration of at least ${min} ms: ${JSON.stringify(raw)}`, `write e.g. ${flag} 10s`); return undefined; }
    return ms;
  };
  const resolution = num('--resolution', v.resolution, (x) => x > 0 && x < 100, 'give a percentage between 0 and 100, e.g. --resolution 10');
  const startRps = num('--start-rate', v['start-rate'], (x) => x >= 1, 'give a rate per second >= 1, e.g. --start-rate 100');
  const maxRps = num('--max-rate', v['max-rate'], (x) => x >= 1, 'give a rate per second >= 1, e.g. --max-rate 5000');
  const growth = num('--growth', v.growth, (x) => x > 1 && x <= 10, 'give a factor above 1, e.g. --growth 2');
  const maxVUs = num('--max-vus', v['max-vus'], (x) => Number.isInteger(x) && x >= 1, 'give a whole number of VUs >= 1');
  const stepMs = dur('--step', v.step, 1000);
  const warmupMs = dur('--warmup', v.warmup, 0);
  const budgetMs = dur('--budget', v.budget, 1000);
  const lateLineMs = dur('--late-line', v['late-line'], 1);
  const cooldownLimitMs = dur('--cooldown-limit', v['cooldown-limit'], 1000);
  const settleMs = dur('--settle', v.settle, 500);
  const tolerance = num('--recovery-tolerance', v['recovery-tolerance'], (x) => x > 0 && x <= 1000, 'give a percentage above 0, e.g. --recovery-tolerance 50');
  const probe = num('--probe-rate', v['probe-rate'], (x) => x > 0 && x <= 100, 'give a percentage of the start rate in (0, 100], e.g. --probe-rate 50');
  const cooldownFlags = ['--cooldown-limit', '--settle', '--recovery-tolerance', '--probe-rate'].filter((f) => v[f.slice(2) as 'settle'] !== undefined);
  if (v['no-cooldown'] && cooldownFlags.length) bad('--no-cooldown', `cannot be combined with ${cooldownFlags.join(', ')}`, 'leave out --no-cooldown, or the cool-down options');
  const limit = cooldownLimitMs ?? 60_000;
  if (settleMs !== undefined && settleMs > limit) bad('--settle', `is longer than the cool-down limit (${settleMs} ms > ${limit} ms)`, 'shorten --settle or raise --cooldown-limit');
  if (startRps !== undefined && maxRps !== undefined && startRps > maxRps) bad('--start-rate', `is above --max-rate (${startRps} > ${maxRps})`, 'lower --start-rate or raise --max-rate');
  if (issues.issues.length) throw new ConfigError(issues.issues);
  return withRunLifecycle({ demoTarget: v['demo-target'], targetArgs: v['demo-target-args']?.split(/\s+/).filter(Boolean) }, async (signal, target) => (await runCapacity({
    scenarioFile: positionals[0], baseUrl: target?.url ?? v['base-url'], thresholdsFile: v.thresholds, outDir: v.out, force: v.force,
    allowHosts: v['allow-host'], skipPreflight: v['skip-preflight'], demoTargetPid: target?.pid, signal,
    workloads: v.workload, resolution: resolution === undefined ? undefined : resolution / 100, budgetMs, stepMs, warmupMs, startRps, maxRps, growth, maxVUs, lateLineMs,
    cooldown: v['no-cooldown'] ? false : {
      ...(cooldownLimitMs !== undefined ? { limitMs: cooldownLimitMs } : {}), ...(settleMs !== undefined ? { settleMs } : {}),
      ...(tolerance !== undefined ? { p95Tolerance: tolerance / 100 } : {}), ...(probe !== undefined ? { probeFraction: probe / 100 } : {}),
    },
  })).exitCode);
}
