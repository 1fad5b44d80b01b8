// The one "did you mean" rule of every validator: misspelled option keys, metric names and aggregations.

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `word` (case-insensitive; a prefix or containment of 4+ letters counts as close), or undefined when none is within max(2, length/3) edits. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // a prefix or containment match counts as close ("http_req" -> "http_reqs", "duration" -> "http_req_duration")
    const long = Math.min(w.length, lc.length) >= 4;
    const score = long && (lc.startsWith(w) || w.startsWith(lc)) ? Math.abs(lc.length - w.length) * 0.1
      : long && (lc.includes(w) || w.includes(lc)) ? 1
      : editDistance(w, lc);
    if (score < bestScore) { bestScore = score; best = c; }
  }
  const limit = Math.max(2, Math.floor(w.length / 3));
  return bestScore <= limit ? best : undefined;
}
