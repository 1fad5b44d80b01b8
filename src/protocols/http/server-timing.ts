/** One Server-Timing entry: `db;dur=12.5;desc="query"` gives { name: 'db', dur: 12.5 }. */
export interface ServerTimingEntry {
  name: string;
  dur: number;
}

const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Parses Server-Timing header value(s); entries without a numeric `dur` and malformed names are skipped. */
export function parseServerTiming(header: string | string[] | undefined): ServerTimingEntry[] {
  if (!header) return [];
  const text = Array.isArray(header) ? header.join(',') : header;
  const out: ServerTimingEntry[] = [];
  for (const metric of text.split(',')) {
    const parts = metric.split(';');
    const name = parts[0].trim();
    if (!name || !NAME.test(name) || name.length > 64) continue;
    for (let i = 1; i < parts.length; i++) {
      const eq = parts[i].indexOf('=');
      if (eq < 0 || parts[i].slice(0, eq).trim().toLowerCase() !== 'dur') continue;
      let v = parts[i].slice(eq + 1).trim();
      if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
      const dur = Number(v);
      if (v !== '' && Number.isFinite(dur) && dur >= 0) out.push({ name, dur });
      break;
    }
  }
  return out;
}
