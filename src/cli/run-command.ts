import { parseArgs } from 'node:util';
import { ConfigError, ExitCode, LoadcertError, type ConfigIssue } from '../errors.ts';
import { runScenario } from '../run/run-scenario.ts';
import { spawnDemoTarget, type SpawnedTarget } from '../target/spawn.ts';
import { startProcessGuard } from '../lifecycle/process-guard.ts';
import { RUN_HELP } from './help.ts';
import { parseSegmentPlan, parseStartAt } from '../plan/index.ts';

/** Parses `loadcert run` arguments; throws ConfigError (104) naming the bad option. */
export function parseRunArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'base-url': { type: 'string' },
        'demo-target': { type: 'boolean' },
        thresholds: { type: 'string' },
        out: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        'skip-preflight': { type: 'boolean' },
        baseline: { type: 'string' },
        'execution-segment': { type: 'string' },
        'execution-segment-sequence': { type: 'string' },
        'start-at': { type: 'string' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new ConfigError([{ file: 'command line', path: '', message: (err as Error).message, fix: "run 'loadcert run --help' for the options" }]);
  }
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
  if (issues.length) throw new ConfigError(issues); // every bad flag at once

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
    if (values['demo-target']) {
      target = await spawnDemoTarget(['--port', '0']);
      process.stderr.write(`demo target started at ${target.url} (pid ${target.pid})\n`);
    }
    const outcome = await runScenario({
      scenarioFile: positionals[0],
      baseUrl: target?.url ?? values['base-url'],
      thresholdsFile: values.thresholds,
      outDir: values.out,
      allowHosts: values['allow-host'],
      skipPreflight: values['skip-preflight'],
      baselineDir: values.baseline,
      segment,
      startAt,
      workers,
      demoTargetPid: target?.pid,
      signal: stop.signal,
    });
    return outcome.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await target?.stop();
    guard.close();
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
