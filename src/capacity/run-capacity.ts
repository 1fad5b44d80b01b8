// `loadcert capacity`: runs one step after another (each a real run judged on its own window), searches, and stores the capacity summary.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { runScenario } from '../run/run-scenario.ts';
import { prepareRun, type RunOptions } from '../run/prepare.ts';
import { resourceMetrics, validateResources } from '../run/resources.ts';
import { storeResults } from '../run/store-results.ts';
import { MetricStore } from '../metrics/store.ts';
import { NO_TAGS } from '../metrics/tagset.ts';
import { ThresholdEvaluator } from '../thresholds/evaluator.ts';
import { declaredSources, decideVerdict, judgeCriteria } from '../verdict/index.ts';
import { formatConsoleSummary } from '../report/console-summary.ts';
import type { CapacitySection, MeasurementFailure, RunStatus, RunSummary } from '../contracts/summary-types.ts';
import { ExitCode, type ConfigIssue } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import { CapacitySearch } from './search.ts';
import { driveSearch, type StepRunner } from './drive.ts';
import { DEFAULT_COOLDOWN, type CooldownOptions } from './recovery.ts';
import { fmtNum } from '../report/capacity-text.ts';
import { searchAxis, stepScenario } from './step-scenario.ts';
import { buildCapacitySection } from './section.ts';
import { formatCapacityConsole } from './console.ts';

/** Options of a capacity search (see `loadcert capacity --help`). */
export interface CapacityRunOptions extends Omit<RunOptions, 'warmupMs' | 'transformScenario' | 'baselineDir'> {
  /** Searched workloads (default: every constant-arrival-rate workload). */
  workloads?: string[];
  /** Stop when (first broke - highest held) / highest held <= resolution (fraction, default 0.1). */
  resolution?: number;
  /** Time budget of the whole search, ms (default 5 min): no step starts that would end past it. */
  budgetMs?: number;
  /** Measured window of each step, ms (default 10 s). */
  stepMs?: number;
  /** Warm-up before each step's window, ms (default 3 s). */
  warmupMs?: number;
  /** First rate (default the target rate) and highest rate (default 20 x target) tried, per second. */
  startRps?: number;
  maxRps?: number;
  /** Factor between rates going up (default 2). */
  growth?: number;
  /** Send lateness line: a step in which the generator's event-loop delay (p99 of a second, ms) passed it is invalid (default 50). */
  lateLineMs?: number;
  /** The wait before each step until the system is back at its baseline (src/capacity/recovery.ts; defaults DEFAULT_COOLDOWN); false turns it off. */
  cooldown?: Partial<CooldownOptions> | false;
  /** Forces every searched workload's maxVUs (and preAllocatedVUs) to this value (tests, diagnosing the generator). */
  maxVUs?: number;
}

/** The outcome of a capacity search: exit code (the verdict of the headroom criteria), its summary and folder. */
export interface CapacityOutcome {
  exitCode: number;
  summary: RunSummary | undefined;
  capacity: CapacitySection;
  outDir: string;
}

const discard = (): NodeJS.WritableStream => new Writable({ write(_c, _e, cb) { cb(); } });

/** A capacity search refuses faults: every step is a run of its own and would apply each fault again (104). */
function noFaults(s: ScenarioDefinition, file: string): ConfigIssue[] {
  if (!s.faults || Object.keys(s.faults).length === 0) return [];
  return [{ file, path: 'faults', message: 'loadcert capacity runs the scenario once per step, so each fault would be applied at every step and no step would measure the capacity of the healthy system',
    fix: 'search capacity with a scenario without faults, and certify resilience with `loadcert run` on the scenario with faults' }];
}

/**
 * Searches the highest rate at which every applicable criterion holds: each step is a run of the
 * scenario with the searched workloads at one rate (src/run, judged by src/verdict on the window after
 * the warm-up), stored in <out>/steps/NN-<rate>rps. Then writes <out>/summary.json (the highest held
 * step's metrics, the capacity section, the capacity_headroom criteria judged), report.html, junit.xml.
 * Resolves with the verdict's exit code; bad input throws ConfigError (104) before any load.
 */
export async function runCapacity(opts: CapacityRunOptions): Promise<CapacityOutcome> {
  const began = Date.now();
  const say = (m: string): void => { (opts.progressOut ?? process.stderr).write(`${m}\n`); };
  const prep = await prepareRun({ ...opts, outDir: opts.outDir }, resourceMetrics(), (s, file) => [...validateResources(s, file), ...noFaults(s, file)]);
  const outDir = prep.outDir;
  const axis = searchAxis(prep.scenario, relative(process.cwd(), prep.scenarioPath), opts.workloads);
  const stepMs = opts.stepMs ?? 10_000;
  const warmupMs = opts.warmupMs ?? 3_000;
  const budgetMs = opts.budgetMs ?? 300_000;
  const resolution = opts.resolution ?? 0.1;
  const search = new CapacitySearch({
    startRps: opts.startRps ?? axis.targetRps, maxRps: opts.maxRps ?? axis.targetRps * 20, minRps: 1,
    growth: opts.growth ?? 2, resolution,
  });
  say(`capacity: searching ${axis.rates.map((r) => `${r.name} (target ${fmt(r.perS)}/s)`).join(', ')}; steps of ${stepMs / 1000} s after ${warmupMs / 1000} s warm-up, resolution ${fmt(resolution * 100)} %, budget ${budgetMs / 1000} s`);
  const cooldown = opts.cooldown === false ? false : { ...DEFAULT_COOLDOWN, ...opts.cooldown };
  const startRps = Math.max(1, Math.round(Math.min(opts.startRps ?? axis.targetRps, opts.maxRps ?? Infinity)));
  // the probe: a fraction of the start rate, or of the target when the search starts above it (a probe must not load the system itself)
  const probeRps = Math.max(1, Math.round(Math.min(startRps, axis.targetRps) * (cooldown ? cooldown.probeFraction : 1)));
  mkdirSync(join(outDir, 'steps'), { recursive: true });
  const probeRoot = mkdtempSync(join(tmpdir(), 'loadcert-cooldown-'));
  let probed = false;
  const runner: StepRunner = {
    now: () => Date.now(),
    aborted: () => opts.signal?.aborted === true,
    say,
    async step(rps, n) {
      const dir = join(outDir, 'steps', `${String(n).padStart(2, '0')}-${rps}rps`);
      const run = await runScenario({
        ...opts, force: false, outDir: dir, warmupMs, skipPreflight: opts.skipPreflight || n > 1 || probed,
        transformScenario: (s) => stepScenario(s, axis, { rps, durationMs: warmupMs + stepMs, maxVUs: opts.maxVUs }),
        progressOut: discard(), summaryOut: discard(),
      });
      return { summary: run.summary, dir: relative(outDir, run.outDir) };
    },
    async probe(ms, first) {
      // a probe window is a run of its own at the probe rate, judged on nothing but its figures; its folder is scratch
      const dir = mkdtempSync(join(probeRoot, 'p-'));
      try {
        const run = await runScenario({
          ...opts, force: false, outDir: dir, warmupMs: 0, skipPreflight: opts.skipPreflight || !first,
          transformScenario: (s) => stepScenario(s, axis, { rps: probeRps, durationMs: ms, maxVUs: opts.maxVUs }),
          progressOut: discard(), summaryOut: discard(),
        });
        probed = true;
        return run.summary;
      } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
  let driven;
  try {
    driven = await driveSearch(search, runner, { warmupMs, stepMs, budgetMs, lateLineMs: opts.lateLineMs, cooldown, probeRps });
  } finally { rmSync(probeRoot, { recursive: true, force: true }); }
  const { steps, endCode } = driven;
  const summaries = new Map(driven.summaries.map((x, i) => [i, x] as const));
  const capacity = buildCapacitySection(search, driven, axis, {
    resolution, stepMs, warmupMs, budgetMs, searchMs: Date.now() - began, probeRps, cooldown,
    latencyLines: prep.thresholds.filter((t) => !t.alert && t.metric === 'http_req_duration' && t.unit === 'ms')
      .map((t) => ({ label: t.label, ms: t.target, aggregation: t.aggName })),
  });
  const held = capacity.maxHeldRps;
  const broke = capacity.firstBrokeRps;
  // The summary's metrics are those of the highest step that held, else of the lowest that broke, else the last step.
  const heldIdx = steps.findIndex((s) => s.outcome === 'held' && s.rps === held);
  const brokeIdx = steps.findIndex((s) => s.outcome === 'broke' && s.rps === broke);
  const pick = heldIdx >= 0 ? heldIdx : brokeIdx >= 0 ? brokeIdx : steps.length - 1;
  const base = summaries.get(pick);
  if (!base) {
    say(`capacity: no step ran${endCode ? `: ${endCode.reason}` : ''}`);
    return { exitCode: endCode?.exitCode ?? ExitCode.UNEXPECTED, summary: undefined, capacity, outDir };
  }
  const summary = capacitySummary(base, prep, capacity, began, endCode?.exitCode === ExitCode.INTERRUPTED ? 'aborted' : 'completed');
  const from = join(outDir, steps[pick].dir, 'timeseries.ndjson');
  if (existsSync(from)) copyFileSync(from, join(outDir, 'timeseries.ndjson'));
  const stored = await storeResults(outDir, summary, undefined, undefined, (m) => say(`loadcert: ${m}`));
  (opts.summaryOut ?? process.stdout).write(`${formatConsoleSummary(summary, stored.dir ?? outDir)}\n${formatCapacityConsole(capacity)}\n`);
  const exitCode = endCode && endCode.exitCode !== ExitCode.INTERRUPTED ? endCode.exitCode : summary.loadcert.exitCode;
  return { exitCode: stored.dir ? exitCode : ExitCode.UNEXPECTED, summary, capacity, outDir: stored.dir ?? outDir };
}

/**
 * The capacity folder's summary: the chosen step's summary with the capacity section, the capacity
 * source declared, every capacity_headroom criterion judged on the headroom (ThresholdEvaluator over a
 * one-value store) and the verdict decided again by src/verdict. When the generator ended the search and a
 * headroom criterion is not met, that is a saturation measurement failure (112), not the system's failure.
 */
function capacitySummary(base: RunSummary, prep: Awaited<ReturnType<typeof prepareRun>>, capacity: CapacitySection, began: number, status: RunStatus): RunSummary {
  const s: RunSummary = structuredClone(base);
  const headroomDefs = prep.thresholds.filter((t) => !t.alert && t.metric === 'capacity_headroom');
  const store = new MetricStore(prep.registry);
  store.add('capacity_headroom', capacity.headroom, NO_TAGS);
  store.flushRemaining();
  const judgedHeadroom = new ThresholdEvaluator(headroomDefs, store).evaluate(0);
  const merged = s.thresholds.map((t) => judgedHeadroom.find((h) => h.metric === t.metric && h.expression === t.expression) ?? t);
  const sources = declaredSources(prep.scenario, { capacity: true });
  const stepSources = new Set(s.loadcert.sources ?? []);
  for (const x of sources) stepSources.add(x);
  const all = [...stepSources].sort();
  const thresholds = judgeCriteria(merged, all);
  const failures: MeasurementFailure[] = [...(s.loadcert.measurementFailures ?? [])];
  if (capacity.end === 'generator-limit' && thresholds.some((t) => t.metric.startsWith('capacity_headroom') && t.status === 'failed'))
    failures.push({ source: 'generator', kind: 'saturation', cause: `the generator could not drive ${capacity.generatorLimitRps}/s, below the headroom asked for: the system's limit was not reached`, at: new Date().toISOString() });
  const decided = decideVerdict({ status, thresholds, sources: all, measurementFailures: failures, brokenWorkloads: s.loadcert.brokenWorkloads });
  s.thresholds = thresholds;
  s.capacity = capacity;
  Object.assign(s.loadcert, {
    sources: all, measurementFailures: failures, status, exitCode: decided.exitCode, verdict: decided.verdict, verdictReason: decided.reason,
    startTime: new Date(began).toISOString(), endTime: new Date().toISOString(), durationMs: capacity.searchMs,
  });
  return s;
}

const fmt = fmtNum;
