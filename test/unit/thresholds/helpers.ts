// Shared test helpers for thresholds tests.
import { fileURLToPath } from 'node:url';
import { MetricRegistry } from '../../../src/metrics/registry.ts';

/** Absolute path of a fixture under test/fixtures/thresholds. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/thresholds/${name}`, import.meta.url));
}

/** Built-in metrics plus the container gauges a docker sampler would register. */
export function testRegistry(): MetricRegistry {
  return new MetricRegistry([
    { name: 'container_cpu_percent', type: 'gauge', contains: 'default', description: 'CPU use of a container, percent of one core' },
    { name: 'db_pool_wait', type: 'trend', contains: 'time', description: 'time spent waiting for a pooled connection' },
  ]);
}
