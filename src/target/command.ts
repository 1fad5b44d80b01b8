// `loadcert target`: runs the demo target from the command line until SIGINT/SIGTERM.
import type { DemoTargetOptions, FaultState } from './types.ts';
import { createDemoTarget } from './server.ts';
import { createRealtimeExtension } from './realtime/index.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';
import { startProcessGuard } from '../lifecycle/process-guard.ts';

/** The exact first line printed once listening; the runner parses it (see spawnDemoTarget). */
export const LISTENING_PREFIX = 'loadcert demo target listening on ';

/** Usage text of `loadcert target`. */
export const TARGET_USAGE = `Usage: loadcert target [options]

Runs the embedded demo system under test (document platform API) on loopback.

Options:
  --port N            TCP port (default 8080; 0 = any free port)
  --host HOST         127.0.0.1 (default), ::1 or localhost; other hosts are refused
  --latency-ms MS     every API route answers after exactly MS ms (default: small random latencies)
  --latency-scale F   multiply every API latency by F (e.g. 1.2: a build 20 % slower; default 1)
  --error-rate R      fraction 0..1 of API requests answering 500 (default 0)
  --health-401        health endpoints answer 401 (reproduces the known fault)
  --health-down       health endpoints answer 503 Unhealthy
  --stall-every MS    freeze the whole server every MS ms (needs --stall-for)
  --stall-for MS      length of each freeze, ms
  --max-concurrency C  GET /api/work serves at most C requests at once, the rest wait in a FIFO queue
                      (capacity C*1000/S req/s; latency rises past it); default unbounded
  --service-ms S      time one /api/work request holds its worker, ms (default 10)
  --queue-limit Q     at most Q /api/work requests wait; one more is shed at once with 503 (default unbounded)
  --serve-abandoned   a worker still serves a request whose client left: a backlog outlives the load
  --documents N       number of seeded documents (default 10000)
  --seed N            seed of documents and latency draws (default 42)
  --no-admin          disable the /__admin routes
  --help              show this help

Routes: GET /health, /health/detailed, /api/health, /api/documents?page=&size=, /api/documents/:id,
POST /api/documents, GET /api/search?q=, /api/ping, /api/work, /slow?ms=N; admin: GET|POST /__admin/faults,
POST /__admin/crash, POST /__admin/memory?mb=N.
/slow?ms=N answers N ms after the request arrived, never earlier (not Node's ~1 ms timer error), and reports
the handling time it measured as Server-Timing app;dur=<ms>.`;

/** Parsed command line: the target options, or help. */
export interface TargetArgs {
  help: boolean;
  options: DemoTargetOptions;
}

function fail(message: string): never {
  throw new LoadcertError('LC_TARGET_ARGS', `${message}\nRun "loadcert target --help" for the options.`, ExitCode.INVALID_CONFIG);
}

function num(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || raw.startsWith('--')) fail(`${flag} needs a value`);
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) fail(`${flag} must be a number in ${min}..${max}, got "${raw}"`);
  return v;
}

/** Parses `loadcert target` arguments; throws LC_TARGET_ARGS (exit 104) naming the bad option. */
export function parseTargetArgs(argv: readonly string[]): TargetArgs {
  const options: DemoTargetOptions = { port: 8080 };
  const faults: Partial<FaultState> = {};
  let stallEvery: number | undefined;
  let stallFor: number | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--help': case '-h': help = true; break;
      case '--port': options.port = num(flag, value(), 0, 65535); if (!Number.isInteger(options.port)) fail('--port must be an integer'); break;
      case '--host': { const h = value(); if (h === undefined) fail('--host needs a value'); options.host = h; break; }
      case '--latency-ms': faults.latencyMs = num(flag, value(), 0, 60_000); break;
      case '--latency-scale': faults.latencyScale = num(flag, value(), 0.01, 100); break;
      case '--error-rate': faults.errorRate = num(flag, value(), 0, 1); break;
      case '--health-401': faults.healthUnauthorized = true; break;
      case '--health-down': faults.healthDown = true; break;
      case '--stall-every': stallEvery = num(flag, value(), 1, 3_600_000); break;
      case '--stall-for': stallFor = num(flag, value(), 1, 30_000); break;
      case '--max-concurrency': options.work = { ...options.work, maxConcurrency: num(flag, value(), 1, 100_000) }; if (!Number.isInteger(options.work.maxConcurrency)) fail('--max-concurrency must be an integer'); break;
      case '--service-ms': options.work = { ...options.work, serviceMs: num(flag, value(), 1, 60_000) }; break;
      case '--queue-limit': options.work = { ...options.work, queueLimit: num(flag, value(), 0, 1_000_000) }; if (!Number.isInteger(options.work.queueLimit)) fail('--queue-limit must be an integer'); break;
      case '--serve-abandoned': options.work = { ...options.work, serveAbandoned: true }; break;
      case '--documents': options.documentCount = num(flag, value(), 0, 1_000_000); break;
      case '--seed': options.seed = num(flag, value(), 0, 2 ** 31); break;
      case '--no-admin': options.adminEnabled = false; break;
      default: fail(`unknown option "${arg}"`);
    }
  }
  if ((stallEvery === undefined) !== (stallFor === undefined)) fail('--stall-every and --stall-for go together');
  if (stallEvery !== undefined && stallFor !== undefined) {
    if (stallEvery <= stallFor) fail('--stall-every must be larger than --stall-for');
    faults.stall = { everyMs: stallEvery, forMs: stallFor };
  }
  options.faults = faults;
  return { help, options };
}

/**
 * Runs the demo target until SIGINT/SIGTERM or until its parent process exits (so a target spawned by
 * `loadcert run --demo-target` never outlives loadcert, even after SIGKILL); resolves the exit code
 * (0, 104 on bad options, 1 when it cannot listen). A process guard ends it (exit 105) when a stall
 * fault or a busy event loop keeps it from stopping.
 */
export async function runTargetCommand(argv: string[]): Promise<number> {
  let target;
  try {
    const args = parseTargetArgs(argv);
    if (args.help) {
      process.stdout.write(TARGET_USAGE + '\n');
      return ExitCode.OK;
    }
    target = await createDemoTarget({ ...args.options, extensions: [createRealtimeExtension(), ...(args.options.extensions ?? [])] });
  } catch (err) {
    const e = err instanceof LoadcertError ? err : new LoadcertError('LC_UNEXPECTED', String(err));
    process.stderr.write(`loadcert target: ${e.message}\n`);
    return e.exitCode;
  }
  const guard = startProcessGuard({ exitCode: ExitCode.INTERRUPTED, name: 'loadcert target' });
  process.stdout.write(`${LISTENING_PREFIX}${target.url}\n`);
  const running = target;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  guard.close();
  return ExitCode.OK;
}
