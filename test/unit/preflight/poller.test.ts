// The availability poller records into a real MetricStore and stops promptly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoTarget } from '../../../src/target/server.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { startHealthPoller } from '../../../src/preflight/poller.ts';
import type { SampleSink } from '../../../src/contracts/metric-types.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('records availability and health_check_duration per endpoint, and drops when health fails', async () => {
  const target = await createDemoTarget({ port: 0 });
  const store = new MetricStore(new MetricRegistry());
  const poller = startHealthPoller({ baseUrl: target.url, health: { interval: 50 }, sink: store, tags: { scenario: 'test' } });
  try {
    await sleep(300);
    const ok = store.query('availability');
    assert.ok(ok, 'availability got data');
    assert.equal(ok.values(1).rate, 1);
    for (const endpoint of ['/health', '/health/detailed', '/api/health']) {
      assert.ok(store.query('availability', { endpoint, scenario: 'test' }), endpoint);
      assert.ok(store.query('health_check_duration', { endpoint }), endpoint);
    }
    target.setFaults({ healthUnauthorized: true });
    await sleep(300);
    const mixed = store.query('availability')!.values(1).rate;
    assert.ok(mixed > 0 && mixed < 1, `availability fell below 1 after the 401 switch: ${mixed}`);
    assert.deepEqual(store.unknownMetrics, []);
  } finally {
    await poller.stop();
    await target.close();
  }
  assert.ok(poller.probes >= 6);
});

test('stop() is bounded with a probe in flight and records nothing after it', async () => {
  const hanging = createServer(() => {
    /* never answers */
  });
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
  let added = 0;
  const sink: SampleSink = { add: () => void added++ };
  const poller = startHealthPoller({ baseUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, health: { endpoints: ['/health'], timeout: '30s', interval: '1s' }, sink });
  try {
    await sleep(100);
    const t0 = performance.now();
    await poller.stop();
    assert.ok(performance.now() - t0 < 1000, 'stop aborted the hanging probe');
    await poller.stop();
    assert.equal(added, 0, 'an aborted probe is not a measurement');
  } finally {
    hanging.closeAllConnections();
    await new Promise<void>((r) => hanging.close(() => r()));
  }
});

test('an unreachable target records availability 0 and a throwing sink never escapes', async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  const values: number[] = [];
  const sink: SampleSink = {
    add(metric, value) {
      if (metric === 'availability') values.push(value);
      throw new Error('sink failure');
    },
  };
  const poller = startHealthPoller({ baseUrl: `http://127.0.0.1:${port}`, health: { endpoints: ['/health'], interval: 50 }, sink });
  await sleep(200);
  await poller.stop();
  assert.ok(values.length >= 2);
  assert.ok(values.every((v) => v === 0));
});
