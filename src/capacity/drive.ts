// The capacity search's loop, apart from how a step or a probe is run: baseline, cool-down before each step, the step, its classification, the search's next rate.
import type { CapacityStep, RunSummary } from '../contracts/summary-types.ts';
import { ExitCode } from '../contracts/errors.ts';
import { CapacitySearch, type SearchEnd } from './search.ts';
import { classifyStep } from './classify.ts';
import { waitForBaseline, type CooldownOptions, type ProbeWindow } from './recovery.ts';
import { stepOf, windowOf } from './step-record.ts';
import { fmtNum } from '../report/capacity-text.ts';

/** How steps and probes run (real runs in run-capacity.ts; generated outcomes in the property test). */
export interface StepRunner {
  /** Runs step number `n` (1-based) at `rps` for warm-up + window; resolves with its summary and folder (relative to the capacity folder). */
  step(rps: number, n: number): Promise<{ summary: RunSummary; dir: string }>;
  /** Runs the low-rate probe for `ms` (first: the baseline, with the preflight unless skipped); resolves with its summary. */
  probe(ms: number, first: boolean): Promise<RunSummary>;
  /** The clock, ms. */
  now(): number;
  /** True once the search is asked to stop. */
  aborted(): boolean;
  /** A progress line. */
  say(line: string): void;
}

/** Timing of the search: each step's warm-up and window, the whole budget, the late line, the cool-down (false: off). */
export interface DriveOptions {
  warmupMs: number;
  stepMs: number;
  budgetMs: number;
  lateLineMs?: number;
  cooldown: CooldownOptions | false;
  /** The probe's rate, per second (recorded with the baseline). */
  probeRps: number;
}

/** What the loop produced: the steps in order with their summaries, why it ended, and the baseline and unrecovered finding when there is one. */
export interface DriveResult {
  steps: CapacityStep[];
  summaries: RunSummary[];
  end: SearchEnd;
  /** A step or probe whose run ended the search with its own exit code (interrupted, preflight failed, crashed, no criteria). */
  endCode?: { exitCode: number; reason: string };
  baseline?: ProbeWindow;
  unrecovered?: { afterRps: number; waitedMs: number; reason: string };
}

/**
 * Runs the search: with the cool-down on, one probe window before the first step is the baseline (a
 * baseline without any response ends the search as 'unrecovered': nothing to come back to); before every
 * later step the probe runs until the system is back at that baseline, bounded by the cool-down limit and
 * by the budget left. Not back within the limit ends the search as 'unrecovered' with that finding, and
 * the step is not run, so no step that started on an unrecovered system is ever counted. No step starts
 * that would end past the budget. Never throws on a step's or probe's figures; a runner that throws propagates.
 */
export async function driveSearch(search: CapacitySearch, r: StepRunner, o: DriveOptions): Promise<DriveResult> {
  const began = r.now();
  const steps: CapacityStep[] = [];
  const summaries: RunSummary[] = [];
  const out: DriveResult = { steps, summaries, end: 'budget' };
  const stepCost = o.warmupMs + o.stepMs;
  const ended = (s: RunSummary, what: string): boolean => {
    const c = classifyStep(s, o.lateLineMs);
    if (c.kind !== 'end') return false;
    out.endCode = { exitCode: c.exitCode, reason: c.reason };
    r.say(`capacity: ${what} ended the search: ${c.reason}`);
    if (c.exitCode === ExitCode.INTERRUPTED) search.stop('stopped');
    return true;
  };
  if (o.cooldown && !r.aborted()) {
    const s = await r.probe(o.cooldown.settleMs, true);
    if (ended(s, 'the baseline probe')) return finish(search, out);
    out.baseline = windowOf(s);
    r.say(`capacity: baseline at ${fmtNum(o.probeRps)}/s: p95 ${out.baseline.p95Ms === null ? '-' : `${fmtNum(out.baseline.p95Ms)} ms`}, errors ${out.baseline.errorRate === null ? '-' : `${fmtNum(out.baseline.errorRate * 100)} %`}`);
    if (out.baseline.requests === 0 || out.baseline.p95Ms === null) {
      out.unrecovered = { afterRps: 0, waitedMs: 0, reason: `the baseline probe at ${fmtNum(o.probeRps)}/s got no response, so there is no baseline to come back to` };
      search.stop('unrecovered');
      return finish(search, out);
    }
  }
  for (let rps = search.next(); rps !== undefined; rps = search.next()) {
    if (r.aborted()) { search.stop('stopped'); break; }
    let left = o.budgetMs - (r.now() - began);
    if (steps.length && left < stepCost) { search.stop('budget'); break; }
    let cooldown: CapacityStep['cooldown'];
    if (o.cooldown && out.baseline && steps.length) {
      const limitMs = Math.min(o.cooldown.limitMs, left - stepCost);
      if (limitMs < o.cooldown.settleMs) { search.stop('budget'); break; }
      const rec = await waitForBaseline(async (ms) => {
        const s = await r.probe(ms, false);
        if (ended(s, 'a cool-down probe')) throw new ProbeEnded();
        return windowOf(s);
      }, out.baseline, { ...o.cooldown, limitMs }, () => r.now()).catch((e: unknown) => { if (e instanceof ProbeEnded) return undefined; throw e; });
      if (!rec) break;
      const prev = steps[steps.length - 1];
      if (!rec.recovered) {
        if (limitMs < o.cooldown.limitMs) { search.stop('budget'); break; }
        out.unrecovered = { afterRps: prev.rps, waitedMs: rec.waitedMs, reason: rec.reason };
        r.say(`capacity: the system did not recover within ${fmtNum(o.cooldown.limitMs / 1000)} s after ${fmtNum(prev.rps)}/s (${rec.reason}): the search ends here`);
        search.stop('unrecovered');
        break;
      }
      cooldown = { waitedMs: rec.waitedMs, probes: rec.probes, p95Ms: rec.last?.p95Ms ?? null, errorRate: rec.last?.errorRate ?? null };
      if (rec.probes > 1) r.say(`capacity: waited ${fmtNum(Math.round(rec.waitedMs / 100) / 10)} s (${rec.probes} probe windows) after ${fmtNum(prev.rps)}/s until the system was back at its baseline`);
      left = o.budgetMs - (r.now() - began);
      if (left < stepCost) { search.stop('budget'); break; }
      if (r.aborted()) { search.stop('stopped'); break; }
    }
    const n = steps.length + 1;
    const run = await r.step(rps, n);
    if (ended(run.summary, `step ${n} at ${rps}/s`)) break;
    const c = classifyStep(run.summary, o.lateLineMs);
    if (c.kind === 'end') break; // unreachable: ended() saw it
    const step = stepOf(run.summary, rps, c, run.dir);
    if (cooldown) step.cooldown = cooldown;
    steps.push(step);
    summaries.push(run.summary);
    search.record(rps, c.outcome);
    r.say(`capacity: step ${String(n).padStart(2, '0')} ${rps}/s ${c.outcome.toUpperCase()} (${fmtNum(step.achievedRps)}/s done, p95 ${step.p95Ms === null ? '-' : `${fmtNum(step.p95Ms)} ms`})${c.outcome === 'held' ? '' : `: ${c.reason}`}`);
  }
  return finish(search, out);
}

class ProbeEnded extends Error {}

function finish(search: CapacitySearch, out: DriveResult): DriveResult {
  out.end = search.end ?? (out.endCode?.exitCode === ExitCode.INTERRUPTED ? 'stopped' : 'budget');
  return out;
}
