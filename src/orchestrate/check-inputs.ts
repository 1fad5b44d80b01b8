// The up-front checks of an orchestrated run: exactly those of `loadcert run` (run-scenario.ts), so a
// scenario that `run` refuses is refused before any pod or task exists.
import { prepareRun, type PreparedRun, type RunOptions } from '../run/prepare.ts';
import { resourceMetrics, validateResources } from '../run/resources.ts';

/** prepareRun with the resource metrics and checks `loadcert run` adds; throws ConfigError (104) listing every problem. */
export function checkRunInputs(opts: RunOptions): Promise<PreparedRun> {
  return prepareRun(opts, resourceMetrics(), validateResources);
}
