// The metric store modules of a loadcert checkout (this one, or BENCH_BEFORE's), loaded by path so one
// bench process can measure another checkout's code.
import { join } from 'node:path';
import { ROOT } from './procs.ts';
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

/** The checkouts a store bench measures: BENCH_BEFORE's (labelled "before (...)") first when set, then this one. */
export function benchRoots(): Array<[string, string]> {
  const roots: Array<[string, string]> = [['this checkout', ROOT]];
  if (process.env.BENCH_BEFORE) roots.unshift(['before (' + process.env.BENCH_BEFORE + ')', process.env.BENCH_BEFORE]);
  return roots;
}

/** In a bench's child process: the [checkout root, endpoints] case it was started for (BENCH_CHILD); undefined in the parent. */
export function childCase(): [string, number] | undefined {
  return process.env.BENCH_CHILD ? (JSON.parse(process.env.BENCH_CHILD) as [string, number]) : undefined;
}
