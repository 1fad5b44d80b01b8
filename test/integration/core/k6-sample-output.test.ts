// `--out json=FILE` and `--out csv=FILE` on a real `loadcert run`: no npm package reads k6's JSON output
// (the packages on npm read the summary), so every JSON line is validated against k6's documented
// format as a JSON schema (grafana.com/docs/k6/latest/results-output/real-time/json), and the samples
// are counted against summary.json: every request's http_req_duration is in the file, none twice.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';
import { K6_CSV_COLUMNS } from '../../../src/results/k6-sample-format.ts';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as new (o?: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
const addFormats = require('ajv-formats') as (a: unknown) => void;

/** k6's JSON output lines as its documentation describes them. */
const K6_LINE_SCHEMA = {
  oneOf: [
    {
      type: 'object', additionalProperties: false, required: ['type', 'data', 'metric'],
      properties: {
        type: { const: 'Metric' },
        metric: { type: 'string', minLength: 1 },
        data: {
          type: 'object', required: ['name', 'type', 'contains', 'thresholds', 'submetrics'],
          properties: {
            name: { type: 'string' },
            type: { enum: ['counter', 'gauge', 'rate', 'trend'] },
            contains: { enum: ['default', 'time', 'data'] },
            thresholds: { type: 'array', items: { type: 'string' } },
            submetrics: { type: ['array', 'null'] },
          },
        },
      },
    },
    {
      type: 'object', additionalProperties: false, required: ['type', 'data', 'metric'],
      properties: {
        type: { const: 'Point' },
        metric: { type: 'string', minLength: 1 },
        data: {
          type: 'object', additionalProperties: false, required: ['time', 'value', 'tags'],
          properties: {
            time: { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{1,9}(Z|[+-]\\d\\d:\\d\\d)$' },
            value: { type: 'number' },
            tags: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
          },
        },
      },
    },
  ],
};

let server: Server;
let baseUrl = '';
before(async () => {
  server = createServer((req, res) => { res.writeHead(req.url === '/ok' ? 200 : 404, { 'content-length': '2' }); res.end('ok'); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

/** A `loadcert run` of the k6-summary fixture writing k6.json and k6.csv into a fresh folder (`extra` flags added). */
async function runWithSampleFiles(extra: string[]): Promise<{ out: string; code: number | null; stderr: string }> {
  const out = tempOut('loadcert-k6-out-');
  process.env.HS_DIR = out;
  try {
    const r = await runCli(['run', fixture('k6-summary.ts'), '--base-url', baseUrl, '--out', out, '--out', `json=${join(out, 'k6.json')}`, '--out', `csv=${join(out, 'k6.csv')}`, '--skip-preflight', ...extra]);
    return { out, code: r.code, stderr: r.stderr };
  } finally { delete process.env.HS_DIR; }
}

/** Every JSON line is k6's format, each metric declared once before its points; every request and check is one point. */
function checkJsonFile(out: string, checkPoints = 18): void {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const valid = ajv.compile(K6_LINE_SCHEMA);
  const lines = readFileSync(join(out, 'k6.json'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; metric: string; data: { tags: Record<string, string> | null; value: number; thresholds?: string[] } });
  const declared = new Set<string>();
  for (const l of lines) {
    assert.ok(valid(l), `${JSON.stringify(l)}: ${JSON.stringify(valid.errors)}`);
    if (l.type === 'Metric') { assert.ok(!declared.has(l.metric), `${l.metric} declared twice`); declared.add(l.metric); }
    else assert.ok(declared.has(l.metric), `${l.metric} has a point before its Metric line`);
  }
  const summary = readSummary(out);
  const durations = lines.filter((l) => l.type === 'Point' && l.metric === 'http_req_duration');
  assert.equal(durations.length, summary.metrics.http_req_duration.values.count, 'one point per request');
  assert.ok(durations.some((l) => l.data.tags?.group === '::browse::cart' && l.data.tags?.name === 'cart'), 'requests in a group carry the group tag');
  const checks = lines.filter((l) => l.type === 'Point' && l.metric === 'checks');
  assert.equal(checks.length, checkPoints, `3 checks x ${checkPoints / 3} iterations`);
  const failedMetric = lines.find((l) => l.type === 'Metric' && l.metric === 'http_req_failed')!;
  assert.deepEqual(failedMetric.data.thresholds, ['rate<0.5']);
}

/** The CSV file has k6's header once and one row per sample. */
function checkCsvFile(out: string): void {
  const rows = readFileSync(join(out, 'k6.csv'), 'utf8').trimEnd().split('\n');
  assert.equal(rows[0], K6_CSV_COLUMNS.join(','));
  assert.equal(rows[0], 'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags');
  assert.equal(rows.filter((r) => r.startsWith('metric_name,')).length, 1, 'one header row');
  const durations = rows.filter((r) => r.startsWith('http_req_duration,'));
  assert.equal(durations.length, readSummary(out).metrics.http_req_duration.values.count);
  const cart = rows.find((r) => r.startsWith('checks,') && r.includes(',cart is 200,'))!;
  const f = cart.split(',');
  assert.equal(f.length, K6_CSV_COLUMNS.length);
  assert.match(f[1], /^\d{10}$/, 'unix seconds');
  assert.equal(f[2], '0.000000');
  assert.equal(f[7], '::browse::cart');
}

describe('--out json / csv', { timeout: 120_000 }, () => {
  let run: Awaited<ReturnType<typeof runWithSampleFiles>>;
  before(async () => { run = await runWithSampleFiles([]); });

  test("every line of the JSON file is k6's format; each metric is declared once, before its points", () => {
    assert.equal(run.code, 0, run.stderr);
    checkJsonFile(run.out);
  });

  test("the CSV file has k6's header and one row per sample", () => checkCsvFile(run.out));

  test("k6's other outputs and one file named twice are refused with 104", async () => {
    const a = await runCli(['run', fixture('k6-summary.ts'), '--out', 'influxdb=http://127.0.0.1:8086/k6']);
    assert.equal(a.code, 104);
    assert.match(a.stderr, /influxdb output is not supported/);
    const b = await runCli(['run', fixture('k6-summary.ts'), '--out', 'json=x.json', '--out', 'csv=./x.json']);
    assert.equal(b.code, 104);
    assert.match(b.stderr, /named by two json=\/csv= outputs/);
  });
});

describe('--out json / csv with --workers 2: each worker writes a part, joined into the one file', { timeout: 120_000 }, () => {
  let run: Awaited<ReturnType<typeof runWithSampleFiles>>;
  before(async () => { run = await runWithSampleFiles(['--workers', '2']); });

  test('the JSON file holds every sample of both workers, each metric declared once', () => {
    assert.equal(run.code, 0, run.stderr);
    checkJsonFile(run.out);
  });

  test('the CSV file holds every sample of both workers under one header', () => checkCsvFile(run.out));

  test('no part file is left', () => {
    assert.deepEqual(readdirSync(run.out).filter((f) => f.includes('.part-')), []);
  });
});

describe('--out json with --execution-segment: a segment run writes its own share of the samples', { timeout: 120_000 }, () => {
  let run: Awaited<ReturnType<typeof runWithSampleFiles>>;
  before(async () => { run = await runWithSampleFiles(['--execution-segment', '1/2:1', '--execution-segment-sequence', '0,1/2,1']); });

  test("the file is k6's format with the segment's requests (1 of 2 VUs: 3 iterations)", () => {
    assert.equal(run.code, 0, run.stderr);
    checkJsonFile(run.out, 9);
  });
});
