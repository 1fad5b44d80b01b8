// The registry of fault actions, by action name; each factory refuses (104) a definition that cannot work.
// `http` is registered by the fault timeline's own module (the request goes through the host guard).
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
