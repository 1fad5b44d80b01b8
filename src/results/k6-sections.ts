// summary.json's k6 handleSummary sections beside loadcert's own: `root_group` (groups and checks with
// passes/fails, from the `checks` series and their `group` tag), `options` and `state`, as k6 writes them.
import { createHash } from 'node:crypto';
import type { MetricStore } from '../metrics/store.ts';
import type { K6Group, K6Check, K6Options, K6State } from '../contracts/summary-types.ts';

/** k6's id of a group or check: the hex MD5 of its path. */
function k6Id(path: string): string {
  return createHash('md5').update(path).digest('hex');
}

/** Group separator of k6's paths (`::a::b`). */
export const GROUP_SEPARATOR = '::';

function newGroup(name: string, path: string): K6Group {
  return { name, path, id: k6Id(path), groups: [], checks: [] };
}

/**
 * The tree of groups from the root (path '') with each group's checks, in the order first seen: every
 * `group` tag value of `checks` and `group_duration` series is a path `::a::b`; a check's passes and fails
 * are summed over its series (workloads, extra tags) within a group.
 */
export function rootGroup(store: MetricStore): K6Group {
  const root = newGroup('', '');
  const byPath = new Map<string, K6Group>([['', root]]);
  const groupAt = (path: string): K6Group => {
    let g = byPath.get(path);
    if (g) return g;
    const cut = path.lastIndexOf(GROUP_SEPARATOR);
    const parent = groupAt(cut <= 0 ? '' : path.slice(0, cut));
    g = newGroup(path.slice(cut + GROUP_SEPARATOR.length), path);
    parent.groups.push(g);
    byPath.set(path, g);
    return g;
  };
  for (const s of store.seriesOf('group_duration')) groupAt(s.tags.tags.group ?? '');
  const checks = new Map<string, K6Check>();
  for (const s of store.seriesOf('checks')) {
    const { check: name, group = '' } = s.tags.tags;
    if (name === undefined) continue;
    // the series' own total: every second is folded into it before the summary is built
    const v = s.total.values(0);
    const path = `${group}${GROUP_SEPARATOR}${name}`;
    let c = checks.get(path);
    if (!c) {
      c = { name, path, id: k6Id(path), passes: 0, fails: 0 };
      checks.set(path, c);
      groupAt(group).checks.push(c);
    }
    c.passes += v.passes ?? 0;
    c.fails += v.fails ?? 0;
  }
  return root;
}

/** k6's `options` section: the trend statistics the summary's trend values hold, the time unit, colour. */
export function k6Options(trendStats: readonly string[]): K6Options {
  return { summaryTrendStats: [...trendStats], summaryTimeUnit: '', noColor: !!process.env.NO_COLOR };
}

/** k6's `state` section: whether stdout/stderr are terminals and the run's length in ms. */
export function k6State(testRunDurationMs: number): K6State {
  return { isStdOutTTY: !!process.stdout.isTTY, isStdErrTTY: !!process.stderr.isTTY, testRunDurationMs };
}
