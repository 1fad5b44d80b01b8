// Phase totals (src/resilience/phase-totals.ts) over a real MetricStore: which seconds a criterion's
// selector judges: steady by default with faults, {fault:X} its fault and recovery, {phase:...} narrows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { FaultTimeline } from '../../../src/faults/timeline.ts';
import { PhaseTotals } from '../../../src/resilience/phase-totals.ts';

const T0 = 1_700_000_000_000;

test('phase totals: steady by default, a fault\'s phases by tag, ordinary tags still select series', () => {
  const store = new MetricStore(new MetricRegistry([{ name: 'http_req_failed', type: 'rate', contains: 'default', description: 'failed' }]));
  const timeline = new FaultTimeline({ sw: { at: '2s', duration: '2s', action: 'http', request: { path: '/f' }, undo: { path: '/u' }, recovery: { within: '2s' } } });
  const totals = new PhaseTotals(timeline, store);
  totals.start(T0);
  const a = tagSet({ name: 'a' });
  const b = tagSet({ name: 'b' });
  // seconds 0-1 steady, 2-3 fault, 4-5 recovery, 6-7 steady; second k fails k requests of 10 on endpoint a, none on b
  for (let k = 0; k < 8; k++) {
    for (let i = 0; i < 10; i++) store.add('http_req_failed', i < k ? 1 : 0, a);
    store.add('http_req_failed', 0, b);
    store.flushSecond(T0 + k * 1000);
  }
  const rate = (sel: Record<string, string>) => totals.query('http_req_failed', sel)!.values(1);
  // steady seconds 0, 1, 6, 7: (0 + 1 + 6 + 7) failures of 40 + 4 from b
  assert.deepEqual(rate({}), rate({ phase: 'steady' }));
  assert.equal(rate({}).passes, 14);
  assert.equal(rate({}).fails, 30);
  assert.equal(rate({ name: 'a' }).passes, 14);
  assert.equal(rate({ name: 'a' }).fails, 26);
  // the fault's seconds 2-5 (fault and recovery), then each phase alone
  assert.equal(rate({ fault: 'sw' }).passes, 2 + 3 + 4 + 5);
  assert.equal(rate({ fault: 'sw', phase: 'fault' }).passes, 2 + 3);
  assert.equal(rate({ phase: 'recovery' }).passes, 4 + 5);
  assert.equal(totals.query('http_req_failed', { fault: 'sw', phase: 'steady' }), undefined);
  // the whole run stays in the store
  assert.equal(store.query('http_req_failed')!.values(1).passes, 28);
});
