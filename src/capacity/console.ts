// The capacity section of the end-of-search console summary.
import type { CapacitySection } from '../contracts/summary-types.ts';
import { fmtNum, unrecoveredText } from '../report/capacity-text.ts';

const f = fmtNum;


/** Lines for the terminal: highest rate held, first broken and by what, headroom, knee, and one line per step. */
export function formatCapacityConsole(c: CapacitySection): string {
  const lines = ['  Capacity and headroom'];
  lines.push(`   target ${f(c.targetRps)}/s (${c.workloads.map((w) => `${w.name} ${f(w.targetRps)}/s`).join(', ')}${c.scaledWith.length ? `; scaled with it: ${c.scaledWith.join(', ')}` : ''})`);
  lines.push(`   highest rate held: ${c.maxHeldRps === null ? 'none' : `${f(c.maxHeldRps)}/s`}   headroom: ${c.headroom.toFixed(2)}x the target`);
  if (c.firstBrokeRps !== null) lines.push(`   first rate broken: ${f(c.firstBrokeRps)}/s${c.limitedBy ? ` by ${c.limitedBy.label} (${c.limitedBy.metric} ${c.limitedBy.expression}, measured ${c.limitedBy.observed ?? 'no data'}${c.limitedBy.unit === 'ms' ? ' ms' : ''})` : ''}`);
  if (c.end === 'generator-limit') lines.push(`   THE GENERATOR WAS THE LIMIT at ${f(c.generatorLimitRps ?? 0)}/s: the system's own limit is higher than measured`);
  else if (c.generatorLimitRps !== null) lines.push(`   the generator could not drive ${f(c.generatorLimitRps)}/s (above the limit found; not counted)`);
  const why: Record<CapacitySection['end'], string> = {
    resolved: `interval within ${f(c.resolution * 100)} % (reached ${c.reachedResolution === null ? '-' : `${f(c.reachedResolution * 100)} %`})`,
    'max-rate-held': 'the highest rate allowed (--max-rate) held', 'generator-limit': 'the generator could not drive the next rate',
    'nothing-held': 'not even the lowest rate held', budget: 'the time budget was spent', stopped: 'stopped from outside',
    unrecovered: c.unrecovered ? unrecoveredText(c) : 'the system did not come back to its baseline',
  };
  lines.push(`   search ended: ${why[c.end]}; took ${(c.searchMs / 1000).toFixed(1)} s`);
  if (c.baseline) lines.push(`   baseline before the first step (probe at ${f(c.baseline.rps)}/s): p95 ${c.baseline.p95Ms === null ? '-' : `${f(c.baseline.p95Ms)} ms`}, errors ${c.baseline.errorRate === null ? '-' : `${f(c.baseline.errorRate * 100)} %`}; each later step waited until a ${f(c.baseline.settleMs / 1000)} s probe window was back within it (limit ${f(c.baseline.limitMs / 1000)} s)`);
  if (c.knee) lines.push(`   latency knee (two-segment fit of p95): ${f(c.knee.rps)}/s at ${f(c.knee.latencyMs)} ms`);
  for (const [i, s] of c.steps.entries())
    lines.push(`   step ${String(i + 1).padStart(2)}  ${f(s.rps).padStart(7)}/s  ${s.outcome.toUpperCase().padEnd(7)}  done ${f(s.achievedRps)}/s  p95 ${s.p95Ms === null ? '-' : `${f(s.p95Ms)} ms`}${s.cooldown ? `  after ${f(s.cooldown.waitedMs / 1000)} s cool-down` : ''}${s.outcome === 'held' ? '' : `  ${s.reason}`}`);
  return lines.join('\n') + '\n';
}
