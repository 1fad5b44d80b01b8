// Validation of http.protocol (the HTTP version choice; see HttpOptions.protocol).
import type { IssueList } from './checks.ts';

/** The accepted values of http.protocol. */
export const HTTP_PROTOCOLS = ['auto', 'http1', 'h2'] as const;

/** Adds an issue when `v` (at `path`) is present and not one of HTTP_PROTOCOLS. */
export function validateHttpProtocol(v: unknown, path: string, issues: IssueList): void {
  if (v === undefined || (HTTP_PROTOCOLS as readonly unknown[]).includes(v)) return;
  issues.add(path, `unknown protocol ${JSON.stringify(v)}`, "use 'auto' (ALPN h2 or HTTP/1.1, the default), 'http1' (HTTP/1.1 only) or 'h2' (HTTP/2 only; h2c with prior knowledge on http:)");
}
