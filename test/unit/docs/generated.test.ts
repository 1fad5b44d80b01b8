// docs/metrics.md and docs/cli.md are what scripts/gen-docs.ts generates from the code (metric registries,
// metric notes, each command's --help); the notes cover every built-in metric and name no unknown one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDocs, ROOT } from '../../../scripts/gen-docs.ts';
import { BUILTIN_METRICS } from '../../../src/metrics/registry.ts';
import { SIGNALR_METRICS } from '../../../src/protocols/signalr/metrics.ts';
import { WS_METRICS } from '../../../src/protocols/websocket/metrics.ts';
import { RESOURCE_METRICS } from '../../../src/resources/metrics.ts';
import { METRIC_NOTES } from '../../../src/metrics/metric-notes.ts';

test('the committed generated references equal what the code generates', { timeout: 60_000 }, async () => {
  for (const [rel, text] of Object.entries(await generatedDocs())) {
    const path = join(ROOT, rel);
    assert.ok(existsSync(path), `${rel} is missing: run \`npm run docs:gen\` and commit it`);
    // Not assert.equal on the whole text: the message says what to do, the first differing line says where.
    const committed = readFileSync(path, 'utf8');
    if (committed !== text) {
      const a = committed.split('\n');
      const b = text.split('\n');
      const i = a.findIndex((line, n) => line !== b[n]);
      assert.fail(`${rel} differs from what the code generates (line ${i + 1}: committed ${JSON.stringify(a[i])}, generated ${JSON.stringify(b[i])}): run \`npm run docs:gen\` and commit the result`);
    }
  }
});

test('metric notes: every built-in metric has one, and each names a metric that exists', () => {
  const known = new Set([...BUILTIN_METRICS, ...SIGNALR_METRICS, ...WS_METRICS, ...RESOURCE_METRICS].map((d) => d.name));
  for (const d of BUILTIN_METRICS) assert.ok(METRIC_NOTES[d.name], `src/metrics/metric-notes.ts: add a note for ${d.name}`);
  for (const name of Object.keys(METRIC_NOTES)) assert.ok(known.has(name), `src/metrics/metric-notes.ts: ${name} is no registered metric`);
});
