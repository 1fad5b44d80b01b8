// k6's own duration and threshold-expression cases (as data in test/fixtures/k6-cases.ts) against loadcert's
// one duration grammar and its expression parser, and every place that reads a duration.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { K6_DURATION_CASES, K6_EXPRESSION_CASES } from '../../fixtures/k6-cases.ts';
import { parseDuration, parseDurationValue } from '../../../src/contracts/duration.ts';
import { IssueList } from '../../../src/config/checks.ts';
import { parseExpression } from '../../../src/thresholds/expression.ts';
import { parseInterval } from '../../../src/resources/interval.ts';
import { durationMs } from '../../../src/preflight/duration.ts';

const near = (got: number, want: number): boolean => Math.abs(got - want) <= Math.max(1e-9, Math.abs(want) * 1e-12);
const show = (v: unknown): string => (v instanceof Date ? 'Date' : JSON.stringify(v));

/** What each reader of durations makes of `input`: ms, or undefined when it refuses. */
const READERS: Record<string, (input: unknown) => number | undefined> = {
  'scenario option': (v) => { const l = new IssueList('s.ts'); const ms = l.duration(v, 'x'); return l.issues.length ? undefined : ms; },
  'threshold option': (v) => ((ms) => (Number.isNaN(ms) ? undefined : ms))(parseDuration(v as string | number)),
  'resources interval': (v) => parseInterval(v),
  'preflight option': (v) => { try { return durationMs(v as string, -1, 'health.timeout'); } catch { return undefined; } },
};

describe('k6 duration cases', { timeout: 10_000 }, () => {
  for (const c of K6_DURATION_CASES) {
    test(`${c.from}: ${show(c.input)} -> ${c.ms === null ? 'error' : `${c.ms} ms`}`, { timeout: 2_000 }, () => {
      const r = parseDurationValue(c.input);
      if (c.ms === null) assert.equal(r.ok, false, `k6 refuses ${show(c.input)}, loadcert read ${r.ok ? r.ms : ''}`);
      else {
        assert.ok(r.ok, `k6 reads ${show(c.input)} as ${c.ms} ms, loadcert refused: ${r.ok ? '' : r.reason}`);
        assert.ok(near(r.ms, c.ms), `${show(c.input)}: got ${r.ms} ms, k6 ${c.ms} ms`);
      }
      // Every option reads the same grammar. Options refuse negatives; the interval and preflight refuse 0 too.
      for (const [name, read] of Object.entries(READERS)) {
        const got = read(c.input);
        const positiveOnly = name === 'resources interval' || name === 'preflight option';
        const accepts = c.ms !== null && (positiveOnly ? c.ms > 0 : c.ms >= 0);
        if (!accepts) assert.equal(got, undefined, `${name} accepted ${show(c.input)}`);
        else assert.ok(got !== undefined && near(got, c.ms!), `${name}: ${show(c.input)} gave ${got}, k6 ${c.ms} ms`);
      }
    });
  }
});

describe('k6 threshold expression cases', { timeout: 10_000 }, () => {
  for (const c of K6_EXPRESSION_CASES) {
    test(`${c.from}: "${c.input}"`, { timeout: 2_000 }, () => {
      const r = parseExpression(c.input);
      if (c.want === null) { assert.equal(r.ok, false, `k6 refuses "${c.input}"`); return; }
      assert.ok(r.ok, `k6 accepts "${c.input}", loadcert said: ${r.ok ? '' : r.error.message}`);
      assert.deepEqual({ agg: r.value.aggName, operator: r.value.operator, target: r.value.target }, c.want);
    });
  }
});

describe('the silent 1000x', { timeout: 5_000 }, () => {
  test("a unit-less string '1000' is 1000 ms everywhere, as in k6 (it was 1000 s in a scenario)", () => {
    for (const read of Object.values(READERS)) assert.equal(read('1000'), 1000);
  });
});
