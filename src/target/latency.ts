// Seeded random numbers and latency draws for the demo target's simulated work.
import type { ApiRoute, LatencySpec } from './types.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';

/** Largest latency the target will ever simulate, ms. */
export const MAX_LATENCY_MS = 60_000;

/** A seeded uniform generator in [0, 1) (mulberry32): deterministic for a given seed. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Default distributions: small, realistic, a few ms per API call. */
export const DEFAULT_LATENCY: Readonly<Record<ApiRoute, LatencySpec>> = Object.freeze({
  list: { dist: 'uniform', min: 3, max: 10 },
  get: { dist: 'uniform', min: 2, max: 6 },
  create: { dist: 'uniform', min: 4, max: 12 },
  search: { dist: 'lognormal', mean: 8, sd: 4, min: 2, max: 200 },
});

/** Throws LC_TARGET_LATENCY (exit 104) when a spec is not usable; returns it otherwise. */
export function validateLatency(route: string, spec: LatencySpec): LatencySpec {
  const bad = (why: string): never => {
    throw new LoadcertError('LC_TARGET_LATENCY', `latency of route "${route}": ${why}`, ExitCode.INVALID_CONFIG);
  };
  if (!['fixed', 'uniform', 'normal', 'lognormal'].includes(spec.dist)) bad(`unknown dist "${String(spec.dist)}" (use fixed, uniform, normal or lognormal)`);
  for (const k of ['ms', 'mean', 'sd', 'min', 'max'] as const) {
    const v = spec[k];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) bad(`${k} must be a finite number >= 0`);
  }
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) bad('min is above max');
  if (spec.dist === 'uniform' && (spec.min === undefined || spec.max === undefined)) bad('uniform needs min and max');
  if ((spec.dist === 'normal' || spec.dist === 'lognormal') && spec.mean === undefined) bad(`${spec.dist} needs mean`);
  return spec;
}

/** Standard normal draw (Box-Muller) from a uniform generator. */
function gaussian(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws one latency in ms from `spec`, clamped to [min ?? 0, max ?? MAX_LATENCY_MS]. */
export function drawLatency(spec: LatencySpec, rand: () => number): number {
  let ms: number;
  switch (spec.dist) {
    case 'fixed':
      ms = spec.ms ?? spec.mean ?? 0;
      break;
    case 'uniform':
      ms = (spec.min ?? 0) + rand() * ((spec.max ?? 0) - (spec.min ?? 0));
      break;
    case 'normal':
      ms = (spec.mean ?? 0) + gaussian(rand) * (spec.sd ?? 0);
      break;
    case 'lognormal': {
      const mean = Math.max(spec.mean ?? 1, 1e-6);
      const sd = spec.sd ?? mean / 2;
      const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
      ms = Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * gaussian(rand));
      break;
    }
  }
  const lo = spec.min ?? 0;
  const hi = Math.min(spec.max ?? MAX_LATENCY_MS, MAX_LATENCY_MS);
  return ms < lo ? lo : ms > hi ? hi : ms;
}
