// The SignalR workload engine: protocol 'signalr', registered with the runner by that string.
import type { WorkloadEngine } from '../../contracts/engine.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { createSessionEngine } from '../sessions/session-engine.ts';
import { sharedScheduler, type TickScheduler } from '../sessions/tick-scheduler.ts';
import type { SignalRWorkload } from '../../contracts/signalr-workload.ts';
import { SIGNALR_METRICS } from './metrics.ts';
import { validateSignalRWorkload } from './validate.ts';
import { buildSignalRConfig } from './session-config.ts';
import { SignalRSession } from './session.ts';
import type { SessionTlsDefaults } from '../sessions/session-tls.ts';

/** Default ramp pacing: connections opened per second when the workload gives no connectRate. */
export const DEFAULT_CONNECT_RATE = DEFAULTS.signalrConnectRate;

const count = (w: SignalRWorkload) => ({ count: w.users, start: w.startUsers });

/** Creates the engine; tests may pass their own wheel; `tls` is the scenario's http.tls for https: hubs. */
export function createSignalREngine(scheduler: TickScheduler = sharedScheduler(), tls: SessionTlsDefaults = {}): WorkloadEngine<SignalRWorkload> {
  return createSessionEngine({
    protocol: 'signalr', metrics: SIGNALR_METRICS, validate: validateSignalRWorkload, count, defaultConnectRate: DEFAULT_CONNECT_RATE,
    config: (w, ctx, s) => buildSignalRConfig(w, ctx, s, tls), session: (config, id, hooks) => new SignalRSession(config, id, hooks),
    gauges: { connections: 'signalr_connections', errors: 'signalr_errors' },
  }, scheduler);
}

/** The SignalR engine on the process-wide wheel: register it with the runner. */
export const signalrEngine: WorkloadEngine<SignalRWorkload> = createSignalREngine();
