// The fault timeline: when each fault's phases begin and end, in ms from the run's start, computed from
// the scenario alone so that every process of a run (segments, workers, merge) puts a second in the same phase.
import type { FaultDefinition, FaultPhase } from '../contracts/fault-types.ts';
import { parseDuration } from '../contracts/duration.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** Default recovery bound and stable window (the defaults table). */
export const DEFAULT_RECOVERY_WITHIN = DEFAULTS.faultRecoveryWithin;
export const DEFAULT_STABLE_WINDOW = DEFAULTS.faultStableWindow;

/** One fault placed on the timeline (ms from the run's start). */
export interface PlannedFault {
  readonly name: string;
  readonly def: FaultDefinition;
  /** The action's instant and the undo's (equal for an instant action). */
  readonly startMs: number;
  readonly endMs: number;
  /** End of the recovery allowance: endMs + recovery.within (never past the next fault's start). */
  readonly recoveryEndMs: number;
  readonly withinMs: number;
  readonly stableWindowMs: number;
  /** Index of the segment that applies it (0 = the first). */
  readonly segment: number;
}

/** The phase of one second and the fault it belongs to (undefined in steady seconds). */
export interface SecondPhase {
  readonly phase: FaultPhase;
  readonly fault?: string;
}

const STEADY: SecondPhase = Object.freeze({ phase: 'steady' });

/**
 * The scenario's faults in start order. A second [k s, k+1 s) from the run's start is in the `fault`
 * phase of F when it overlaps F's [startMs, endMs), else in F's `recovery` phase when it overlaps
 * [endMs, recoveryEndMs), else `steady`; the first fault (in start order) wins an overlap. Pure: the
 * definitions must be validated (validateFaults) first.
 */
export class FaultTimeline {
  readonly faults: readonly PlannedFault[];

  constructor(defs: Readonly<Record<string, FaultDefinition>> | undefined) {
    const list = Object.entries(defs ?? {}).map(([name, def]) => {
      const startMs = parseDuration(def.at);
      const endMs = startMs + (def.duration === undefined ? 0 : parseDuration(def.duration));
      return {
        name, def, startMs, endMs,
        withinMs: parseDuration(def.recovery?.within ?? DEFAULT_RECOVERY_WITHIN),
        stableWindowMs: parseDuration(def.recovery?.stableWindow ?? DEFAULT_STABLE_WINDOW),
        segment: def.segment ?? 0,
      };
    }).sort((a, b) => a.startMs - b.startMs || (a.name < b.name ? -1 : 1));
    this.faults = list.map((f, i) => {
      const next = list.slice(i + 1).find((n) => n.startMs >= f.endMs)?.startMs ?? Infinity;
      return Object.freeze({ ...f, recoveryEndMs: Math.min(f.endMs + f.withinMs, next) });
    });
  }

  /** True when the scenario declares at least one fault. */
  get any(): boolean { return this.faults.length > 0; }

  /** The phase of the second that starts `offsetMs` after the run's start (a whole number of seconds). */
  phaseOfSecond(offsetMs: number): SecondPhase {
    const from = offsetMs;
    const to = offsetMs + 1000;
    for (const f of this.faults) {
      // an instant fault's phase is its recovery: it has no time during which it is applied
      if (f.endMs > f.startMs && from < f.endMs && to > f.startMs) return { phase: 'fault', fault: f.name };
      if (from < f.recoveryEndMs && to > f.endMs) return { phase: 'recovery', fault: f.name };
    }
    return STEADY;
  }
}
