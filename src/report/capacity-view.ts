// The "Capacity and headroom" section of the report: the search's figures, the latency-vs-rate curve with its knee and criterion lines, the steps.
import type { CapacitySection } from '../contracts/summary-types.ts';
import { fmtNum, unrecoveredText } from './capacity-text.ts';
import { buildChart, type ChartModel, type LineSpec } from './chart-model.ts';

/** What templates/capacity.hbs shows; plain text only. */
export interface CapacityView {
  facts: Array<{ label: string; value: string }>;
  generatorLimit: string;
  /** The did-not-recover finding ('' when the search did not end so). */
  unrecovered: string;
  chart: ChartModel;
  steps: Array<{ n: number; rps: string; outcome: string; achieved: string; p95: string; cooldown: string; reason: string; dir: string }>;
}

const f = fmtNum;
const ms = (x: number | null): string => (x === null ? '-' : `${f(x)} ms`);

/** The view of a capacity section: facts, chart (p95 and p50 over the offered rate of valid steps, the knee fit, criterion lines) and the step table. */
export function buildCapacityView(c: CapacitySection): CapacityView {
  const valid = c.steps.filter((s) => s.outcome !== 'invalid' && s.p95Ms !== null).sort((a, b) => a.rps - b.rps);
  const xs = valid.map((s) => s.rps);
  const x0 = Math.min(0, ...xs);
  const x1 = Math.max(1, ...c.steps.map((s) => s.rps));
  const lines: LineSpec[] = [
    { label: 'p95 response time', x: xs, y: valid.map((s) => s.p95Ms!) },
    { label: 'median response time', x: xs, y: valid.map((s) => s.p50Ms ?? NaN) },
  ];
  if (c.knee && xs.length) {
    const k = c.knee;
    const lo = xs[0];
    const hi = xs[xs.length - 1];
    lines.push({ label: `two-segment fit, knee at ${f(k.rps)}/s`, x: [lo, k.rps, hi], y: [k.latencyMs + k.slopeBefore * (lo - k.rps), k.latencyMs, k.latencyMs + k.slopeAfter * (hi - k.rps)], dash: true });
  }
  const chart = buildChart({
    id: 'capacity-curve', title: 'Response time over offered rate', xKind: 'linear', xDomain: [x0, x1], xFormat: (v) => `${v}/s`,
    caption: 'Each point is one valid step, judged on its own window (warm-up excluded); invalid steps are left out. Horizontal lines: the latency criteria.',
    yFormat: (v) => `${v} ms`, lines,
    refs: c.latencyLines.map((l) => ({ y: l.ms, label: `${l.label} (${l.aggregation} < ${l.ms} ms)`, kind: 'criterion' as const })),
  });
  const facts = [
    { label: 'Target rate', value: `${f(c.targetRps)}/s (${c.workloads.map((w) => `${w.name} ${f(w.targetRps)}/s`).join(', ')})` },
    { label: 'Highest rate held', value: c.maxHeldRps === null ? 'none' : `${f(c.maxHeldRps)}/s` },
    { label: 'Headroom', value: `${c.headroom.toFixed(2)}x the target` },
    { label: 'First rate broken', value: c.firstBrokeRps === null ? 'none' : `${f(c.firstBrokeRps)}/s${c.limitedBy ? ` by ${c.limitedBy.label} (${c.limitedBy.metric} ${c.limitedBy.expression}, measured ${c.limitedBy.observed ?? 'no data'})` : ''}` },
    { label: 'Latency knee', value: c.knee ? `${f(c.knee.rps)}/s at ${f(c.knee.latencyMs)} ms` : 'not enough valid steps to fit' },
    { label: 'Search', value: `${c.steps.length} steps of ${f(c.stepMs / 1000)} s after ${f(c.warmupMs / 1000)} s warm-up, ended: ${c.end}${c.reachedResolution === null ? '' : ` (interval ${f(c.reachedResolution * 100)} %, asked ${f(c.resolution * 100)} %)`}, took ${f(c.searchMs / 1000)} s` },
    ...(c.baseline ? [{ label: 'Cool-down', value: `baseline p95 ${ms(c.baseline.p95Ms)} at ${f(c.baseline.rps)}/s; before each later step the probe ran until a ${f(c.baseline.settleMs / 1000)} s window was within ${f(c.baseline.p95Tolerance * 100)} % + ${f(c.baseline.p95SlackMs)} ms of it (limit ${f(c.baseline.limitMs / 1000)} s)` }] : []),
    ...(c.end === 'unrecovered' ? [{ label: 'Did not recover', value: unrecoveredText(c) }] : []),
    ...(c.scaledWith.length ? [{ label: 'Scaled with the rate', value: c.scaledWith.join(', ') }] : []),
  ];
  return {
    facts,
    generatorLimit: c.end === 'generator-limit' ? `The load generator was the limit at ${f(c.generatorLimitRps ?? 0)}/s: the system's own capacity is higher than measured here.`
      : c.generatorLimitRps !== null ? `The load generator could not drive ${f(c.generatorLimitRps)}/s (above the limit found; that step is not counted).` : '',
    unrecovered: c.end === 'unrecovered' && c.unrecovered ? `Search ended: ${unrecoveredText(c)}.` : '',
    chart,
    steps: c.steps.map((s, i) => ({ n: i + 1, rps: `${f(s.rps)}/s`, outcome: s.outcome, achieved: `${f(s.achievedRps)}/s`, p95: ms(s.p95Ms), cooldown: s.cooldown ? `${f(Math.round(s.cooldown.waitedMs / 100) / 10)} s` : '-', reason: s.outcome === 'held' ? '' : s.reason, dir: s.dir })),
  };
}
