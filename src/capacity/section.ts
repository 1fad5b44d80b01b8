// The capacity section of summary.json from a finished search: held and broke, headroom, the knee, the baseline and the unrecovered finding.
import type { CapacitySection } from '../contracts/summary-types.ts';
import type { CapacitySearch } from './search.ts';
import type { DriveResult } from './drive.ts';
import type { SearchAxis } from './step-scenario.ts';
import type { CooldownOptions } from './recovery.ts';
import { fitKnee } from './knee.ts';

/** Settings of the search recorded in the section. */
export interface SectionSettings {
  resolution: number;
  stepMs: number;
  warmupMs: number;
  budgetMs: number;
  searchMs: number;
  probeRps: number;
  cooldown: CooldownOptions | false;
  latencyLines: CapacitySection['latencyLines'];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The section: maxHeldRps and firstBrokeRps as the search counted them (held < broke whenever both are
 * set), headroom = held / target rounded to 3 decimals (0 when nothing held), the knee of the valid steps' p95.
 */
export function buildCapacitySection(search: CapacitySearch, driven: DriveResult, axis: SearchAxis, o: SectionSettings): CapacitySection {
  const steps = driven.steps;
  const held = search.highestHeld ?? null;
  const broke = search.lowestBroke ?? null;
  const limitStep = broke === null ? undefined : steps.find((s) => s.rps === broke && s.outcome === 'broke');
  const valid = steps.filter((s) => s.outcome !== 'invalid' && s.p95Ms !== null);
  const cd = o.cooldown;
  return {
    workloads: axis.rates.map((r) => ({ name: r.name, targetRps: r.perS })),
    scaledWith: axis.scaled,
    targetRps: axis.targetRps,
    maxHeldRps: held,
    firstBrokeRps: broke,
    limitedBy: limitStep?.brokenBy,
    headroom: held === null ? 0 : round3(held / axis.targetRps),
    generatorLimitRps: search.generatorLimit ?? null,
    end: driven.end,
    resolution: o.resolution,
    reachedResolution: held !== null && broke !== null ? round3((broke - held) / held) : null,
    stepMs: o.stepMs, warmupMs: o.warmupMs, budgetMs: o.budgetMs,
    searchMs: o.searchMs,
    knee: fitKnee(valid.map((s) => ({ rps: s.rps, latencyMs: s.p95Ms! }))),
    latencyLines: o.latencyLines,
    steps,
    ...(cd && driven.baseline ? { baseline: { rps: o.probeRps, p95Ms: driven.baseline.p95Ms, errorRate: driven.baseline.errorRate, settleMs: cd.settleMs, limitMs: cd.limitMs, p95Tolerance: cd.p95Tolerance, p95SlackMs: cd.p95SlackMs, errorTolerance: cd.errorTolerance } } : {}),
    ...(driven.unrecovered ? { unrecovered: driven.unrecovered } : {}),
  };
}
