// Plain-language diagnoses of failed health probes: what is wrong and what to do about it.

/** OpenSSL's and Node's codes of a server certificate the client does not trust. */
const UNTRUSTED = /\b(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED)\b/;

/** Diagnosis when the target cannot be reached at all (a TLS handshake refused over the certificate names what to trust). */
export function unreachable(url: string, error: string): string {
  if (UNTRUSTED.test(error))
    return `the server's certificate at ${url} is not trusted (${error}): give its CA in http.tls.ca (a PEM file, e.g. a private CA), or accept any certificate with http.tls.insecureSkipTLSVerify: true`;
  if (/ERR_TLS_CERT_ALTNAME_INVALID/.test(error))
    return `the server's certificate at ${url} does not name this host (${error}): connect by a name it holds, or set http.tls.serverName to one`;
  return `target unreachable at ${url}: ${error}; start the system under test (or run with --demo-target), check --base-url, or run with --skip-preflight`;
}

/** Diagnosis when the probe got no answer within the timeout. */
export function timedOut(url: string, timeoutMs: number): string {
  return `health endpoint ${url} did not answer within ${timeoutMs} ms: the target is stalled, overloaded or still starting; raise health.timeout or run with --skip-preflight`;
}

/** Diagnosis for 401/403: the known fault of health endpoints that require authentication. */
export function authRequired(status: number): string {
  return (
    `the health endpoint requires authentication (${status}): health checks must allow anonymous access, ` +
    'otherwise container health checks and monitoring go blind; allow anonymous access on it ' +
    '(ASP.NET Core: .AllowAnonymous() on MapHealthChecks), or run with --skip-preflight'
  );
}

/** Diagnosis for 5xx, naming the unhealthy components when the body is an ASP.NET Core health report. */
export function unhealthy(url: string, status: number, body: string): string {
  const parts = unhealthyComponents(body);
  const which = parts.length ? `; unhealthy components: ${parts.join(', ')}` : '';
  return `the target reports itself unhealthy at ${url} (${status})${which}; fix the failing dependency before loading it, or run with --skip-preflight`;
}

/** Diagnosis for any other non-2xx status (404, 3xx, ...). */
export function unexpectedStatus(url: string, status: number, location: string | undefined): string {
  if (status >= 300 && status < 400)
    return `health endpoint ${url} redirects (${status}${location ? ` to ${location}` : ''}): probe the final URL in health.endpoints, or run with --skip-preflight`;
  if (status === 404) return `health endpoint ${url} does not exist (404): set health.endpoints in the scenario to the target's health paths, or run with --skip-preflight`;
  return `health endpoint ${url} answered ${status} instead of 2xx; run with --skip-preflight to load it anyway`;
}

/** Names of non-healthy entries of an ASP.NET Core health JSON (`{ status, entries: { name: { status, description } } }`). */
export function unhealthyComponents(body: string): string[] {
  if (!body.startsWith('{')) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const entries = (parsed as { entries?: unknown }).entries;
  if (typeof entries !== 'object' || entries === null) return [];
  const out: string[] = [];
  for (const [name, e] of Object.entries(entries as Record<string, { status?: unknown; description?: unknown }>)) {
    if (!e || typeof e !== 'object' || e.status === 'Healthy') continue;
    const desc = typeof e.description === 'string' && e.description ? `: ${e.description}` : '';
    out.push(`${name} (${String(e.status)}${desc})`);
    if (out.length >= 10) break;
  }
  return out;
}
