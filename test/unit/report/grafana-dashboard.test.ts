// The shipped Grafana dashboard: the sprint's six panels in order, every query valid PromQL (promtool, when
// installed) naming only metrics that loadcert's --metrics-port can export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BUILTIN_METRICS } from '../../../src/metrics/registry.ts';
import { RESOURCE_METRICS } from '../../../src/resources/index.ts';
import { SIGNALR_METRICS } from '../../../src/protocols/signalr/metrics.ts';
import { WS_METRICS } from '../../../src/protocols/websocket/metrics.ts';
import { promName } from '../../../src/live/prometheus-text.ts';
import { ROOT } from '../../helpers/cli.ts';
import { skipUnless } from '../../helpers/services.ts';

interface Panel { title: string; gridPos: { y: number }; targets: Array<{ expr: string }> }
const dashboard = JSON.parse(readFileSync(join(ROOT, 'examples/grafana/loadcert-dashboard.json'), 'utf8')) as { panels: Panel[] };
const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

test('six panels in the sprint order, top to bottom', () => {
  assert.deepEqual(dashboard.panels.map((p) => p.title), ['Resources', 'Response time and throughput', 'Database', 'Cache hit ratio', 'Errors by status', 'Sessions']);
  const ys = dashboard.panels.map((p) => p.gridPos.y);
  assert.deepEqual(ys, [...ys].sort((a, b) => a - b));
});

test('every metric a query names is one loadcert exports', () => {
  const exported = new Set([...BUILTIN_METRICS, ...RESOURCE_METRICS, ...SIGNALR_METRICS, ...WS_METRICS].map((d) => promName(d)));
  for (const e of exprs)
    for (const [name] of e.matchAll(/loadcert_[a-z0-9_]+/g))
      assert.ok(exported.has(name) || exported.has(name.replace(/_(sum|count)$/, '')), `${name} in "${e}" is not exported`);
});

test('every query is valid PromQL (promtool check rules)', { skip: skipUnless(existsSync('/usr/bin/promtool'), 'promtool (apt-get install prometheus)') }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-dash-'));
  try {
    const rules = exprs.map((e, i) => `      - record: dashboard_query_${i}\n        expr: '${e.replaceAll('$job', 'loadcert').replaceAll("'", "''")}'`).join('\n');
    writeFileSync(join(dir, 'rules.yml'), `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
    const { stdout } = await promisify(execFile)('promtool', ['check', 'rules', join(dir, 'rules.yml')]);
    assert.match(stdout, new RegExp(`SUCCESS: ${exprs.length} rules found`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
