// Exceptions thrown by scenario code (exec, path/body functions, realtime callbacks), counted per workload.
import type { EngineContext } from '../contracts/engine.ts';
import type { TagSet } from '../contracts/metric-types.ts';

/** Distinct error kinds kept per workload; later kinds are counted as `other` (bounded cardinality). */
export const MAX_ERROR_KINDS = 20;
/** Stack lines printed with the first error of each kind. */
const STACK_LINES = 8;
const SHORT_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

/** The `error` tag of a thrown value: the Error's name (TypeError, AbortError...), else the thrown value's type. */
export function errorKind(err: unknown): string {
  if (err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err)) {
    const name = (err as { name?: unknown }).name;
    return typeof name === 'string' && SHORT_NAME.test(name) ? name : 'Error';
  }
  return err === null ? 'null' : typeof err; // `throw 'text'` -> string
}

/** Counts scenario-code exceptions of one workload. */
export interface ScenarioErrors {
  /** Counts `err` in iteration_errors{scenario,error}; the first of each kind becomes a warning with its stack. */
  record(err: unknown, where: string): void;
}

/**
 * The recorder of one running workload: seeds iteration_errors at 0 (so `count==0` has data when
 * nothing threw) and keeps at most MAX_ERROR_KINDS kinds.
 */
export function scenarioErrors(ctx: EngineContext): ScenarioErrors {
  const tags = new Map<string, TagSet>();
  ctx.sink.add('iteration_errors', 0, ctx.tagSet(ctx.baseTags));
  return {
    record(err, where) {
      let kind = errorKind(err);
      if (!tags.has(kind) && tags.size >= MAX_ERROR_KINDS) kind = 'other';
      let t = tags.get(kind);
      if (!t) {
        t = ctx.tagSet({ ...ctx.baseTags, error: kind });
        tags.set(kind, t);
        ctx.warn(`${ctx.workload}: ${where} threw ${describe(err)} (first ${kind} of this workload; every one is counted in iteration_errors{scenario:${ctx.workload},error:${kind}})`);
      }
      ctx.sink.add('iteration_errors', 1, t);
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const stack = (err.stack ?? `${err.name}: ${err.message}`).split('\n').slice(0, STACK_LINES).join('\n');
    return stack.includes(err.message) ? stack : `${err.name}: ${err.message}\n${stack}`;
  }
  let text: string;
  try { text = JSON.stringify(err) ?? String(err); } catch { text = String(err); }
  return `${text.slice(0, 200)} (not an Error: no stack)`;
}
