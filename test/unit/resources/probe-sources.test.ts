// The probes' metrics carry their source, so the verdict's applicability rule follows resources.postgres / resources.redis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POSTGRES_METRICS, REDIS_METRICS } from '../../../src/resources/index.ts';
import { declaredSources } from '../../../src/verdict/sources.ts';
import { criterionStatus, notApplicableReason } from '../../../src/verdict/criteria.ts';
import { redactUrl } from '../../../src/resources/service-probe.ts';

test('postgres_* and redis_* metrics have the sources postgres and redis, declared only with their probe', () => {
  assert.ok(POSTGRES_METRICS.every((d) => d.source === 'postgres' && d.type === 'gauge'));
  assert.ok(REDIS_METRICS.every((d) => d.source === 'redis' && d.type === 'gauge'));
  assert.deepEqual(declaredSources({ workloads: {} }).filter((s) => s === 'postgres' || s === 'redis'), []);
  const both = declaredSources({ workloads: {}, resources: { postgres: { connectionString: 'postgresql://h/db' }, redis: { url: 'redis://h' } } });
  assert.ok(both.includes('postgres') && both.includes('redis'));
  const t = { metricSource: 'postgres', noData: false, observed: 3, operator: '<', target: 100 };
  assert.equal(criterionStatus(t, declaredSources({ workloads: {} })), 'not applicable');
  assert.equal(criterionStatus(t, both), 'met');
  assert.match(notApplicableReason('postgres_statement_run_mean_ms', 'postgres'), /the PostgreSQL probe \(resources\.postgres\)/);
});

test('a URL printed by a probe has no password', () => {
  assert.equal(redactUrl('postgresql://app:s3cret@db:5432/docs?sslmode=require'), 'postgresql://app:***@db:5432/docs');
  assert.equal(redactUrl('redis://:pw@127.0.0.1:6379'), 'redis://:***@127.0.0.1:6379');
  assert.equal(redactUrl('not a url'), '(unparsable URL)');
});
