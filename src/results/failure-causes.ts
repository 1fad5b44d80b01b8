// Why an endpoint's requests failed: the error code of each request that got no response and the status
// of each unexpected response, counted from the http_req_failed series (each outcome is its own series).
import type { MetricStore } from '../metrics/store.ts';
import type { Tags } from '../contracts/metric-types.ts';
import type { FailureCause } from '../contracts/summary-types.ts';

/** How many causes the console, summary.md and the report name before "and N more". */
export const TOP_CAUSES = 3;

/**
 * Every cause of the failed requests matching `endpoint` (e.g. {scenario, name, method}), most frequent
 * first (ties by name): `{cause: 'LC_HTTP_TIMEOUT', count}` for a request without a response (its
 * `error` tag), `{cause: 'status 503', count}` for a response whose status was not expected. Empty when
 * nothing failed.
 */
export function failureCauses(store: MetricStore, endpoint: Tags): FailureCause[] {
  const selectors = new Map<string, Tags>();
  for (const s of store.seriesOf('http_req_failed', endpoint)) {
    const { error, status } = s.tags.tags;
    if (error) selectors.set(error, { ...endpoint, error });
    else if (status !== undefined) selectors.set(`status ${status}`, { ...endpoint, status, expected_response: 'false' });
  }
  const out: FailureCause[] = [];
  for (const [cause, sel] of selectors) {
    const failed = store.query('http_req_failed', sel);
    const count = failed ? Number(failed.values(0).passes) || 0 : 0;
    if (count > 0) out.push({ cause, count });
  }
  return out.sort((a, b) => b.count - a.count || (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0));
}

/** The causes as one line, the first `top` named: "LC_HTTP_TIMEOUT 412, ECONNRESET 3 and 2 more"; '' for none. */
export function formatFailureCauses(causes: readonly FailureCause[] | undefined, top = TOP_CAUSES): string {
  if (!causes?.length) return '';
  const named = causes.slice(0, top).map((c) => `${c.cause} ${c.count}`).join(', ');
  const rest = causes.length - top;
  return rest > 0 ? `${named} and ${rest} more` : named;
}
