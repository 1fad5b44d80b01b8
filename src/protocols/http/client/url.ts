// URLs of requests: WHATWG parsing against the scenario's base URL, keeping its path prefix; userinfo
// becomes Basic authentication (as in k6).
import { LoadcertError } from '../../../contracts/errors.ts';

/** Code of a URL that cannot be parsed (or has a scheme other than http/https): a scenario error, never a failure of the system under test. */
export const URL_INVALID = 'LC_URL_INVALID';

/** A request URL resolved: origin (pool key), origin-relative target, full URL (cookies, redirects), Basic credentials from userinfo. */
export interface ResolvedUrl {
  readonly origin: string;
  /** Path and query, percent-encoded, no fragment. */
  readonly target: string;
  /** The URL without userinfo and fragment. */
  readonly href: string;
  readonly hostname: string;
  /** `Basic …` from the URL's userinfo, if it had one. */
  readonly authorization?: string;
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * Resolves a step or client path: an absolute http(s) URL as it is, anything else below the base URL's
 * path ('api/x' and '/api/x' both become <base path>/api/x). WHATWG rules apply to the result: UTF-8
 * percent-encoding, dot segments, the fragment dropped. Throws LoadcertError(URL_INVALID) when it cannot
 * be parsed.
 */
export function resolveUrl(path: string, base: URL, basePath: string): ResolvedUrl {
  if (typeof path !== 'string') throw new LoadcertError(URL_INVALID, `request URL must be a string, got ${typeof path}`);
  let u: URL;
  try {
    u = ABSOLUTE.test(path) ? new URL(path) : new URL(base.origin + basePath + (path.startsWith('/') ? path : `/${path}`));
  } catch {
    throw new LoadcertError(URL_INVALID, `request URL ${JSON.stringify(path)} cannot be parsed as a URL`);
  }
  return fromUrl(u, path);
}

/** A URL (e.g. a redirect's Location resolved against the request's URL) as a ResolvedUrl; throws LoadcertError(URL_INVALID) for a scheme other than http/https. */
export function fromUrl(u: URL, given: string = u.href): ResolvedUrl {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new LoadcertError(URL_INVALID, `request URL ${JSON.stringify(given)} is not http or https`);
  let authorization: string | undefined;
  if (u.username || u.password) {
    authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  u.hash = '';
  return { origin: u.origin, target: u.pathname + u.search, href: u.href, hostname: u.hostname, authorization };
}

/** The problem with a static path, for validation (undefined when it parses); any base gives the same answer. */
export function pathProblem(path: string): string | undefined {
  try {
    resolveUrl(path, PLACEHOLDER, '');
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
const PLACEHOLDER = new URL('http://127.0.0.1/');
