// The mutable state of one demo target: faults, per-route latency and error rates, documents, held memory.
import type { ApiRoute, DemoTargetOptions, FaultState, LatencySpec } from './types.ts';
import { API_ROUTES } from './types.ts';
import { DEFAULT_LATENCY, MAX_LATENCY_MS, createRandom, drawLatency, validateLatency } from './latency.ts';
import { DocumentStore } from './documents.ts';
import { StallTimer, noFaults, validateFaults } from './faults.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';
import { DEFAULT_SERVICE_MS, WorkQueue, type WorkLimit } from './work-queue.ts';
import { DeadlineScheduler } from './deadline-scheduler.ts';
import { Outage } from './outage.ts';

/** Most memory the admin API will hold, MB. */
export const MAX_HELD_MB = 8192;

/** Everything the routes read and the admin API changes. */
export interface TargetState {
  faults: FaultState;
  readonly latency: Record<ApiRoute, LatencySpec>;
  readonly errorRates: Record<ApiRoute, number>;
  readonly rand: () => number;
  readonly docs: DocumentStore;
  readonly stall: StallTimer;
  /** Memory held by POST /__admin/memory. */
  held: Buffer[];
  readonly adminEnabled: boolean;
  readonly onCrash: () => void;
  /** The bounded worker pool behind GET /api/work. */
  readonly work: WorkQueue;
  /** Runs fixed-delay responses (/slow) at their deadline, shared by every pending one. */
  readonly deadlines: DeadlineScheduler;
  /** The timed outage of POST /__admin/outage (API and health answer 503 while it lasts). */
  readonly outage: Outage;
}

/** Builds the state from options; throws LC_TARGET_* (exit 104) on invalid options. */
export function createState(options: DemoTargetOptions): TargetState {
  const latency = {} as Record<ApiRoute, LatencySpec>;
  const errorRates = {} as Record<ApiRoute, number>;
  for (const r of API_ROUTES) {
    latency[r] = validateLatency(r, options.latency?.[r] ?? DEFAULT_LATENCY[r]);
    const e = options.errorRates?.[r] ?? 0;
    if (!(e >= 0 && e <= 1)) throw new LoadcertError('LC_TARGET_FAULT', `errorRates.${r} must be between 0 and 1`, ExitCode.INVALID_CONFIG);
    errorRates[r] = e;
  }
  for (const k of Object.keys(options.latency ?? {}))
    if (!API_ROUTES.includes(k as ApiRoute)) throw new LoadcertError('LC_TARGET_LATENCY', `unknown route "${k}" in latency (known: ${API_ROUTES.join(', ')})`, ExitCode.INVALID_CONFIG);
  const count = options.documentCount ?? 10_000;
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000)
    throw new LoadcertError('LC_TARGET_OPTION', 'documentCount must be an integer in 0..1000000', ExitCode.INVALID_CONFIG);
  const seed = options.seed ?? 42;
  const state: TargetState = {
    faults: { ...noFaults(), ...validateFaults(options.faults ?? {}) },
    latency,
    errorRates,
    rand: createRandom(seed),
    docs: new DocumentStore(count, seed),
    stall: new StallTimer(),
    held: [],
    adminEnabled: options.adminEnabled ?? true,
    onCrash: options.onCrash ?? (() => process.exit(1)),
    work: new WorkQueue(workLimit(options.work)),
    deadlines: new DeadlineScheduler(),
    outage: new Outage(),
  };
  return state;
}

/** Merges validated fault switches into the state and (re)starts the stall timer; returns a copy of the result. */
export function applyFaults(state: TargetState, partial: Partial<FaultState>): FaultState {
  state.faults = { ...state.faults, ...validateFaults(partial) };
  state.stall.apply(state.faults.stall);
  return { ...state.faults };
}

/** Latency in ms for one request of `route`: the fixed override when set, otherwise a draw; times the latencyScale switch. */
export function latencyFor(state: TargetState, route: ApiRoute): number {
  const fixed = state.faults.latencyMs;
  const ms = fixed !== null ? fixed : drawLatency(state.latency[route], state.rand);
  return Math.min(ms * state.faults.latencyScale, MAX_LATENCY_MS);
}

/** True when this request of `route` should answer 500 (route rate and global fault rate combined). */
export function shouldFail(state: TargetState, route: ApiRoute): boolean {
  const a = state.errorRates[route];
  const b = state.faults.errorRate;
  if (a === 0 && b === 0) return false;
  const p = 1 - (1 - a) * (1 - b);
  return state.rand() < p;
}

function workLimit(w: DemoTargetOptions['work']): WorkLimit {
  const c = w?.maxConcurrency;
  const s = w?.serviceMs ?? DEFAULT_SERVICE_MS;
  if (c !== undefined && !(Number.isInteger(c) && c >= 1 && c <= 100_000))
    throw new LoadcertError('LC_TARGET_OPTION', `work.maxConcurrency must be an integer in 1..100000, got ${c}`, ExitCode.INVALID_CONFIG);
  if (!(Number.isFinite(s) && s >= 1 && s <= 60_000))
    throw new LoadcertError('LC_TARGET_OPTION', `work.serviceMs must be a number in 1..60000, got ${s}`, ExitCode.INVALID_CONFIG);
  const q = w?.queueLimit;
  if (q !== undefined && !(Number.isInteger(q) && q >= 0 && q <= 1_000_000))
    throw new LoadcertError('LC_TARGET_OPTION', `work.queueLimit must be an integer in 0..1000000, got ${q}`, ExitCode.INVALID_CONFIG);
  return { maxConcurrency: c, serviceMs: s, queueLimit: q, serveAbandoned: w?.serveAbandoned === true };
}
