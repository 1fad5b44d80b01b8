// How one step's run counts for the search: held, broke (and by which criterion) or invalid, from its summary as src/verdict decided it.
import type { CapacityStep, RunSummary } from '../contracts/summary-types.ts';
import { ExitCode } from '../contracts/errors.ts';

/**
 * The generator's event-loop delay (highest per-second p99 in the window, ms) past which a step is
 * invalid: timers and sends ran that late, so the generator, not the system, added time. Not
 * http_req_blocked: it includes connecting, and a system that accepts connections slowly when overloaded
 * is the system's latency, not the generator's lateness.
 */
export const DEFAULT_LATE_LINE_MS = 50;

/** A step's outcome for the search, or a reason to end the whole search with the step's exit code. */
export type StepClass =
  | { kind: 'step'; outcome: CapacityStep['outcome']; reason: string; brokenBy?: CapacityStep['brokenBy'] }
  | { kind: 'end'; exitCode: number; reason: string };

/**
 * The step run's verdict read for the search. Interrupted (105), preflight failed (111), crashed (1) or
 * no applicable criteria (113) end the search. A saturated generator, or another missing evidence (112),
 * makes the step invalid, and so does send lateness past its line (the generator's event-loop delay p99 above lateLineMs in any second:
 * requests left the generator late, so the latency measured is partly the generator's). Dropped iterations make a step that held invalid (the asked rate was not
 * offered, so holding proves nothing about it); a step that broke while dropping still broke (it failed
 * at an even lower offered rate). NOT CERTIFIED (99) is a break by the first failed criterion.
 */
export function classifyStep(s: RunSummary, lateLineMs = DEFAULT_LATE_LINE_MS): StepClass {
  const m = s.loadcert;
  if (!m) return { kind: 'end', exitCode: ExitCode.UNEXPECTED, reason: 'the step wrote no run metadata' };
  if (m.exitCode === ExitCode.INTERRUPTED || m.status === 'aborted') return { kind: 'end', exitCode: ExitCode.INTERRUPTED, reason: 'stopped from outside' };
  if (m.exitCode === ExitCode.PREFLIGHT_FAILED || m.exitCode === ExitCode.UNEXPECTED || m.exitCode === ExitCode.NO_CRITERIA)
    return { kind: 'end', exitCode: m.exitCode, reason: m.verdictReason ?? m.verdict };
  const saturation = (m.measurementFailures ?? []).filter((f) => f.kind === 'saturation');
  if (saturation.length) return { kind: 'step', outcome: 'invalid', reason: `the generator could not drive this rate: ${saturation.map((f) => f.cause).join('; ')}` };
  const late = s.metrics?.['generator_event_loop_delay_ms']?.values?.['max'];
  if (typeof late === 'number' && late > lateLineMs)
    return { kind: 'step', outcome: 'invalid', reason: `the generator ran late: its event-loop delay reached ${late} ms, past the line of ${lateLineMs} ms (a busy generator or machine), so sends and timings are not the system's` };
  const dropped = s.metrics?.['dropped_iterations']?.values?.count ?? 0;
  if (m.exitCode === ExitCode.THRESHOLDS_FAILED) {
    const failed = (s.thresholds ?? []).find((t) => t.status === 'failed');
    const drops = dropped > 0 ? ` (${dropped} iterations dropped as well: it broke at a lower offered rate still)` : '';
    if (failed) return { kind: 'step', outcome: 'broke', reason: `${failed.label} failed: ${failed.metric} ${failed.expression}, measured ${failed.observed}${drops}`, brokenBy: { metric: failed.metric, expression: failed.expression, label: failed.label, observed: failed.observed, unit: failed.unit } };
    return { kind: 'step', outcome: 'broke', reason: (m.verdictReason ?? 'NOT CERTIFIED') + drops };
  }
  if (dropped > 0) return { kind: 'step', outcome: 'invalid', reason: `${dropped} iterations dropped (no VU free): the generator did not offer the asked rate, so holding proves nothing; raise maxVUs` };
  if (m.exitCode === ExitCode.OK) return { kind: 'step', outcome: 'held', reason: 'every applicable criterion met' };
  return { kind: 'step', outcome: 'invalid', reason: m.verdictReason ?? m.verdict };
}
