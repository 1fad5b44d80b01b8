import type { TagSet, Tags } from '../contracts/metric-types.ts';
import { formatTags } from './metric-key.ts';

const interned = new Map<string, TagSet>();

/** Canonical key of a tag map: `k:v` pairs sorted by key, comma separated, quoted where needed (see metric-key.ts); '' for no tags. */
export function tagKey(tags: Tags): string {
  return formatTags(tags);
}

/** Returns the one shared TagSet object for these tags (cheap to compare, safe to keep). */
export function tagSet(tags: Tags): TagSet {
  const key = tagKey(tags);
  let set = interned.get(key);
  if (!set) {
    set = Object.freeze({ key, tags: Object.freeze({ ...tags }) });
    interned.set(key, set);
  }
  return set;
}

/** The empty tag set. */
export const NO_TAGS: TagSet = tagSet({});

/** Series key as written in summaries and time series: `metric` or `metric{k:v,...}` (the grammar of metric-key.ts). */
export function seriesKey(metric: string, tags: TagSet): string {
  return tags.key ? `${metric}{${tags.key}}` : metric;
}

/** True when every selector tag is present in `tags` with the same value (k6 sub-metric matching). */
export function tagsMatch(tags: Tags, selector: Tags): boolean {
  for (const k in selector) if (tags[k] !== selector[k]) return false;
  return true;
}
