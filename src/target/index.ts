// Public surface of the embedded demo target.
export { createDemoTarget, loopbackAddress, LOOPBACK_HOSTS } from './server.ts';
export { runTargetCommand, parseTargetArgs, LISTENING_PREFIX, TARGET_USAGE } from './command.ts';
export { spawnDemoTarget, type SpawnedTarget } from './spawn.ts';
export { HEALTH_PATHS } from './routes-health.ts';
export { DEFAULT_LATENCY, drawLatency } from './latency.ts';
export type { ApiRoute, DemoTarget, DemoTargetOptions, FaultState, LatencySpec, LatencyDist, StallFault, TargetExtension } from './types.ts';
