// The one grammar of metric keys: `metric` or `metric{tag:value,tag2:value2}`, as the store names its
// series, summary.json and timeseries.ndjson write them and thresholds files select sub-metrics (k6's
// syntax). Every place that builds or splits a key goes through this file.
//
//   key   = metric [ "{" pair *( "," pair ) "}" ]
//   pair  = token ":" token           (whitespace around tokens is ignored)
//   token = bare | '"' chars '"' | "'" chars "'"     (inside quotes `\` escapes the next character)
//   bare  = characters up to the next "," or "}" (a tag's also up to ":"); a value may contain ":", and "{" or
//           "}" as in k6 (`name:http://${}.com`): only the key's last "}" closes the selector
//
// Formatting quotes only a token that needs it (it contains , { } " or \, a tag that contains :, or it
// starts with ' or has whitespace at either end), so keys of ordinary tags read as they always did:
// `http_req_duration{name:GET /x,status:200}`, `url:http://h:8080/a`.
import type { Tags } from '../contracts/metric-types.ts';

/** A key split into its metric name and tags (no tags: `{}`). */
export interface SeriesKey {
  readonly metric: string;
  readonly tags: Tags;
}

/** The result of parsing a key: the parts, or why the key is malformed (`message` quotes the key). */
export type SeriesKeyParse = { readonly ok: true; readonly value: SeriesKey } | { readonly ok: false; readonly message: string };

const TAG_NEEDS_QUOTES = /^$|[,:{}"\\]|^['\s]|\s$/;
const VALUE_NEEDS_QUOTES = /[,{}"\\]|^['\s]|\s$/;

function quote(s: string): string {
  return '"' + s.replace(/[\\"]/g, '\\$&') + '"';
}

/** One tag name as written in a key: bare when that reads back the same, else double-quoted with `\` escapes. */
export function formatTag(tag: string): string {
  return TAG_NEEDS_QUOTES.test(tag) ? quote(tag) : tag;
}

/** One tag value as written in a key (an empty value stays bare: `name:`). */
export function formatValue(value: string): string {
  return VALUE_NEEDS_QUOTES.test(value) ? quote(value) : value;
}

/** The canonical inside of a key's braces: `k:v` pairs sorted by tag, comma separated; '' for no tags. */
export function formatTags(tags: Tags): string {
  const keys = Object.keys(tags).sort();
  let out = '';
  for (const k of keys) out += (out ? ',' : '') + formatTag(k) + ':' + formatValue(tags[k]);
  return out;
}

/** The canonical key of a series: `metric` without tags, else `metric{k:v,...}`; parseSeriesKey reads it back exactly. */
export function formatSeriesKey(metric: string, tags: Tags): string {
  const body = formatTags(tags);
  return body ? `${metric}{${body}}` : metric;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Options of parseSeriesKey. */
export interface ParseOptions {
  /** Accept a bare empty value (`name:`), as stored keys may hold; thresholds refuse it. Default true. */
  readonly allowEmptyValue?: boolean;
}

/** Parses a key of this grammar (as formatted here, or as written in a thresholds file). Never throws. */
export function parseSeriesKey(key: string, opts: ParseOptions = {}): SeriesKeyParse {
  const fail = (message: string): SeriesKeyParse => ({ ok: false, message });
  const open = key.indexOf('{');
  if (open < 0) {
    if (key.includes('}')) return fail(`"${key}" has a "}" without "{"`);
    return { ok: true, value: { metric: key.trim(), tags: {} } };
  }
  const metric = key.slice(0, open).trim();
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  let i = open + 1;
  const skip = () => { while (isSpace(key[i])) i++; };
  // reads one token at i; `stops` ends a bare token; returns undefined (and sets err) on an open quote
  let err = '';
  const closing = key.trimEnd().length - 1 === key.lastIndexOf('}') ? key.lastIndexOf('}') : -1;
  const token = (stops: string, bareBraces = false): { text: string; quoted: boolean } | undefined => {
    skip();
    const q = key[i];
    if (q === '"' || q === "'") {
      let text = '';
      for (i++; i < key.length; i++) {
        const c = key[i];
        if (c === '\\' && i + 1 < key.length) { text += key[++i]; continue; }
        if (c === q) { i++; skip(); return { text, quoted: true }; }
        text += c;
      }
      err = `a quoted tag or value in "${key}" has no closing ${q}`;
      return undefined;
    }
    const start = i;
    while (i < key.length && !stops.includes(key[i])) i++;
    // as k6, a bare value may hold "}" (`name:http://${}.com`): only the key's last "}" closes the selector
    if (bareBraces && key[i] === '}' && i !== closing) {
      while (i < key.length && key[i] !== ',' && i !== closing) i++;
    }
    return { text: key.slice(start, i).trim(), quoted: false };
  };
  skip();
  if (key[i] === '}') return fail(`selector of "${key}" is empty`);
  for (;;) {
    const tag = token(':,}');
    if (!tag) return fail(err);
    if (key[i] !== ':') return fail(`selector part "${tag.text}" of "${key}" has no ":" between tag and value`);
    i++;
    const value = token(',}', true);
    if (!value) return fail(err);
    if ((!tag.quoted && !tag.text) || (!value.quoted && !value.text && opts.allowEmptyValue === false)) {
      return fail(`a selector part of "${key}" needs both a tag and a value`);
    }
    if (seen.has(tag.text)) return fail(`tag "${tag.text}" appears twice in "${key}"`);
    seen.add(tag.text);
    entries.push([tag.text, value.text]);
    if (i >= key.length) return fail(`selector of "${key}" is missing its closing "}"`);
    if (key[i] === ',') { i++; continue; }
    if (key[i] !== '}') return fail(`unexpected "${key[i]}" after the value of tag "${tag.text}" in "${key}"`);
    i++;
    skip();
    if (i < key.length) return fail(`unexpected text "${key.slice(i)}" after the selector of "${key}"`);
    // fromEntries defines own properties, so a tag named __proto__ stays a tag
    return { ok: true, value: { metric, tags: Object.fromEntries(entries) } };
  }
}

const readCache = new Map<string, SeriesKey | undefined>();
const READ_CACHE_MAX = 20_000;

/**
 * The parts of a key read from a stored file (summary.json, timeseries.ndjson); undefined when it does not
 * parse (a reader skips it). Memoized: readers call it once per series per second.
 */
export function readSeriesKey(key: string): SeriesKey | undefined {
  if (readCache.has(key)) return readCache.get(key);
  const r = parseSeriesKey(key);
  const v = r.ok ? r.value : undefined;
  if (readCache.size >= READ_CACHE_MAX) readCache.clear();
  readCache.set(key, v);
  return v;
}

/** The parts of a key already validated (a thresholds key, a stored key); a key that does not parse is read as a metric name without tags. */
export function keyParts(key: string): SeriesKey {
  return readSeriesKey(key) ?? { metric: key, tags: {} };
}
