// The metric store modules of a loadcert checkout (this one, or BENCH_BEFORE's), loaded by path so one
// bench process can measure another checkout's code.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** MetricStore, MetricRegistry, tagSet and HttpTagCache as `root`'s checkout defines them, plus `imp` for more of its modules. */
export async function checkoutStore(root: string) {
  const imp = (p: string) => import(pathToFileURL(join(root, p)).href);
  const { MetricStore } = await imp('src/metrics/store.ts');
  const { MetricRegistry } = await imp('src/metrics/registry.ts');
  const { tagSet } = await imp('src/metrics/tagset.ts');
  const { HttpTagCache } = await imp('src/protocols/http/http-series.ts');
  return { MetricStore, MetricRegistry, tagSet, HttpTagCache, imp };
}
