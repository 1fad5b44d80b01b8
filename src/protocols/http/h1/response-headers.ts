// Response headers as an object, from the raw [name, value, ...] pairs the parser keeps.

/** Response headers from raw [name, value, ...] pairs: lower-case names, repeated names as arrays. */
export function headersOf(raw: string[]): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    const v = raw[i + 1];
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
