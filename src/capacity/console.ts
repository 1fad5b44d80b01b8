// The capacity section of the end-of-search console summary.
import type { CapacitySection } from '../contracts/summary-types.ts';

const f = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

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
  };
  lines.push(`   search ended: ${why[c.end]}; took ${(c.searchMs / 1000).toFixed(1)} s`);
  if (c.knee) lines.push(`   latency knee (two-segment fit of p95): ${f(c.knee.rps)}/s at ${f(c.knee.latencyMs)} ms`);
  for (const [i, s] of c.steps.entries())
    lines.push(`   step ${String(i + 1).padStart(2)}  ${f(s.rps).padStart(7)}/s  ${s.outcome.toUpperCase().padEnd(7)}  done ${f(s.achievedRps)}/s  p95 ${s.p95Ms === null ? '-' : `${f(s.p95Ms)} ms`}${s.outcome === 'held' ? '' : `  ${s.reason}`}`);
  return lines.join('\n') + '\n';
}
