// Request header maps: case-insensitive merging, and the headers loadcert sends by default.
import { VERSION } from '../../../contracts/version.ts';
import { ACCEPT_ENCODING } from './decode.ts';

/** The User-Agent loadcert sends unless a header overrides it. */
export const USER_AGENT = `loadcert/${VERSION}`;

/** Headers every request carries unless the scenario overrides them (`compression: false` drops Accept-Encoding). */
export function defaultHeaders(compression: boolean): Record<string, string> {
  return compression ? { 'user-agent': USER_AGENT, 'accept-encoding': ACCEPT_ENCODING } : { 'user-agent': USER_AGENT };
}

/** The key of `name` in `headers` compared case-insensitively, or undefined. */
export function findHeader(headers: Record<string, string>, name: string): string | undefined {
  if (name in headers) return name;
  for (const k in headers) if (k.toLowerCase() === name) return k;
  return undefined;
}

/** `base` with `over` on top; a name of `over` replaces the same name of `base` whatever its case. Returns `base` itself when `over` is empty. */
export function mergeHeaders(base: Record<string, string>, over: Record<string, string> | undefined): Record<string, string> {
  if (!over) return base;
  const out: Record<string, string> = { ...base };
  for (const k in over) {
    const existing = findHeader(out, k.toLowerCase());
    if (existing !== undefined && existing !== k) delete out[existing];
    out[k] = over[k];
  }
  return out;
}
