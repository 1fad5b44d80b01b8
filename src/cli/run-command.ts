import { parseArgs } from 'node:util';
import { ConfigError, ExitCode, LoadcertError } from '../errors.ts';
import { runScenario } from '../run/run-scenario.ts';
import { spawnDemoTarget, type SpawnedTarget } from '../target/spawn.ts';
import { startProcessGuard } from '../lifecycle/process-guard.ts';
import { RUN_HELP } from './help.ts';

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

  return withRunLifecycle({ demoTarget: values['demo-target'] }, (signal, target) => runScenario({
    scenarioFile: positionals[0],
    baseUrl: target?.url ?? values['base-url'],
    thresholdsFile: values.thresholds,
    outDir: values.out,
    allowHosts: values['allow-host'],
    skipPreflight: values['skip-preflight'],
    baselineDir: values.baseline,
    demoTargetPid: target?.pid,
    signal,
  }).then((o) => o.exitCode));
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

/** Turns any error into an exit code, printing it: LoadcertError keeps its code; others exit 1. */
export function reportError(err: unknown): number {
  if (err instanceof LoadcertError) {
    process.stderr.write(`loadcert: ${err.code}: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`loadcert: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
  return ExitCode.UNEXPECTED;
}
