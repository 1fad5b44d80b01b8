import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalMs, parseInterval, startTicker } from '../../../src/resources/interval.ts';
import { sleep } from './helpers.ts';

test('parseInterval: the one k6 duration grammar (numbers and unit-less strings are ms)', { timeout: 5_000 }, () => {
  assert.equal(parseInterval(500), 500);
  assert.equal(parseInterval('1s'), 1000);
  assert.equal(parseInterval('1.5s'), 1500);
  assert.equal(parseInterval('250ms'), 250);
  assert.equal(parseInterval('1m'), 60000);
  assert.equal(parseInterval('1m30s'), 90000);
  assert.equal(parseInterval('1h'), 3600000); // parsed; validate.ts refuses it as above 60 s
  assert.equal(parseInterval('750'), 750);
  assert.equal(parseInterval('0s'), undefined);
  assert.equal(parseInterval('fast'), undefined);
  assert.equal(parseInterval(-1), undefined);
  assert.equal(intervalMs(undefined), 1000);
  assert.equal(intervalMs(5), 100);
});

test('startTicker: ticks, swallows errors (sync and async), skips overlapping ticks, stops', async () => {
  let ticks = 0;
  const errors: unknown[] = [];
  const t = startTicker(50, async () => {
    ticks++;
    if (ticks === 1) throw new Error('sync-ish');
    if (ticks === 2) await Promise.reject(new Error('async'));
  }, (e) => errors.push(e));
  await sleep(330);
  t.stop();
  const seen = ticks;
  assert.ok(seen >= 4, `ticks ${seen}`);
  assert.equal(errors.length, 2);
  await sleep(120);
  assert.equal(ticks, seen, 'no tick after stop');

  let running = 0;
  let maxRunning = 0;
  const slow = startTicker(20, async () => { running++; maxRunning = Math.max(maxRunning, running); await sleep(70); running--; }, () => {});
  await sleep(250);
  slow.stop();
  assert.equal(maxRunning, 1);
});
