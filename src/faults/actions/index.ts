// The registry of fault actions, by action name. `http` is registered by the fault timeline's own module
// (its request goes through the host guard).
//
// Call order (FaultAction): factory (before the run) -> apply (once, at `at`) -> undo (once, after `duration`,
// only when apply resolved; also on a stopped run). Effects that must be undone are recorded in the ledger
// before apply touches anything and forgotten after undo (src/faults/cleanup-guard.ts).
//
// Errors, in one table:
// | when    | error                               | cause                                                             |
// |---------|-------------------------------------|-------------------------------------------------------------------|
// | factory | ConfigError (104) faults.N.target   | target missing or not declared (resources.docker.containers / resources.processes) |
// | factory | ConfigError (104) faults.N.duration | missing, malformed or zero where the action is undone after it    |
// | factory | ConfigError (104) faults.N.port     | network.*: missing or not 1..65535                                |
// | factory | ConfigError (104) faults.N.signal   | process.signal: missing, unknown, or a stop signal (use process.freeze) |
// | factory | ConfigError (104) faults.N.run/undo/timeout | exec: not a function / not a positive duration            |
// | factory | ConfigError (104) faults.N.action   | nft not installed; network.delay where the kernel has no netem    |
// | apply   | Error (the fault failed: INCOMPLETE) | container missing or not running, engine unreachable, nft/tc refused (not root), no matching process, exec failed or timed out; whatever took effect is reverted first |
// | undo    | Error (a cleanup failure)            | engine or tool unreachable; the ledger entry stays for `loadcert faults clear` |
import type { FaultActionRegistry } from '../action.ts';
import { CONTAINER_ACTIONS } from './container.ts';
import { execAction } from './exec.ts';
import { networkDelay } from './network-delay.ts';
import { NFT_ACTIONS } from './network-nft.ts';
import { PROCESS_ACTIONS } from './process.ts';

/** Every action kind implemented here: container.*, network.*, process.*, exec. */
export const FAULT_ACTIONS: FaultActionRegistry = {
  ...CONTAINER_ACTIONS,
  ...NFT_ACTIONS,
  'network.delay': networkDelay,
  ...PROCESS_ACTIONS,
  exec: execAction,
};
