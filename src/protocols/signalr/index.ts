// Public surface of the SignalR engine.
export { signalrEngine, createSignalREngine, DEFAULT_CONNECT_RATE } from './engine.ts';
export { SIGNALR_METRICS, classifyError, type SignalRErrorCause } from './metrics.ts';
export type { SignalRWorkload, SignalRVu, SignalRTransport, HubArgs, HubCall, InvokeStep, SendStep, LoopStep } from '../../contracts/signalr-workload.ts';
