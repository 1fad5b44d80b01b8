// The capacity search's steps against a system with a known limit (pure: outcomes from a rule, no load).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CapacitySearch, type StepOutcome } from '../../../src/capacity/search.ts';
import { fitKnee } from '../../../src/capacity/knee.ts';

function drive(limit: number, bounds: Partial<ConstructorParameters<typeof CapacitySearch>[0]> = {}, invalidFrom = Infinity): { s: CapacitySearch; rates: number[] } {
  const s = new CapacitySearch({ startRps: 100, maxRps: 10_000, minRps: 1, growth: 2, resolution: 0.1, ...bounds });
  const rates: number[] = [];
  for (let r = s.next(); r !== undefined && rates.length < 50; r = s.next()) {
    rates.push(r);
    const o: StepOutcome = r >= invalidFrom ? 'invalid' : r <= limit ? 'held' : 'broke';
    s.record(r, o);
  }
  return { s, rates };
}

test('geometric up, then bisection until the interval is within the resolution', () => {
  const { s, rates } = drive(437);
  assert.deepEqual(rates.slice(0, 4), [100, 200, 400, 800]);
  assert.equal(s.end, 'resolved');
  assert.ok(s.highestHeld! <= 437 && s.lowestBroke! > 437);
  assert.ok((s.lowestBroke! - s.highestHeld!) / s.highestHeld! <= 0.1);
});

test('when the start breaks, it steps down until one holds', () => {
  const { s, rates } = drive(30);
  assert.deepEqual(rates.slice(0, 3), [100, 50, 25]);
  assert.equal(s.end, 'resolved');
  assert.ok(s.highestHeld! <= 30 && s.lowestBroke! > 30);
});

test('an invalid step is tried once more, then bounds the bisection; without a break below it the generator is the limit', () => {
  const { s, rates } = drive(10_000, {}, 400);
  assert.deepEqual(rates.slice(0, 5), [100, 200, 400, 400, 300]);
  assert.equal(s.end, 'generator-limit');
  assert.equal(s.generatorLimit, 400);
  assert.ok(s.highestHeld! >= 400 / 1.1 && s.highestHeld! < 400, `held ${s.highestHeld}`);
  assert.equal(s.lowestBroke, undefined, 'invalid steps never count as broke');
  const below = drive(330, {}, 400).s;
  assert.equal(below.end, 'resolved', 'a break below the generator limit is the system\'s limit');
  assert.ok(below.highestHeld! <= 330 && below.lowestBroke! > 330);
  const none = drive(10_000, {}, 1);
  assert.equal(none.s.end, 'generator-limit');
  assert.equal(none.s.highestHeld, undefined);
  assert.deepEqual(none.rates, [100, 100]);
});

test('the max rate holding ends the search; nothing holding ends it too', () => {
  assert.equal(drive(1e9, { maxRps: 300 }).s.end, 'max-rate-held');
  assert.equal(drive(300, { maxRps: 300 }).s.highestHeld, 300);
  assert.equal(drive(0).s.end, 'nothing-held');
});

test('knee of a flat-then-steep curve lies between the last flat and the first steep point', () => {
  const pts = [100, 200, 300, 350, 400, 450, 500].map((rps) => ({ rps, latencyMs: rps <= 350 ? 50 + rps * 0.01 : 50 + (rps - 350) * 4 }));
  const k = fitKnee(pts)!;
  assert.ok(k.rps >= 340 && k.rps <= 400, `knee at ${k.rps}`);
  assert.ok(k.slopeAfter > k.slopeBefore * 10);
  assert.equal(fitKnee(pts.slice(0, 3)), undefined, 'fewer than 4 rates: no fit');
});

test('a rate that held above a rate that broke is not counted: one break caps the capacity', () => {
  const s = new CapacitySearch({ startRps: 100, maxRps: 10_000, minRps: 1, growth: 2, resolution: 0.1 });
  s.record(100, 'held');
  s.record(400, 'held');
  s.record(300, 'broke');
  assert.equal(s.highestHeld, 100);
  assert.equal(s.next(), 200);
});
