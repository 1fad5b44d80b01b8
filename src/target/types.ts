// Public contracts of the embedded demo target: options, fault switches, the running handle, extensions.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Shape of a simulated latency distribution, in milliseconds. */
export type LatencyDist = 'fixed' | 'uniform' | 'normal' | 'lognormal';

/**
 * A latency distribution for one route. `fixed` uses `ms` (or `mean`); `uniform` draws in [min, max];
 * `normal` uses mean/sd; `lognormal` has the given mean and sd of the resulting values. Every draw is
 * clamped to [min ?? 0, max ?? 60000].
 */
export interface LatencySpec {
  dist: LatencyDist;
  ms?: number;
  mean?: number;
  sd?: number;
  min?: number;
  max?: number;
}

/** The API routes that have a latency distribution and an error rate of their own. */
export type ApiRoute = 'list' | 'get' | 'create' | 'search';

/** Every API route name, in a stable order. */
export const API_ROUTES: readonly ApiRoute[] = ['list', 'get', 'create', 'search'];

/** A stall of the whole server: the event loop is blocked for `forMs` every `everyMs`. */
export interface StallFault {
  everyMs: number;
  forMs: number;
}

/** Fault switches that can be flipped at run time (setFaults or POST /__admin/faults). */
export interface FaultState {
  /** Health endpoints answer 401 with `WWW-Authenticate: Bearer` (the known fault of the real system). */
  healthUnauthorized: boolean;
  /** Health endpoints answer 503 Unhealthy (a component is down). */
  healthDown: boolean;
  /** Blocks the event loop periodically; null = off. */
  stall: StallFault | null;
  /** Fraction (0..1) of API requests answering 500, on top of each route's own error rate. */
  errorRate: number;
  /** When set, every API route answers after exactly this many ms (overrides the distributions). */
  latencyMs: number | null;
  /** Every API latency (drawn or fixed) is multiplied by this factor: 1.2 = a build 20 % slower (default 1). */
  latencyScale: number;
}

/** A pluggable handler tried before the built-in routes (e.g. a SignalR hub or WebSocket endpoint). */
export interface TargetExtension {
  /** Handles the request and returns true, or returns false to let the next handler try. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Takes over an HTTP upgrade and returns true, or returns false. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Releases the extension's resources when the target closes; it must end its upgraded sockets, or close() waits for them. */
  close?(): void;
}

/** Options of createDemoTarget; every field is optional. */
export interface DemoTargetOptions {
  /** TCP port (default 0 = ephemeral). */
  port?: number;
  /** Loopback host only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** Per-route latency distributions replacing the defaults. */
  latency?: Partial<Record<ApiRoute, LatencySpec>>;
  /** Per-route error rates (fraction answering 500), default 0. */
  errorRates?: Partial<Record<ApiRoute, number>>;
  /** Initial fault switches. */
  faults?: Partial<FaultState>;
  /** Enables the /__admin routes (default true). */
  adminEnabled?: boolean;
  /** Number of seeded documents (default 10000). */
  documentCount?: number;
  /** Seed of the generated documents and the latency draws (default 42). */
  seed?: number;
  /** Bounds of GET /api/work: at most maxConcurrency in service, each held serviceMs (default 10); capacity C*1000/S req/s. */
  work?: { maxConcurrency?: number; serviceMs?: number; queueLimit?: number; serveAbandoned?: boolean };
  /** Handlers tried before the built-in routes, in order. */
  extensions?: TargetExtension[];
  /** Called by POST /__admin/crash after the response was sent (default: process.exit(1)). */
  onCrash?: () => void;
}

/** A running demo target. */
export interface DemoTarget {
  /** Base URL, e.g. http://127.0.0.1:8080 (IPv6: http://[::1]:8080). */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening, drops open connections, stops the stall timer and closes extensions. */
  close(): Promise<void>;
  /** Merges fault switches into the current ones; returns the new state. */
  setFaults(partial: Partial<FaultState>): FaultState;
  /** Current fault switches (a copy). */
  faults(): FaultState;
  /** Makes every API and health request answer 503 for exactly `ms` from now (0 ends it); throws LC_TARGET_FAULT (104) outside 0..600000. */
  failFor(ms: number): void;
}
