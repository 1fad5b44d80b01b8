// `loadcert swarm`: validates the scenario as `loadcert run` would, runs its N segments as a Swarm
// service on DOCKER_HOST's engine, then merges them (`loadcert merge`) and exits with the merge's code.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Docker from 'dockerode';
import { ConfigError, ExitCode } from '../../contracts/errors.ts';
import { IssueList } from '../../config/checks.ts';
import { defaultOutDir } from '../../run/prepare.ts';
import { existingRun } from '../../run/out-dir.ts';
import { checkRunInputs } from '../check-inputs.ts';
import { SWARM_HELP } from './help.ts';
import { parseCount, parseDurationOption, resolveStartAt, runName } from '../options.ts';
import { runMergeContainer, runSwarmService, type TaskEnd } from './run-service.ts';
import { parseCommandLine } from '../../config/command-line.ts';

function parse(argv: string[]) {
  return parseCommandLine(argv, {
    replicas: { type: 'string' },
    image: { type: 'string' },
    out: { type: 'string' },
    thresholds: { type: 'string' },
    'base-url': { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    'start-delay': { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, 'swarm');
}

/** Exit code of a run whose tasks did not all complete: a loadcert code they share (104, 105, 111), else 1. */
export function failedTasksCode(ends: readonly TaskEnd[]): number {
  const codes = new Set(ends.filter((e) => e.state !== 'complete').map((e) => e.exitCode));
  const [only] = codes;
  return codes.size === 1 && (only === ExitCode.INVALID_CONFIG || only === ExitCode.INTERRUPTED || only === ExitCode.PREFLIGHT_FAILED) ? only : ExitCode.UNEXPECTED;
}

/** `loadcert swarm SCENARIO --replicas N`: returns the merged verdict's exit code. */
export async function runSwarmCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv);
  if (v.help) { process.stdout.write(SWARM_HELP); return ExitCode.OK; }
  const issues = new IssueList('command line');
  if (positionals.length !== 1) issues.add('<scenario>', 'expected one scenario file', 'run: loadcert swarm scenarios/smoke.ts --replicas 3');
  const n = parseCount(v.replicas, '--replicas', issues);
  const delayMs = parseDurationOption(v['start-delay'], '30s', '--start-delay', issues);
  resolveStartAt(undefined, v['start-delay'], '30s', issues); // bounds check only; the instant is taken at service creation
  const timeoutMs = parseDurationOption(v.timeout, '1h', '--timeout', issues);
  if (issues.issues.length) throw new ConfigError(issues.issues);

  const name = runName(positionals[0]);
  const outDir = resolve(v.out ?? `${defaultOutDir(basename(positionals[0]).replace(/\.[cm]?[jt]s$/, ''))}-swarm`);
  // one run per folder: the segments' and the merged run's folders must not hold an earlier swarm run
  const held = runsUnder(outDir);
  if (held.length) issues.add('--out', `${outDir} already holds a swarm run (${held.join(', ')})`, 'give a new folder with --out (or delete that one)');
  if (issues.issues.length) throw new ConfigError(issues.issues);
  const prep = await checkRunInputs({ scenarioFile: positionals[0], baseUrl: v['base-url'], thresholdsFile: v.thresholds, allowHosts: v['allow-host'], outDir });
  // The tasks read copies of the scenario and thresholds from one folder, as pods read the ConfigMap.
  const configDir = join(outDir, 'config');
  mkdirSync(configDir, { recursive: true });
  const scenarioName = basename(prep.scenarioPath);
  copyFileSync(prep.scenarioPath, join(configDir, scenarioName));
  if (prep.thresholdsFile) copyFileSync(prep.thresholdsFile, join(configDir, 'thresholds.json'));

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  let ends: TaskEnd[];
  const docker = new Docker();
  const plan = {
    name, replicas: n, image: v.image ?? 'loadcert:local', resultsDir: outDir, configDir, scenarioName,
    hasThresholds: prep.thresholdsFile !== undefined, startAt: Date.now() + delayMs,
    baseUrl: v['base-url'], allowHosts: v['allow-host'],
  };
  try {
    ends = await runSwarmService({ docker, timeoutMs, log, signal: stop.signal, plan });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const failed = ends.filter((e) => e.state !== 'complete');
  for (const e of failed)
    log(`swarm: task of segment slot ${e.slot} ${e.state}${e.exitCode !== undefined ? ` with exit code ${e.exitCode}` : ''}${e.error ? ` (${e.error})` : ''}${e.logTail ? `; its output ended with:\n${e.logTail}` : ''}`);
  if (failed.length) return failedTasksCode(ends);
  log(`swarm: all ${n} segments completed; merging into ${join(outDir, 'merged')}`);
  const code = await runMergeContainer(docker, plan, process.stdout, process.stderr);
  log(`swarm: merged results in ${join(outDir, 'merged')} (loadcert merge exited ${code})`);
  return code;
}

/** Run files in `dir` and its direct subfolders (segment-N/, merged/), as "merged/summary.json"; empty when none or no folder. */
function runsUnder(dir: string): string[] {
  let subs: string[] = [];
  try { subs = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name); } catch { return []; }
  return ['', ...subs].flatMap((d) => existingRun(join(dir, d)).map((f) => (d ? `${d}/${f}` : f)));
}
