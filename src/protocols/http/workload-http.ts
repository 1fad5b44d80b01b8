// A workload's own http options (tls, protocol) over the scenario's: validated with the workload, its TLS
// context built once (at validation, where a bad file or key is a config error).
import type { HttpWorkload, WorkloadHttpOptions } from '../../contracts/scenario-types.ts';
import { IssueList, isPlainObject, join } from '../../config/checks.ts';
import { INSECURE_TLS_WARNING, resolveHttpTls, validateHttpTls } from '../../config/http-tls.ts';
import { validateHttpProtocol } from '../../config/http-protocol.ts';
import { clientTls, type ClientTls } from './tls-context.ts';
import type { HttpProtocolChoice } from './http-pool.ts';

/** TLS contexts built while validating, by the workload's http object. */
const contexts = new WeakMap<object, ClientTls>();

/** Adds the issues of a workload's `http` (at `path`); `file` is the scenario file its TLS paths are relative to; `keys` are the options the workload's protocol takes (WebSocket and SignalR: tls only). */
export function validateWorkloadHttp(v: unknown, path: string, issues: IssueList, file: string, keys: readonly ('tls' | 'protocol')[] = ['tls', 'protocol']): void {
  if (v === undefined) return;
  if (!isPlainObject(v)) { issues.add(path, 'must be an object', keys.includes('protocol') ? "write http: { protocol: 'http1' } or http: { tls: { ca: './ca.pem' } }" : "write http: { tls: { ca: './ca.pem' } }"); return; }
  issues.unknownKeys(v, keys, path);
  const before = issues.issues.length;
  validateHttpTls(v.tls, join(path, 'tls'), issues, file);
  if (keys.includes('protocol')) validateHttpProtocol(v.protocol, join(path, 'protocol'), issues);
  if (v.tls === undefined || issues.issues.length > before) return;
  try {
    contexts.set(v, clientTls(resolveHttpTls(v.tls as Parameters<typeof resolveHttpTls>[0], file)));
  } catch (e) {
    issues.add(join(path, 'tls'), `cannot be used: ${(e as Error).message}`, 'check that key is the unencrypted private key of cert and that every file is PEM');
  }
}

/** The TLS options of a workload: its own `http.tls` (validated) over the scenario's `tls`; warns when its own skip verification. */
export function workloadTls(http: WorkloadHttpOptions | undefined, defaults: { tls?: ClientTls; scenarioFile?: string }, warn: (m: string) => void): ClientTls | undefined {
  if (http?.tls === undefined) return defaults.tls;
  const tls = contexts.get(http) ?? clientTls(resolveHttpTls(http.tls, defaults.scenarioFile ?? 'scenario.ts'));
  if (!tls.rejectUnauthorized) warn(`a workload's ${INSECURE_TLS_WARNING}`);
  return tls;
}

/** The pool options a workload's `http` replaces (tls, protocol); warns once when it skips verification. */
export function workloadClient(w: HttpWorkload, defaults: { tls?: ClientTls; protocol?: HttpProtocolChoice; scenarioFile?: string }, warn: (m: string) => void): { tls?: ClientTls; protocol?: HttpProtocolChoice } {
  const h = w.http!;
  return { tls: workloadTls(h, defaults, warn), protocol: h.protocol ?? defaults.protocol };
}
