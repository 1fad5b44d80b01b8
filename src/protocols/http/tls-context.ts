// The TLS options of every https: connection of one client (pools of the load, preflight, availability):
// one SecureContext built once from http.tls (a context per connect would parse the CA roots each time).
import { isIP } from 'node:net';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { ResolvedTls } from '../../config/http-tls.ts';

/** What a connection passes to tls.connect besides host, port and ALPN. */
export interface ClientTls {
  /** undefined = Node's default context (system roots and NODE_EXTRA_CA_CERTS). */
  readonly secureContext?: SecureContext;
  readonly rejectUnauthorized: boolean;
  /** SNI and certificate name override (default: the URL's host name, none for an IP). */
  readonly serverName?: string;
}

/** Default: verify against the system roots, SNI from the URL. */
export const DEFAULT_CLIENT_TLS: ClientTls = { rejectUnauthorized: true };

/** The connect options of `tls` (a `ca` is trusted in addition to the system roots, as a browser's installed CA is). */
export function clientTls(tls: ResolvedTls | undefined): ClientTls {
  if (!tls) return DEFAULT_CLIENT_TLS;
  const needsContext = tls.ca !== undefined || tls.cert !== undefined || tls.minVersion !== undefined || tls.maxVersion !== undefined;
  const secureContext = needsContext
    ? createSecureContext({
        ca: tls.ca === undefined ? undefined : [...rootCertificates, tls.ca],
        cert: tls.cert,
        key: tls.key,
        minVersion: tls.minVersion,
        maxVersion: tls.maxVersion,
      })
    : undefined;
  return { secureContext, rejectUnauthorized: tls.rejectUnauthorized, serverName: tls.serverName };
}

/** tls.connect options of `tls` for a client that opens its own sockets (ws, an https.Agent, EventSource) to `host`: the same context, verification and SNI as the HTTP client's. */
export function tlsConnectOptions(tls: ClientTls, host: string): { secureContext?: SecureContext; rejectUnauthorized: boolean; servername?: string } {
  const servername = tls.serverName ?? (isIP(host.replace(/^\[|\]$/g, '')) ? undefined : host);
  return { secureContext: tls.secureContext, rejectUnauthorized: tls.rejectUnauthorized, ...(servername !== undefined ? { servername } : {}) };
}

/** Node's and OpenSSL's codes of a failed TLS handshake (certificate trust, name, version, client certificate, ALPN). */
const TLS_CODE = /\b(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REVOKED|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_[A-Z0-9_]+|ERR_TLS_[A-Z0-9_]+)\b/;

/** The TLS failure code of `err` (its `code`, its cause's, or one named in its message), as the HTTP client tags it in `error`; undefined when it is not a TLS failure. */
export function tlsFailureCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const m = TLS_CODE.exec(typeof e.code === 'string' ? e.code : '') ?? TLS_CODE.exec(typeof e.message === 'string' ? e.message : String(e));
    if (m) return m[1];
  }
  return undefined;
}
