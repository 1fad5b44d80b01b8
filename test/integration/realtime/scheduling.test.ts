// The shared timer wheel and the connection ramp: the pieces that let one process pace thousands of connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TickScheduler, type WheelTask } from '../../../src/protocols/sessions/tick-scheduler.ts';
import { buildRamp, rampCorners, targetAt } from '../../../src/protocols/sessions/ramp.ts';
import { sleep, waitFor } from './helpers.ts';

function recorder(log: Array<[string, number]>, name: string): WheelTask {
  return { fire: (now) => { log.push([name, now]); } };
}

test('the wheel fires due tasks once, at the first tick at or after their time, and honours cancel and earlier reschedules', async () => {
  const wheel = new TickScheduler({ tickMs: 10, slots: 16 });
  const log: Array<[string, number]> = [];
  const t0 = Date.now();
  // A probe that reschedules itself for the next tick records every tick's time: "in time" is then "at the
  // first tick whose time is at or after the due time", whatever this machine's timer lateness.
  const ticks: number[] = [];
  const probe: WheelTask = { fire: (now) => { ticks.push(now); if (now < t0 + 700) wheel.schedule(probe, now + 1); } };
  wheel.schedule(probe, t0);
  const a = recorder(log, 'a'), b = recorder(log, 'b'), c = recorder(log, 'c'), d = recorder(log, 'd');
  wheel.schedule(a, t0 + 30);
  wheel.schedule(b, t0 + 400); // beyond one revolution (160 ms)
  wheel.schedule(c, t0 + 50);
  wheel.cancel(c);
  wheel.schedule(d, t0 + 300);
  wheel.schedule(d, t0 + 60); // moved earlier
  assert.ok(await waitFor(() => log.length >= 3, 2000));
  await sleep(60);
  assert.deepEqual(log.map(([n]) => n), ['a', 'd', 'b']);
  assert.ok(await waitFor(() => ticks[ticks.length - 1] >= t0 + 700, 5000), 'the probe outlived the tasks');
  const due: Record<string, number> = { a: t0 + 30, d: t0 + 60, b: t0 + 400 };
  for (const [name, firedAt] of log) {
    const firstTick = ticks.find((t) => t >= due[name]);
    assert.equal(firedAt, firstTick, `${name} fired at +${firedAt - t0} ms, due +${due[name] - t0} ms; first tick at or after it +${firstTick! - t0} ms`);
  }
  assert.equal(wheel.size, 0);
  wheel.clear();
});

test('a periodic task rescheduling itself keeps its rate', async () => {
  const wheel = new TickScheduler({ tickMs: 20 });
  let fired = 0;
  let next = Date.now();
  const task: WheelTask = { fire: () => { fired++; next += 50; if (fired < 20) wheel.schedule(task, next); } };
  wheel.schedule(task, next);
  assert.ok(await waitFor(() => fired === 20, 3000), `fired ${fired}`);
  wheel.clear();
});

test('ramps interpolate stage targets like ramping-vus and report their corners', () => {
  const ramp = buildRamp({ stages: [{ duration: '10s', target: 100 }, { duration: '5s', target: 100 }, { duration: '5s', target: 0 }] });
  assert.equal(ramp.totalMs, 20_000);
  assert.equal(targetAt(ramp, 0), 0);
  assert.equal(targetAt(ramp, 5_000), 50);
  assert.equal(targetAt(ramp, 12_000), 100);
  assert.equal(targetAt(ramp, 17_500), 50);
  assert.equal(targetAt(ramp, 20_000), 0);
  assert.deepEqual(rampCorners(ramp), [[0, 0], [10, 100], [15, 100], [20, 0]]);
  const flat = buildRamp({ count: 30, duration: '1m' });
  assert.equal(targetAt(flat, 0), 30);
  assert.equal(targetAt(flat, 59_999), 30);
});
