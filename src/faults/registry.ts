// Every fault action this build knows, by name: the scheduler and validation look actions up here only.
import type { FaultActionRegistry } from './action.ts';
import { httpAction } from './actions/http.ts';
import { FAULT_ACTIONS } from './actions/index.ts';

/** The built-in action factories: container.*, network.*, process.*, exec (src/faults/actions/) and http. */
export function builtInFaultActions(): FaultActionRegistry {
  return { ...FAULT_ACTIONS, http: httpAction };
}
