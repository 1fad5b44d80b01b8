// Validation of a thresholds map against the metric registry, before the run: every problem at once.
import type { ConfigIssue } from '../contracts/errors.ts';
import { ConfigError } from '../contracts/errors.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { MetricType, Tags } from '../contracts/metric-types.ts';
import { tagKey } from '../metrics/tagset.ts';
import { DURATION_FORMS, parseDuration } from '../contracts/duration.ts';
import { IssueList, isPlainObject } from '../config/checks.ts';
import { parseExpression, type Aggregation, type Operator } from './expression.ts';
import { deriveLabel, unitFor } from './labels.ts';
import { parseMetricKey } from './metric-key.ts';
import { aggregationAllowed, allowedList } from './rules.ts';
import { closest } from '../config/suggest.ts';

/** A validated threshold ready for evaluation, in file order. */
export interface CompiledThreshold {
  /** Metric key as written, e.g. `http_req_duration{name:list}`. */
  readonly metricKey: string;
  readonly metric: string;
  readonly selector: Tags;
  readonly type: MetricType;
  /** Expression as written (trimmed). */
  readonly expression: string;
  readonly aggregation: Aggregation;
  /** Canonical aggregation text: `p(95)`, `rate`, `sustained(1m)`. */
  readonly aggName: string;
  readonly operator: Operator;
  readonly target: number;
  readonly abortOnFail: boolean;
  /** What emits the metric (its registry definition's source); decides applicability. */
  readonly metricSource: string;
  /** Set on an alert rule (raised in the report, never a criterion of the verdict). */
  readonly alert?: { readonly severity: 'critical' | 'warning'; readonly windowMs: number };
  /** Milliseconds after the start of the run before abortOnFail may act (0 when not given). */
  readonly delayAbortEvalMs: number;
  readonly label: string;
  readonly unit: string;
  /** Where it was defined: the thresholds file path or 'scenario'. */
  readonly source: string;
}

/** Keys allowed in the object form of a threshold. */
export const OBJECT_KEYS = ['threshold', 'abortOnFail', 'delayAbortEval', 'label', 'alert'] as const;

/** Keys of an entry's `alert` object. */
const ALERT_KEYS = ['severity', 'window'];

/** Validation outcome of one thresholds map: the thresholds that are valid and every issue found. */
export interface CheckResult {
  readonly thresholds: CompiledThreshold[];
  readonly issues: ConfigIssue[];
  /** Metric keys given an empty list (k6's idiom to show a sub-metric in the summary), as written. */
  readonly shown?: string[];
}

/** Validates `map` (untrusted: from JSON or a scenario) defined in `file`; `source` is what results show (default `file`). */
export function checkThresholds(map: unknown, file: string, registry: MetricRegistry, source = file): CheckResult {
  const list = new IssueList(file);
  const issues = list.issues;
  const thresholds: CompiledThreshold[] = [];
  const shown: string[] = [];
  const issue = list.add.bind(list);

  if (!isPlainObject(map)) {
    issue('', `thresholds must be an object of metric name to a list of expressions, got ${describe(map)}`,
      'write e.g. { "http_req_duration": ["p(95) < 2000"], "http_req_failed": ["rate < 0.005"] }');
    return { thresholds, issues };
  }

  for (const [key, specs] of Object.entries(map)) {
    const parsedKey = parseMetricKey(key);
    let def = undefined as ReturnType<MetricRegistry['get']>;
    if (!parsedKey.ok) {
      issue(key, parsedKey.error.message, parsedKey.error.fix);
    } else {
      def = registry.get(parsedKey.value.metric);
      if (!def) issue(key, `unknown metric "${parsedKey.value.metric}"`, unknownMetricFix(parsedKey.value.metric, registry));
    }
    if (!Array.isArray(specs)) {
      const fix = typeof specs === 'string' ? `wrap it in a list: "${key}": [${JSON.stringify(specs)}]` : `write "${key}": ["<aggregation> <operator> <number>"]`;
      issue(key, `thresholds of "${key}" must be a list, got ${describe(specs)}`, fix);
      continue;
    }
    // An empty list is k6's way to show a sub-metric in the summary: accepted, and never a criterion.
    if (specs.length === 0 && parsedKey.ok && def) shown.push(key);

    specs.forEach((spec: unknown, i: number) => {
      const path = `${key}[${i}]`;
      const before = issues.length;
      let text: string | undefined;
      let abortOnFail = false;
      let delayAbortEvalMs = 0;
      let label: string | undefined;
      let alert: CompiledThreshold['alert'];

      if (typeof spec === 'string') {
        text = spec;
      } else if (isPlainObject(spec)) {
        for (const k of Object.keys(spec)) {
          if ((OBJECT_KEYS as readonly string[]).includes(k)) continue;
          if (k === 'requireData') {
            issue(`${path}.requireData`, '"requireData" was removed: whether a criterion applies now comes from the scenario (a criterion on a source the scenario does not declare is not applicable; one it declares but that got no data makes the run INCOMPLETE)',
              'delete "requireData"; to drop a criterion from a scenario that does not use its source, nothing else is needed');
            continue;
          }
          const guess = closest(k, OBJECT_KEYS);
          issue(`${path}.${k}`, `unknown option "${k}"`, guess ? `did you mean "${guess}"? Allowed: ${OBJECT_KEYS.join(', ')}` : `remove it; allowed: ${OBJECT_KEYS.join(', ')}`);
        }
        if (typeof spec.threshold === 'string') text = spec.threshold;
        else issue(`${path}.threshold`, spec.threshold === undefined ? 'the "threshold" expression is missing' : `"threshold" must be a string, got ${describe(spec.threshold)}`, 'write e.g. { "threshold": "p(95) < 2000", "abortOnFail": true }');
        if (spec.abortOnFail !== undefined) {
          if (typeof spec.abortOnFail === 'boolean') abortOnFail = spec.abortOnFail;
          else issue(`${path}.abortOnFail`, `"abortOnFail" must be true or false, got ${describe(spec.abortOnFail)}`, `write "abortOnFail": ${spec.abortOnFail === 'false' ? 'false' : 'true'} (no quotes)`);
        }
        if (spec.delayAbortEval !== undefined && spec.delayAbortEval !== null) {
          const ms = parseDuration(spec.delayAbortEval as string | number);
          if (!Number.isNaN(ms)) delayAbortEvalMs = ms;
          else issue(`${path}.delayAbortEval`, `"delayAbortEval" is not a duration: ${describe(spec.delayAbortEval)}`, `write e.g. "delayAbortEval": "10s"; accepted: ${DURATION_FORMS}, or null`);
        }
        if (spec.alert !== undefined) alert = checkAlert(spec.alert, `${path}.alert`, issue);
        if (spec.alert !== undefined && spec.abortOnFail === true) issue(`${path}.abortOnFail`, 'an alert rule cannot stop the run: alerts are raised in the report, criteria decide the verdict', 'remove "abortOnFail", or write a separate criterion entry without "alert"');
        if (spec.label !== undefined) {
          if (typeof spec.label === 'string' && spec.label.trim()) label = spec.label.trim();
          else issue(`${path}.label`, `"label" must be a non-empty string, got ${describe(spec.label)}`, 'write e.g. "label": "API response time, 95th percentile" or remove it');
        }
      } else {
        issue(path, `a threshold must be an expression string or an object with "threshold", got ${describe(spec)}`, 'write e.g. "p(95) < 2000" or { "threshold": "p(95) < 2000", "abortOnFail": true }');
      }
      if (text === undefined) return;

      const expr = parseExpression(text);
      if (!expr.ok) { issue(path, `"${text.trim()}": ${expr.error.message}`, expr.error.fix); return; }
      if (def && !aggregationAllowed(def.type, expr.value.aggregation)) {
        issue(path, `aggregation "${expr.value.aggName}" is not available for ${def.name} (a ${def.type})`, `use ${allowedList(def.type)}`);
        return;
      }
      if (!def || !parsedKey.ok || issues.length !== before) return;
      const { metric, selector } = parsedKey.value;
      const { aggregation, aggName, operator, target } = expr.value;
      thresholds.push({
        metricKey: key, metric, selector, type: def.type, expression: text.trim(), aggregation, aggName, operator, target,
        abortOnFail, delayAbortEvalMs, source, metricSource: def.source ?? 'workload', ...(alert ? { alert } : {}),
        label: label ?? deriveLabel(metric, selector, def, aggregation),
        unit: unitFor(def, aggregation),
      });
    });
  }
  return { thresholds, issues, shown };
}

/** Every problem of `map` at once (empty when valid). */
export function validateThresholds(map: unknown, file: string, registry: MetricRegistry): ConfigIssue[] {
  return checkThresholds(map, file, registry).issues;
}

/** One thresholds map and where it came from. */
export interface ThresholdSource {
  readonly map: unknown;
  /** File shown in issues, e.g. 'thresholds.json' or 'scenarios/x.ts'. */
  readonly file: string;
  /** Shown in results (default `file`), e.g. 'scenario'. */
  readonly source?: string;
}

/**
 * Validates every source and merges them in order: a later source's metric key replaces an earlier one's
 * (same metric and tags), in the earlier one's position. Throws ConfigError (exit 104) listing every issue.
 */
export function compileThresholds(sources: readonly ThresholdSource[], registry: MetricRegistry): CompiledThreshold[] {
  const issues: ConfigIssue[] = [];
  const lists: CompiledThreshold[][] = [];
  for (const s of sources) {
    const result = checkThresholds(s.map, s.file, registry, s.source ?? s.file);
    issues.push(...result.issues);
    lists.push(result.thresholds);
  }
  if (issues.length) throw new ConfigError(issues);
  return mergeThresholds(lists);
}

/**
 * Merges validated threshold lists in order: a later list's metric key (same metric and tags, in any
 * tag order) replaces an earlier one's expressions in the earlier one's position; new keys follow.
 */
export function mergeThresholds(lists: readonly CompiledThreshold[][]): CompiledThreshold[] {
  const byKey = new Map<string, CompiledThreshold[]>();
  for (const list of lists) {
    const mine = new Map<string, CompiledThreshold[]>();
    for (const t of list) {
      const k = `${t.metric}{${tagKey(t.selector)}}`;
      mine.set(k, [...(mine.get(k) ?? []), t]);
    }
    for (const [k, l] of mine) byKey.set(k, l);
  }
  return [...byKey.values()].flat();
}

/** Checks an entry's `alert: { severity: 'critical' | 'warning', window?: '30s' }`; undefined after an issue. */
function checkAlert(v: unknown, path: string, issue: (path: string, message: string, fix: string) => void): CompiledThreshold['alert'] {
  const example = 'write e.g. "alert": { "severity": "warning", "window": "30s" }';
  if (!isPlainObject(v)) { issue(path, `"alert" must be an object, got ${describe(v)}`, example); return undefined; }
  let bad = false;
  for (const k of Object.keys(v)) if (!ALERT_KEYS.includes(k)) { const near = closest(k, ALERT_KEYS); issue(`${path}.${k}`, `unknown option "${k}"`, near ? `did you mean "${near}"? Allowed: ${ALERT_KEYS.join(', ')}` : `remove it; allowed: ${ALERT_KEYS.join(', ')}`); bad = true; }
  if (v.severity !== 'critical' && v.severity !== 'warning') { issue(`${path}.severity`, `"severity" must be "critical" or "warning", got ${describe(v.severity)}`, example); bad = true; }
  let windowMs = 1000;
  if (v.window !== undefined) {
    const ms = typeof v.window === 'string' ? parseDuration(v.window) : NaN;
    if (Number.isNaN(ms) || ms < 1000) { issue(`${path}.window`, `"window" must be a duration of at least 1s, got ${describe(v.window)}`, example); bad = true; } else windowMs = ms;
  }
  return bad ? undefined : { severity: v.severity as 'critical' | 'warning', windowMs };
}

function unknownMetricFix(name: string, registry: MetricRegistry): string {
  const names = registry.all().map((d) => d.name);
  const guess = closest(name, names);
  if (guess) return `did you mean "${guess}"?`;
  return `use a metric loadcert or the scenario emits: ${names.join(', ')}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
