// Pure parser of threshold expressions: `AGGREGATION OPERATOR NUMBER`, k6 syntax plus `sustained(window)`.
import { formatDurationText, parseDuration } from '../contracts/duration.ts';
import { closest } from '../config/suggest.ts';

/** Comparison operators of a threshold (k6's `===` is read as `==`). */
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** What a threshold measures: a k6 aggregation, a percentile, or loadcert's highest rolling average over a window. */
export type Aggregation =
  | { readonly kind: 'avg' | 'min' | 'med' | 'max' | 'rate' | 'count' | 'value' }
  | { readonly kind: 'percentile'; readonly p: number }
  | { readonly kind: 'sustained'; readonly windowMs: number };

/** A well-formed expression; `aggName` is the canonical aggregation text, e.g. `p(95)` or `sustained(1m)`. */
export interface ParsedExpression {
  readonly aggregation: Aggregation;
  readonly aggName: string;
  readonly operator: Operator;
  readonly target: number;
}

/** The kinds of malformed expression, one clear message each. */
export type ExpressionErrorKind = 'empty' | 'unknown-aggregation' | 'bad-percentile' | 'bad-window' | 'missing-operator' | 'bad-number';

/** A problem of kind `K`: what is wrong and how to write it instead. */
export interface Problem<K extends string = string> {
  readonly kind: K;
  readonly message: string;
  readonly fix: string;
}

/** Why an expression could not be parsed and how to write it instead. */
export type ExpressionError = Problem<ExpressionErrorKind>;

/** Either a value or the reason there is none. */
export type Parsed<T, E extends Problem = ExpressionError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Aggregation names that take no argument. */
export const SIMPLE_AGGREGATIONS = ['avg', 'min', 'med', 'max', 'rate', 'count', 'value'] as const;
const ALL_NAMES = [...SIMPLE_AGGREGATIONS, 'p', 'sustained'];
const SYNONYMS: Record<string, string> = { mean: 'avg', average: 'avg', median: 'med', minimum: 'min', maximum: 'max', percentile: 'p(95)', sum: 'count', total: 'count' };
const OPERATORS = ['===', '<=', '>=', '==', '!=', '<', '>'] as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const EXAMPLE = 'e.g. "p(95) < 2000", "rate < 0.005" or "sustained(60s) < 70"';

function fail(kind: ExpressionErrorKind, message: string, fix: string): { ok: false; error: ExpressionError } {
  return { ok: false, error: { kind, message, fix } };
}

/** Parses one expression such as `p(99.9) <= 300`; whitespace is free around every part. Never throws. */
export function parseExpression(text: string): Parsed<ParsedExpression> {
  const src = text.trim();
  if (!src) return fail('empty', 'the threshold expression is empty', `write AGGREGATION OPERATOR NUMBER, ${EXAMPLE}`);

  const agg = parseAggregation(src);
  if (!agg.ok) return agg;
  const rest = src.slice(agg.value.length).trimStart();

  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op) return missingOperator(src, agg.value.aggName, rest);
  const numText = rest.slice(op.length).trim();
  const target = parseTarget(numText, op);
  if (!target.ok) return target;
  return {
    ok: true,
    value: { aggregation: agg.value.aggregation, aggName: agg.value.aggName, operator: op === '===' ? '==' : op, target: target.value },
  };
}

interface AggPart { aggregation: Aggregation; aggName: string; length: number }

function parseAggregation(src: string): Parsed<AggPart> {
  const head = /^([A-Za-z_][A-Za-z0-9_]*)\s*/.exec(src);
  if (!head) {
    return fail('unknown-aggregation', `"${src}" does not start with an aggregation`,
      `start with one of avg, min, med, max, p(N), rate, count, value, sustained(window), ${EXAMPLE}`);
  }
  const name = head[1];
  let length = head[0].length;
  let arg: string | undefined;
  if (src[length] === '(') {
    const close = src.indexOf(')', length);
    if (close < 0) {
      const kind = name === 'p' ? 'bad-percentile' : name === 'sustained' ? 'bad-window' : 'unknown-aggregation';
      return fail(kind, `"${name}(" is missing its closing parenthesis`, `close it, e.g. "${name === 'sustained' ? 'sustained(60s)' : 'p(95)'}"`);
    }
    arg = src.slice(length + 1, close).trim();
    length = close + 1;
  }

  if (name === 'p') return percentile(arg, length);
  if (name === 'sustained') return sustained(arg, length);
  if ((SIMPLE_AGGREGATIONS as readonly string[]).includes(name)) {
    if (arg !== undefined) return fail('unknown-aggregation', `"${name}" takes no argument, got "${name}(${arg})"`, `write "${name}" alone`);
    return { ok: true, value: { aggregation: { kind: name as (typeof SIMPLE_AGGREGATIONS)[number] }, aggName: name, length: head[1].length } };
  }
  return fail('unknown-aggregation', `unknown aggregation "${name}"`, `use ${suggestAggregation(name)}`);
}

function suggestAggregation(name: string): string {
  const pN = /^p_?(\d+(?:\.\d+)?)$/i.exec(name);
  if (pN) return `"p(${pN[1]})" (percentiles are written with parentheses)`;
  const lower = name.toLowerCase();
  const near = closest(lower, [...ALL_NAMES, ...Object.keys(SYNONYMS)]);
  const guess = SYNONYMS[lower] ?? (near && (SYNONYMS[near] ?? near));
  const list = 'avg, min, med, max, p(N), rate, count, value or sustained(window)';
  if (!guess) return `one of ${list}`;
  const shown = guess === 'p' ? 'p(95)' : guess === 'sustained' ? 'sustained(60s)' : guess;
  return `"${shown}" (known: ${list})`;
}

function percentile(arg: string | undefined, length: number): Parsed<AggPart> {
  const fix = 'write the percentile as a number from 0 to 100, e.g. "p(95)" or "p(99.9)"';
  if (arg === undefined) return fail('bad-percentile', '"p" needs a percentile in parentheses', fix);
  if (!NUMBER.test(arg)) return fail('bad-percentile', `percentile "p(${arg})" is not a number`, fix);
  const p = Number(arg);
  if (!(p >= 0 && p <= 100)) return fail('bad-percentile', `percentile ${arg} is outside [0, 100]`, fix);
  return { ok: true, value: { aggregation: { kind: 'percentile', p }, aggName: `p(${p})`, length } };
}

function sustained(arg: string | undefined, length: number): Parsed<AggPart> {
  const fix = 'give the window as a duration with a unit (ms, s, m, h), e.g. "sustained(60s)" or "sustained(5m)"';
  if (arg === undefined || arg === '') return fail('bad-window', '"sustained" needs a window in parentheses', fix);
  const windowMs = parseDuration(arg);
  if (Number.isNaN(windowMs)) return fail('bad-window', `window "${arg}" is not a duration`, fix);
  if (windowMs < 1000) {
    const hint = NUMBER.test(arg) ? `a number without unit is milliseconds (as in k6); write "sustained(${arg}s)" for ${arg} seconds` : 'write at least "sustained(1s)"';
    return fail('bad-window', `window "${arg}" is shorter than one second (values are per second)`, hint);
  }
  return { ok: true, value: { aggregation: { kind: 'sustained', windowMs }, aggName: `sustained(${formatDurationText(windowMs)})`, length } };
}

function missingOperator(src: string, aggName: string, rest: string): { ok: false; error: ExpressionError } {
  const ops = 'one of <, <=, >, >=, ==, !=';
  if (!rest) return fail('missing-operator', `"${src}" has no comparison after ${aggName}`, `add ${ops} and a number, e.g. "${aggName} < 100"`);
  if (rest.startsWith('=<') || rest.startsWith('=>')) {
    return fail('missing-operator', `"${rest.slice(0, 2)}" is not an operator`, `write "${rest[1]}=" instead`);
  }
  if (rest.startsWith('=')) return fail('missing-operator', '"=" is not an operator', 'use "==" to compare for equality');
  return fail('missing-operator', `expected an operator after ${aggName}, found "${rest}"`, `put ${ops} between the aggregation and the number, e.g. "${aggName} < 100"`);
}

function parseTarget(text: string, op: string): Parsed<number> {
  if (!text) return fail('bad-number', `no number after "${op}"`, 'end the expression with the target number, e.g. "p(95) < 2000"');
  if (NUMBER.test(text)) return { ok: true, value: Number(text) };
  const withUnit = /^([+-]?\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text);
  if (withUnit) {
    const ms = (parseDuration(withUnit[1] + withUnit[2]) || 0);
    return fail('bad-number', `"${text}" has a unit; targets are plain numbers in the metric's unit`, `times are in milliseconds: write ${ms}`);
  }
  const percent = /^([+-]?\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    return fail('bad-number', `"${text}" is a percentage; rates are fractions between 0 and 1`, `write ${Number(percent[1]) / 100}`);
  }
  return fail('bad-number', `"${text}" is not a number`, 'the target must be a plain number such as 2000, 0.005 or 1e3');
}
