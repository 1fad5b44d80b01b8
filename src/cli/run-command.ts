import { ConfigError, ExitCode, LoadcertError, type ConfigIssue } from '../contracts/errors.ts';
import { runScenario } from '../run/run-scenario.ts';
import { workloadsFor } from '../workers/worker-set.ts';
import { spawnDemoTarget, type SpawnedTarget } from '../target/spawn.ts';
import { startProcessGuard } from '../lifecycle/process-guard.ts';
import { RUN_HELP } from './help.ts';
import { parseSegmentPlan, parseStartAt } from '../plan/index.ts';
import { parseCommandLine } from '../config/command-line.ts';
import type { SampleFile } from '../run/outputs.ts';
import { resolve } from 'node:path';

/** Parses `loadcert run` arguments; throws ConfigError (104) naming the bad option. */
export function parseRunArgs(argv: string[]) {
  return parseCommandLine(argv, {
    'base-url': { type: 'string' },
    'demo-target': { type: 'boolean' },
    thresholds: { type: 'string' },
    out: { type: 'string', multiple: true },
    force: { type: 'boolean' },
    'allow-host': { type: 'string', multiple: true },
    'skip-preflight': { type: 'boolean' },
    baseline: { type: 'string' },
    'metrics-port': { type: 'string' },
    'metrics-host': { type: 'string' },
    publish: { type: 'string' },
    'execution-segment': { type: 'string' },
    'execution-segment-sequence': { type: 'string' },
    'start-at': { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, 'run');
}

/**
 * `loadcert run`: wires SIGINT/SIGTERM to a graceful stop (a second signal exits 105 at once),
 * optionally spawns the demo target, runs the scenario and returns its exit code. A process guard
 * (lifecycle/process-guard.ts) keeps this true while scenario code blocks the event loop, and stops
 * the run when loadcert's parent process exits.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseRunArgs(argv);
  if (values.help) { process.stdout.write(RUN_HELP); return ExitCode.OK; }
  if (positionals.length !== 1)
    throw new ConfigError([{ file: 'command line', path: '<scenario>', message: positionals.length ? `expected one scenario file, got ${positionals.length}` : 'no scenario file given', fix: 'run: loadcert run scenarios/smoke.ts' }]);
  if (values['demo-target'] && values['base-url'])
    throw new ConfigError([{ file: 'command line', path: '--demo-target', message: 'cannot be combined with --base-url', fix: 'use one of them' }]);

  const metricsPort = parseMetricsPort(values['metrics-port']);
  if (values['metrics-host'] !== undefined && metricsPort === undefined)
    throw new ConfigError([{ file: 'command line', path: '--metrics-host', message: 'needs --metrics-port', fix: 'add --metrics-port PORT (e.g. 9464)' }]);
  // flags first, then the environment (LOADCERT_EXECUTION_SEGMENT, ..._SEQUENCE, LOADCERT_START_AT) for orchestrators
  const env = process.env;
  const segmentText = values['execution-segment'] ?? (env.LOADCERT_EXECUTION_SEGMENT || undefined);
  const sequenceText = values['execution-segment-sequence'] ?? (env.LOADCERT_EXECUTION_SEGMENT_SEQUENCE || undefined);
  const startAtText = values['start-at'] ?? (env.LOADCERT_START_AT || undefined);
  const issues: ConfigIssue[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try { return f(); } catch (err) { if (!(err instanceof ConfigError)) throw err; issues.push(...err.issues); return undefined; }
  };
  const segmented = segmentText !== undefined || sequenceText !== undefined;
  const segment = segmented ? attempt(() => parseSegmentPlan(segmentText, sequenceText)) : undefined;
  const startAt = startAtText !== undefined ? attempt(() => parseStartAt(startAtText)) : undefined;
  const workers = values.workers !== undefined ? attempt(() => parseWorkers(values.workers!, segmented)) : undefined;
  const outs = attempt(() => parseOuts(values.out ?? [])) ?? { sampleFiles: [] };
  if (issues.length) throw new ConfigError(issues); // every bad flag at once

  return withRunLifecycle({ demoTarget: values['demo-target'] }, async (signal, target) => {
    const outcome = await runScenario({
      scenarioFile: positionals[0],
      baseUrl: target?.url ?? values['base-url'],
      thresholdsFile: values.thresholds,
      outDir: outs.outDir,
      sampleFiles: outs.sampleFiles,
      force: values.force,
      allowHosts: values['allow-host'],
      skipPreflight: values['skip-preflight'],
      baselineDir: values.baseline,
      metricsPort,
      metricsHost: values['metrics-host'],
      segment,
      startAt,
      workers,
      demoTargetPid: target?.pid,
      signal,
    }, workloadsFor);
    if (values.publish !== undefined) await publishInto(outcome.outDir, values.publish);
    return outcome.exitCode;
  });
}

/** k6's outputs `--out NAME=...` that loadcert does not write (refused with a reason rather than taken for a folder). */
const K6_OTHER_OUTPUTS = ['influxdb', 'cloud', 'statsd', 'datadog', 'kafka', 'experimental-prometheus-rw', 'prometheus-rw', 'web-dashboard', 'dashboard', 'opentelemetry', 'experimental-opentelemetry', 'timescaledb', 'xk6-influxdb', 'output-influxdb'];

/**
 * Splits the `--out` values: `json=FILE` and `csv=FILE` are k6's per-sample files, any other value is
 * the results folder (at most one). k6's other outputs are refused by name; a file named twice is refused
 * (two writers would clobber it).
 */
export function parseOuts(values: readonly string[]): { outDir?: string; sampleFiles: SampleFile[] } {
  const sampleFiles: SampleFile[] = [];
  const dirs: string[] = [];
  const issues: ConfigIssue[] = [];
  for (const v of values) {
    const m = /^([a-z][a-z0-9-]*)=(.*)$/.exec(v);
    if (m && (m[1] === 'json' || m[1] === 'csv')) {
      if (!m[2]) issues.push({ file: 'command line', path: '--out', message: `${m[1]}= needs a file name`, fix: `write --out ${m[1]}=results.${m[1]}` });
      else if (/\.gz$/.test(m[2])) issues.push({ file: 'command line', path: '--out', message: `${v}: gzipped output is not supported`, fix: `write --out ${m[1]}=${m[2].replace(/\.gz$/, '')} and compress the file after the run` });
      else sampleFiles.push({ kind: m[1], path: m[2] });
    } else if (m && K6_OTHER_OUTPUTS.includes(m[1])) {
      issues.push({ file: 'command line', path: '--out', message: `k6's ${m[1]} output is not supported`, fix: 'loadcert writes --out json=FILE and --out csv=FILE; use --metrics-port for live Prometheus scraping' });
    } else dirs.push(v);
  }
  if (dirs.length > 1) issues.push({ file: 'command line', path: '--out', message: `more than one results folder: ${dirs.join(', ')}`, fix: 'give one --out DIR (and any number of --out json=FILE / csv=FILE)' });
  const named = sampleFiles.map((f) => resolve(f.path));
  const twice = named.find((p, i) => named.indexOf(p) !== i);
  if (twice) issues.push({ file: 'command line', path: '--out', message: `${twice} is named by two json=/csv= outputs`, fix: 'give each sample file its own name' });
  if (issues.length) throw new ConfigError(issues);
  return { ...(dirs[0] !== undefined ? { outDir: dirs[0] } : {}), sampleFiles };
}

/**
 * The lifecycle shared by `run` and `capacity`: SIGINT/SIGTERM abort `signal` (a second signal exits 105
 * at once), a process guard, and optionally a demo target spawned (`demoTarget`, or with extra target
 * arguments `targetArgs`) and stopped around `body`.
 */
export async function withRunLifecycle(o: { demoTarget?: boolean; targetArgs?: string[] }, body: (signal: AbortSignal, target: SpawnedTarget | undefined) => Promise<number>): Promise<number> {
  const stop = new AbortController();
  const guard = startProcessGuard({ exitCode: ExitCode.INTERRUPTED, name: 'loadcert' });
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      process.stderr.write(`\n${sig}: stopping gracefully and writing results (press Ctrl-C again to exit at once)\n`);
      guard.stopRequested(sig);
      stop.abort();
    } else {
      process.stderr.write(`\n${sig} again: exiting now\n`);
      process.exit(ExitCode.INTERRUPTED);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let target: SpawnedTarget | undefined;
  try {
    if (o.demoTarget) {
      target = await spawnDemoTarget(['--port', '0', ...(o.targetArgs ?? [])]);
      process.stderr.write(`demo target started at ${target.url} (pid ${target.pid})\n`);
    }
    return await body(stop.signal, target);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await target?.stop();
    guard.close();
  }
}

/** The --metrics-port value as a port number (0..65535), undefined when absent; ConfigError (104) otherwise. */
export function parseMetricsPort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new ConfigError([{ file: 'command line', path: '--metrics-port', message: `"${value}" is not a port number`, fix: 'give a port between 0 and 65535, e.g. --metrics-port 9464' }]);
  return n;
}

/** Publishes a finished run into a history folder; a failure is reported on stderr and leaves the verdict's exit code. */
async function publishInto(runDir: string, historyDir: string): Promise<void> {
  try {
    const { publishRun } = await import('../history/history.ts');
    const entry = await publishRun(runDir, historyDir);
    process.stderr.write(`loadcert: published ${entry.verdict} run to ${historyDir}/runs/${entry.id} (index: ${historyDir}/index.html)\n`);
  } catch (err) {
    process.stderr.write(`loadcert: could not publish to ${historyDir}: ${(err as Error).message}\n`);
  }
}

/** Most worker threads accepted by --workers. */
export const MAX_WORKERS = 64;

/** Parses --workers N (1..64, not with --execution-segment); ConfigError (104) naming the flag otherwise. */
export function parseWorkers(text: string, segmented: boolean): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_WORKERS)
    throw new ConfigError([{ file: 'command line', path: '--workers', message: `"${text}" is not a whole number from 1 to ${MAX_WORKERS}`, fix: 'pass e.g. --workers 2 (or leave it out to run in this thread)' }]);
  if (segmented)
    throw new ConfigError([{ file: 'command line', path: '--workers', message: 'cannot be combined with --execution-segment yet', fix: 'run one segment per process, or --workers without segments' }]);
  return n;
}

/** Turns any error into an exit code, printing it: LoadcertError keeps its code; others exit 1. */
export function reportError(err: unknown): number {
  if (err instanceof LoadcertError) {
    process.stderr.write(`loadcert: ${err.code}: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`loadcert: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
  return ExitCode.UNEXPECTED;
}
