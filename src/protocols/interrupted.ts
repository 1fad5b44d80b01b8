// Operations cut by loadcert's own stop: counted apart from the system's errors.
import type { EngineContext } from '../contracts/engine.ts';
import type { TagSet } from '../contracts/metric-types.ts';

/** Records one operation cut by loadcert's graceful-stop cut or hard stop (`op`: invoke, send, connect, ...). */
export type InterruptedRecorder = (op: string) => void;

/**
 * The recorder of one workload: each call adds 1 to interrupted_operations{scenario,protocol,op},
 * and nothing else; such an operation must not also count in an error metric.
 */
export function interruptedOperations(ctx: Pick<EngineContext, 'sink' | 'tagSet' | 'baseTags'>, protocol: 'http' | 'websocket' | 'signalr'): InterruptedRecorder {
  const cache = new Map<string, TagSet>();
  return (op) => {
    let t = cache.get(op);
    if (!t) { t = ctx.tagSet({ ...ctx.baseTags, protocol, op }); cache.set(op, t); }
    ctx.sink.add('interrupted_operations', 1, t);
  };
}
