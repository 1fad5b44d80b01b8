// The TLS options of every https: connection of one client (pools of the load, preflight, availability):
// one SecureContext built once from http.tls (a context per connect would parse the CA roots each time).
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
