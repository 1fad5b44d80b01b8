// Property: the capacity search, driven by generated step and probe outcomes (every combination of exit codes,
// missing metrics, no requests, all failed, interrupted, invalid, no data for a criterion), never throws,
// ends within its budget, and its result is consistent; with the cool-down on, no step starts on a system
// whose last probe window was outside the baseline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CapacitySearch } from '../../../src/capacity/search.ts';
import { driveSearch, type StepRunner } from '../../../src/capacity/drive.ts';
import { DEFAULT_COOLDOWN, outsideBaseline, type CooldownOptions } from '../../../src/capacity/recovery.ts';
import { buildCapacitySection } from '../../../src/capacity/section.ts';
import { formatCapacityConsole } from '../../../src/capacity/console.ts';
import { buildCapacityView } from '../../../src/report/capacity-view.ts';
import { windowOf } from '../../../src/capacity/step-record.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
const odd = fc.constantFrom(Number.NaN, Infinity, -1, 0);
const num = (max: number): fc.Arbitrary<number | undefined> => maybe(fc.oneof(fc.double({ min: 0, max, noNaN: true }), odd));

/** A step run's summary as it may come back: any exit code, any metric missing or not finite, any criterion failed or without data. */
const summaryArb: fc.Arbitrary<RunSummary> = fc.record({
  exitCode: fc.constantFrom(0, 0, 0, 99, 99, 112, 105, 111, 1, 113, 42),
  status: fc.constantFrom('completed', 'completed', 'aborted', 'threshold-aborted'),
  durationMs: num(20_000),
  reqs: num(10_000),
  p50: num(5000), p95: num(10_000), p99: num(20_000),
  failedRate: num(1),
  dropped: num(500),
  late: num(200),
  saturated: fc.boolean(),
  failed: maybe(fc.record({ observed: fc.option(fc.double({ min: 0, max: 1e4, noNaN: true }), { nil: null }) })),
  hasDuration: fc.boolean(),
}).map((g) => {
  const metric = (values: Record<string, number | undefined>) => ({ type: 'trend', contains: 'time', values });
  const metrics: Record<string, unknown> = {};
  if (g.reqs !== undefined) metrics['http_reqs'] = metric({ count: g.reqs });
  if (g.hasDuration) metrics['http_req_duration'] = metric({ med: g.p50, 'p(95)': g.p95, 'p(99)': g.p99 });
  if (g.failedRate !== undefined) metrics['http_req_failed'] = metric({ rate: g.failedRate });
  if (g.dropped !== undefined) metrics['dropped_iterations'] = metric({ count: g.dropped });
  if (g.late !== undefined) metrics['generator_event_loop_delay_ms'] = metric({ max: g.late });
  return {
    metrics,
    thresholds: g.failed ? [{ status: 'failed', metric: 'http_req_duration', expression: 'p(95)<250', label: 'p95', observed: g.failed.observed, unit: 'ms' }] : [],
    loadcert: {
      exitCode: g.exitCode, status: g.status, durationMs: g.durationMs, verdict: 'X', verdictReason: undefined,
      measurementFailures: g.saturated ? [{ source: 'generator', kind: 'saturation', cause: 'cpu', at: '' }] : [],
    },
  } as unknown as RunSummary;
});

/** A cool-down probe window: mostly answering, p95 near or far from a baseline of about 50 ms, sometimes failing. */
const probeArb: fc.Arbitrary<RunSummary> = fc.record({
  reqs: fc.constantFrom(0, 20, 20, 20), p95: fc.constantFrom(40, 50, 60, 400, 5000), rate: fc.constantFrom(0, 0, 0, 0.5, 1), exitCode: fc.constantFrom(0, 0, 0, 0, 99, 105, 1),
}).map((g) => ({
  metrics: { http_reqs: { values: { count: g.reqs } }, http_req_duration: { values: { 'p(95)': g.p95 } }, http_req_failed: { values: { rate: g.rate } } },
  thresholds: [], loadcert: { exitCode: g.exitCode, status: 'completed', durationMs: 2000, verdict: 'X', measurementFailures: [] },
}) as unknown as RunSummary);

const cooldownArb: fc.Arbitrary<CooldownOptions | false> = fc.oneof(fc.constant(false as const), fc.record({
  settleMs: fc.integer({ min: 500, max: 5000 }), limitMs: fc.integer({ min: 5000, max: 120_000 }),
}).map((c) => ({ ...DEFAULT_COOLDOWN, ...c })));

test('the search never throws on a step outcome, ends within its budget, and its result is consistent', { timeout: 120_000 }, async () => {
  await fc.assert(fc.asyncProperty(
    fc.record({
      startRps: fc.integer({ min: 1, max: 2000 }), maxFactor: fc.integer({ min: 1, max: 40 }), growth: fc.double({ min: 1.05, max: 10, noNaN: true }),
      resolution: fc.double({ min: 0.01, max: 0.9, noNaN: true }), warmupMs: fc.integer({ min: 0, max: 5000 }), stepMs: fc.integer({ min: 1000, max: 20_000 }),
      budgetMs: fc.integer({ min: 1000, max: 900_000 }), cooldown: cooldownArb, target: fc.integer({ min: 1, max: 1000 }),
    }),
    fc.infiniteStream(summaryArb), fc.infiniteStream(probeArb),
    async (o, stepOutcomes, probeOutcomes) => { try {
      let clock = 0;
      let abortAt = Infinity;
      const search = new CapacitySearch({ startRps: o.startRps, maxRps: o.startRps * o.maxFactor, minRps: 1, growth: o.growth, resolution: o.resolution });
      const lastProbe: RunSummary[] = [];
      const stepStarts: number[] = [];
      const runner: StepRunner = {
        now: () => clock,
        aborted: () => clock >= abortAt,
        say: (line) => { assert.equal(typeof line, 'string'); assert.doesNotMatch(line, /undefined|NaN/, line); },
        async step(rps, n) {
          stepStarts.push(clock);
          clock += o.warmupMs + o.stepMs;
          const summary = stepOutcomes.next().value;
          if (summary.loadcert.exitCode === 105 && n > 3) abortAt = clock; // an interrupt also arrives from outside
          return { summary, dir: `steps/${n}-${rps}rps` };
        },
        async probe(ms) { clock += ms; const s = probeOutcomes.next().value; lastProbe.push(s); return s; },
      };
      const driven = await driveSearch(search, runner, { warmupMs: o.warmupMs, stepMs: o.stepMs, budgetMs: o.budgetMs, cooldown: o.cooldown, probeRps: Math.max(1, Math.round(o.startRps / 2)) });
      const axis = { rates: [{ name: 'api', perS: o.target }], targetRps: o.target, scaled: [] };
      const c = buildCapacitySection(search, driven, axis, { resolution: o.resolution, stepMs: o.stepMs, warmupMs: o.warmupMs, budgetMs: o.budgetMs, searchMs: clock, probeRps: 1, cooldown: o.cooldown, latencyLines: [] });
      // reading the result never throws and never prints a missing value
      const text = formatCapacityConsole(c);
      assert.doesNotMatch(text, /undefined|NaN/, text);
      const view = buildCapacityView(c);
      assert.doesNotMatch(JSON.stringify(view.steps) + JSON.stringify(view.facts), /undefined|NaN/);
      // within its budget: no step starts that would end past it (the first step always runs, after the baseline window)
      const stepCost = o.warmupMs + o.stepMs;
      const first = o.cooldown ? o.cooldown.settleMs : 0;
      assert.ok(clock <= Math.max(o.budgetMs, first + stepCost), `ended at ${clock} ms, budget ${o.budgetMs} ms`);
      assert.ok(c.steps.length <= 200, `${c.steps.length} steps`);
      // consistent: held < broke, headroom = held / target, every figure a number or null
      if (c.maxHeldRps !== null && c.firstBrokeRps !== null) assert.ok(c.maxHeldRps < c.firstBrokeRps, `held ${c.maxHeldRps} >= broke ${c.firstBrokeRps}`);
      assert.equal(c.headroom, c.maxHeldRps === null ? 0 : Math.round((c.maxHeldRps / o.target) * 1000) / 1000);
      if (c.maxHeldRps !== null) assert.ok(c.steps.some((s) => s.outcome === 'held' && s.rps === c.maxHeldRps));
      if (c.firstBrokeRps !== null) assert.ok(c.steps.some((s) => s.outcome === 'broke' && s.rps === c.firstBrokeRps));
      for (const s of c.steps) for (const v of [s.achievedRps, s.dropped, s.windowMs]) assert.ok(Number.isFinite(v));
      for (const s of c.steps) for (const v of [s.p50Ms, s.p95Ms, s.p99Ms]) assert.ok(v === null || Number.isFinite(v));
      // recovered system: with the cool-down on, every step after the first waited, and the probe window just before it was within the baseline
      if (o.cooldown && driven.baseline) {
        for (const [i, s] of c.steps.entries()) {
          if (i === 0) continue;
          assert.ok(s.cooldown, `step ${i + 1} started without a cool-down`);
        }
        const cd = o.cooldown;
        let pi = 0;
        // replay: each step's start was preceded by a probe window within the baseline
        for (const [i] of c.steps.entries()) {
          if (i === 0) { pi = 1; continue; }
          pi += c.steps[i].cooldown!.probes;
          assert.equal(outsideBaseline(windowOf(lastProbe[pi - 1]), driven.baseline, cd), undefined, `step ${i + 1} started after a probe outside the baseline`);
        }
        if (c.end === 'unrecovered') assert.ok(c.unrecovered && c.unrecovered.reason.length > 0);
      }
      if (c.end === 'unrecovered') assert.ok(text.includes('did not recover within') || text.includes('no response'), text);
    } catch (e) { process.stderr.write(`PROPFAIL ${(e as Error).stack}\n`); throw e; } },
  ), { numRuns: 400 });
});
