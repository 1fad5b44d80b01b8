// Every fault action this build knows, by name: the scheduler and validation look actions up here only.
import type { FaultActionRegistry } from './action.ts';
import { httpAction } from './actions/http.ts';

/** The built-in action factories (container, network, process and exec actions join here from src/faults/actions/). */
export function builtInFaultActions(): FaultActionRegistry {
  return { http: httpAction };
}
