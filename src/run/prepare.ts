import { resolveHttpTls } from '../config/http-tls.ts';
import { clientTls, DEFAULT_CLIENT_TLS, type ClientTls } from '../protocols/http/tls-context.ts';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import type { SampleFile } from './outputs.ts';
import { importScenario, type HandleSummary } from '../config/load-scenario.ts';
import { validateScenario } from '../config/validate-scenario.ts';
import { parseDuration } from '../contracts/duration.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import type { MetricDef } from '../contracts/metric-types.ts';
import { checkThresholds, mergeThresholds, type CompiledThreshold } from '../thresholds/validate.ts';
import { loadThresholdsFile } from '../thresholds/load.ts';
import type { WorkloadEngine } from '../contracts/engine.ts';
import { createEngines } from './engines.ts';
import { hostAllowList } from '../contracts/host-guard.ts';
import { clearRunFolder, existingRun, prepareOutDir, removeCreated } from './out-dir.ts';
import { loadRunSummary } from '../report/load-run.ts';
import { LoadcertError } from '../contracts/errors.ts';
import { WHOLE } from '../plan/segment.ts';
import { prepareRunFaults, phaseSelectorIssues, type PreparedFaults } from './prepare-faults.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** Command-line choices that shape a run. */
export interface RunOptions {
  scenarioFile: string;
  /** Overrides the scenario's baseUrl. */
  baseUrl?: string;
  /** Thresholds file replacing the scenario's / the default thresholds.json. */
  thresholdsFile?: string;
  /** Results folder (default reports/<timestamp>-<scenario>). */
  outDir?: string;
  skipPreflight?: boolean;
  /** Hosts outside loopback allowed on purpose (--allow-host). */
  allowHosts?: string[];
  /** PID of an embedded demo target the runner spawned (sampled as a process). */
  demoTargetPid?: number;
  /** Stops the run gracefully when aborted (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  /** Where progress and the summary go (default process.stderr / process.stdout). */
  progressOut?: NodeJS.WritableStream;
  summaryOut?: NodeJS.WritableStream;
  /** Baseline run folder to compare with in the report. */
  baselineDir?: string;
  /** Serve the run's metrics in Prometheus text format on this port while it runs (--metrics-port). */
  metricsPort?: number;
  /** Address the metrics endpoint listens on (default 127.0.0.1). */
  metricsHost?: string;
  /** k6's per-sample files (`--out json=FILE`, `--out csv=FILE`); with `workers`, each worker writes a part joined at the end. */
  sampleFiles?: SampleFile[];
  /** This process's share of the load (--execution-segment / --execution-segment-sequence); absent = 0:1. */
  segment?: SegmentPlan;
  /** Wall-clock instant (epoch ms) at which the load clock starts (--start-at); absent = as soon as ready. */
  startAt?: number;
  /** Run the workloads as this many execution segments in worker_threads (--workers); absent = in this thread. */
  workers?: number;
  /**
   * Warm-up at the start of the run, ms: the load runs but the seconds before it ends are not judged
   * (the totals are reset once they are flushed; summary durationMs is then the measured window). Capacity steps use it.
   */
  warmupMs?: number;
  /** Replace the run already in the results folder (--force): its contents are deleted first. Without it, a folder holding a run is refused (104). */
  force?: boolean;
  /** Changes the imported scenario before it is validated (a capacity step's rate and duration). */
  transformScenario?: (s: ScenarioDefinition) => ScenarioDefinition;
}

/** Default results folder: reports/<UTC stamp>-<scenario> below the working folder. */
export function defaultOutDir(scenario: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return resolve('reports', `${stamp}-${scenario}`);
}

/** A validated run, ready to start. */
export interface PreparedRun {
  scenario: ScenarioDefinition;
  scenarioPath: string;
  scenarioName: string;
  baseUrl: string;
  engines: ReadonlyMap<string, WorkloadEngine>;
  registry: MetricRegistry;
  thresholds: CompiledThreshold[];
  thresholdsFile?: string;
  /** Metric keys with an empty thresholds list (k6's idiom): shown in summary.json's metrics. */
  shownMetrics?: string[];
  /** The scenario's k6-style `handleSummary` export, called with summary.json's data at the end. */
  handleSummary?: HandleSummary;
  isAllowedHost: (host: string) => boolean;
  /** Results folder, created and proven writable before the load starts. */
  outDir: string;
  /** This process's share of the load (WHOLE = 0:1). */
  segment: SegmentPlan;
  /** TLS options of every https: connection (load, preflight, availability), from http.tls. */
  tls: ClientTls;
  /** The scenario's fault timeline and actions (empty without `faults`). */
  faults: PreparedFaults;
}

/**
 * Loads the scenario and every input of the run and validates them all before anything starts:
 * scenario fields, workloads (through their engines), base URL and host safety, resources, and
 * thresholds against the registry. Throws one ConfigError (exit 104) listing every problem.
 */
export async function prepareRun(opts: RunOptions, extraMetrics: readonly MetricDef[] = [], extraChecks: (s: ScenarioDefinition, file: string) => ConfigIssue[] = () => []): Promise<PreparedRun> {
  const imported = await importScenario(opts.scenarioFile);
  const { path, name } = imported;
  const scenario = opts.transformScenario ? opts.transformScenario(imported.scenario) : imported.scenario;
  const file = relative(process.cwd(), path) || path;
  const allowList = [...(scenario.allowedHosts ?? []), ...(opts.allowHosts ?? [])];
  const isAllowedHost = hostAllowList(allowList);
  const timeoutMs = parseDuration(scenario.http?.timeout ?? DEFAULTS.httpTimeout);
  // http.tls resolved once for the load and the probes; a problem reading it is reported by validateScenario.
  let tls: ClientTls = DEFAULT_CLIENT_TLS;
  let tlsProblem: string | undefined;
  try { tls = clientTls(resolveHttpTls(scenario.http?.tls, path)); } catch (e) { tlsProblem = (e as Error).message; }
  const engines = createEngines({
    tls,
    timeoutMs: Number.isNaN(timeoutMs) ? parseDuration(DEFAULTS.httpTimeout) : timeoutMs,
    headers: scenario.http?.headers ?? {},
    connections: scenario.http?.connections,
    maxRedirects: scenario.http?.maxRedirects,
    compression: scenario.http?.compression,
    batchPerHost: scenario.http?.batchPerHost,
    protocol: scenario.http?.protocol,
    h2Sessions: scenario.http?.h2Sessions,
    scenarioFile: path,
    isAllowedHost,
  });
  const issues: ConfigIssue[] = [...validateScenario(scenario, file, engines, isAllowedHost), ...extraChecks(scenario, file)];
  if (tlsProblem !== undefined && !issues.some((i) => i.path.startsWith('http.tls')))
    issues.push({ file, path: 'http.tls', message: `cannot be used: ${tlsProblem}`, fix: 'check that key is the unencrypted private key of cert and that every file is PEM' });

  const baseUrl = opts.baseUrl ?? scenario.baseUrl;
  if (opts.baseUrl !== undefined) {
    try { new URL(opts.baseUrl); } catch { issues.push({ file: 'command line', path: '--base-url', message: `is not a valid URL: ${opts.baseUrl}`, fix: 'pass --base-url http://127.0.0.1:8080' }); }
  }
  if (typeof baseUrl === 'string' && URL.canParse(baseUrl)) {
    const host = new URL(baseUrl).hostname;
    if (!isAllowedHost(host))
      issues.push({
        file: opts.baseUrl ? 'command line' : file,
        path: opts.baseUrl ? '--base-url' : 'baseUrl',
        message: `target host "${host}" is not loopback: a capacity test aimed at the wrong host is an outage`,
        fix: `if you mean it, pass --allow-host ${host} (or add "${host}" to allowedHosts in the scenario)`,
      });
  }

  const registry = new MetricRegistry();
  // an engine's own metrics come from the workloads of its protocol
  for (const e of engines.values()) for (const d of e.metrics) registry.define({ ...d, source: d.source ?? e.protocol });
  for (const d of extraMetrics) registry.define(d);

  let thresholdsFile: string | undefined = opts.thresholdsFile;
  if (thresholdsFile === undefined && scenario.thresholdsFile !== false) {
    const candidate = typeof scenario.thresholdsFile === 'string' ? scenario.thresholdsFile : 'thresholds.json';
    if (typeof scenario.thresholdsFile === 'string' || existsSync(candidate)) thresholdsFile = candidate;
  }
  let fromFile: CompiledThreshold[] = [];
  const shownMetrics: string[] = [];
  if (thresholdsFile) {
    try {
      const map = await loadThresholdsFile(thresholdsFile, undefined, thresholdsFile);
      const r = checkThresholds(map, thresholdsFile, registry);
      issues.push(...r.issues);
      fromFile = r.thresholds;
      shownMetrics.push(...(r.shown ?? []));
    } catch (err) {
      if (err instanceof ConfigError) issues.push(...err.issues);
      else throw err;
    }
  }
  let fromScenario: CompiledThreshold[] = [];
  if (scenario.thresholds !== undefined) {
    const r = checkThresholds(scenario.thresholds, file, registry, 'scenario');
    issues.push(...r.issues.map((i) => ({ ...i, path: i.path ? `thresholds.${i.path}` : 'thresholds' })));
    fromScenario = r.thresholds;
    shownMetrics.push(...(r.shown ?? []));
  }
  if (opts.baselineDir !== undefined) {
    try { await loadRunSummary(opts.baselineDir); } catch (err) {
      if (!(err instanceof LoadcertError)) throw err;
      issues.push({ file: 'command line', path: '--baseline', message: err.message, fix: 'give the folder of an earlier run (e.g. reports/20260101-120000-smoke), or leave --baseline out' });
    }
  }
  const outDir = opts.outDir !== undefined ? resolve(opts.outDir) : defaultOutDir(name);
  const out = prepareOutDir(outDir);
  if (!out.ok)
    issues.push({ file: 'command line', path: opts.outDir !== undefined ? '--out' : '(default results folder)', message: `results cannot be written: ${out.reason}`, fix: 'pass --out with a folder you can write, e.g. --out /tmp/loadcert-run' });
  else if (existingRun(outDir).length) {
    // One run per folder: writing into it would replace summary.json and append to timeseries.ndjson.
    const cleared = opts.force ? clearRunFolder(outDir) : 'refused';
    if (cleared !== undefined)
      issues.push({ file: 'command line', path: opts.outDir !== undefined ? '--out' : '(default results folder)', message: `${outDir} already holds a run (${existingRun(outDir).join(', ')})${opts.force ? `; --force could not replace it: ${cleared}` : ''}`, fix: 'give a new folder with --out, or add --force to delete that run and replace it whole' });
  }
  const thresholds = mergeThresholds([fromFile, fromScenario]);
  const segment = opts.segment ?? WHOLE;
  const faulted = prepareRunFaults(scenario, file, {
    engines, baseUrl: typeof baseUrl === 'string' ? baseUrl : '', isAllowedHost, scenarioDir: dirname(path), segment,
    log: (m) => { (opts.progressOut ?? process.stderr).write(`fault: ${m}\n`); },
  });
  issues.push(...faulted.issues, ...phaseSelectorIssues(thresholds, scenario.faults));
  if (issues.length) {
    if (out.ok) removeCreated(out.created);
    throw new ConfigError(issues);
  }
  return {
    scenario, scenarioPath: path, scenarioName: name, baseUrl, engines, registry,
    thresholds, thresholdsFile, shownMetrics, isAllowedHost, outDir,
    ...(imported.handleSummary ? { handleSummary: imported.handleSummary } : {}),
    segment, tls, faults: faulted.faults,
  };
}
