// Issue 11 item 2: no input hangs or crashes loadcert. fast-check generates durations, scenarios, thresholds
// files and `loadcert run` argument lists, valid and invalid (test/property/arbitraries.ts), with a fixed seed.
// Every outcome must be a result or a named problem (ConfigError, exit 104): never another exception, a
// hang, or a process left behind. Case counts are in CASES; the run part starts real child processes.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { badValue, cleanScenario, duration, runArgs, scenario, shortDuration, thresholds, validThresholds } from './arbitraries.ts';
import { parseDuration, parseDurationValue } from '../../src/contracts/duration.ts';
import { validateScenario } from '../../src/config/validate-scenario.ts';
import { ConfigError, type ConfigIssue } from '../../src/contracts/errors.ts';
import { createEngines } from '../../src/run/engines.ts';
import { hostAllowList } from '../../src/contracts/host-guard.ts';
import { prepareRun } from '../../src/run/prepare.ts';
import { removeCreated } from '../../src/run/out-dir.ts';
import { MetricRegistry } from '../../src/metrics/registry.ts';
import { checkThresholds } from '../../src/thresholds/validate.ts';
import { parseThresholdsJson } from '../../src/thresholds/load.ts';
import { parseRunArgs } from '../../src/cli/run-command.ts';
import type { ScenarioDefinition } from '../../src/contracts/scenario-types.ts';
import { BIN, ROOT } from '../helpers/cli.ts';

/** Fixed seed: every CI run sees the same cases. */
const SEED = 20261127;
/** Cases per property (the total is printed by the test names). */
const CASES = { durations: 2000, scenarios: 400, thresholds: 400, thresholdsJson: 300, args: 400, prepare: 40, runs: 8 } as const;
/** Exit codes of a finished run (README): certified, not certified, invalid input, preflight failed, incomplete, no criteria. */
const RESULT_CODES = [0, 99, 104, 111, 112, 113];

const work = mkdtempSync(join(ROOT, '.property-'));
after(() => rmSync(work, { recursive: true, force: true }));
let fileNo = 0;
const writeCase = (name: string, text: string): string => { const p = join(work, `${fileNo++}-${name}`); writeFileSync(p, text); return p; };
const engines = createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });

function assertIssues(issues: readonly ConfigIssue[]): void {
  assert.ok(Array.isArray(issues));
  for (const i of issues) {
    assert.equal(typeof i.file, 'string');
    assert.equal(typeof i.path, 'string');
    assert.ok(typeof i.message === 'string' && i.message.length > 0, 'an issue names the problem');
    assert.ok(typeof i.fix === 'string' && i.fix.length > 0, `an issue gives a fix: ${i.message}`);
  }
}
/** Runs `f`; anything thrown other than a ConfigError with named issues fails the property. */
async function resultOrConfigError<T>(f: () => T | Promise<T>): Promise<T | ConfigError> {
  try { return await f(); } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    assert.equal(err.exitCode, 104);
    assert.ok(err.issues.length > 0);
    assertIssues(err.issues);
    return err;
  }
}

describe('validators on generated input', { timeout: 90_000 }, () => {
  test(`durations: ${CASES.durations} values parse or are refused, never throw`, { timeout: 30_000 }, () => {
    fc.assert(fc.property(duration(), (d) => {
      const r = parseDurationValue(d);
      if (r.ok) assert.ok(Number.isFinite(r.ms));
      const ms = parseDuration(d as string);
      assert.ok(Number.isNaN(ms) || ms >= 0);
    }), { seed: SEED, numRuns: CASES.durations });
  });

  test(`scenarios: ${CASES.scenarios} validate to named issues; a valid one plans without error`, { timeout: 60_000 }, () => {
    let valid = 0;
    fc.assert(fc.property(scenario(), (s) => {
      const issues = validateScenario(s as unknown as ScenarioDefinition, 's.ts', engines, hostAllowList([]));
      assertIssues(issues);
      if (issues.length) return;
      valid++;
      for (const [name, w] of Object.entries(s.workloads as Record<string, Record<string, unknown>>)) {
        const info = engines.get((w.protocol as string) ?? 'http')!.plan(name, w);
        assert.ok(Number.isFinite(info.duration) && info.duration >= 0, `${name}: planned duration ${info.duration}`);
      }
    }), { seed: SEED, numRuns: CASES.scenarios });
    assert.ok(valid > 0 && valid < CASES.scenarios, `valid and invalid scenarios are both generated (${valid} of ${CASES.scenarios} valid)`);
  });

  test(`thresholds: ${CASES.thresholds} maps and ${CASES.thresholdsJson} JSON texts compile or name their problems`, { timeout: 60_000 }, async () => {
    const registry = new MetricRegistry();
    for (const e of engines.values()) for (const d of e.metrics) registry.define(d);
    fc.assert(fc.property(thresholds(), (m) => {
      const r = checkThresholds(m, 't.json', registry);
      assertIssues(r.issues);
      for (const t of r.thresholds) assert.ok(Number.isFinite(t.target) && Number.isFinite(t.delayAbortEvalMs));
    }), { seed: SEED, numRuns: CASES.thresholds });
    const text = fc.oneof(thresholds().map((m) => JSON.stringify(m) ?? ''), fc.string({ maxLength: 40 }), thresholds().map((m) => `${JSON.stringify(m)},`));
    await fc.assert(fc.asyncProperty(text, async (t) => { await resultOrConfigError(() => parseThresholdsJson(t, 't.json', registry)); }), { seed: SEED, numRuns: CASES.thresholdsJson });
  });

  test(`command lines: ${CASES.args} argument lists parse or name the bad option`, { timeout: 30_000 }, async () => {
    const arg = fc.oneof(fc.constantFrom('--out', '--baseline', '--thresholds', '--demo-target', '--base-url', '--allow-host', '--skip-preflight', '-h', '--', '-x', 'a.ts'), fc.string({ maxLength: 8 }));
    await fc.assert(fc.asyncProperty(fc.array(arg, { maxLength: 6 }), async (argv) => { await resultOrConfigError(() => parseRunArgs(argv)); }), { seed: SEED, numRuns: CASES.args });
  });

  test(`whole inputs: ${CASES.prepare} scenario files with thresholds files and options are prepared or refused with exit 104`, { timeout: 60_000 }, async () => {
    const options = fc.record({
      out: fc.constantFrom('fresh', '/proc/loadcert-nope', undefined),
      baseline: fc.constantFrom(undefined, '/nonexistent-run'),
      allow: fc.constantFrom([], ['example.test']),
      thresholdsFile: fc.oneof(fc.constant(undefined), thresholds()),
    });
    let prepared = 0;
    const input = fc.oneof(cleanScenario(duration), scenario());
    await fc.assert(fc.asyncProperty(input, options, async (s, o) => {
      const file = writeCase('scenario.ts', `export default ${JSON.stringify(s)};\n`);
      const thr = o.thresholdsFile === undefined ? undefined : writeCase('thresholds.json', JSON.stringify(o.thresholdsFile) ?? '');
      const outDir = o.out === 'fresh' ? join(work, `out-${fileNo++}`, 'run') : o.out ?? join(work, `default-${fileNo++}`);
      const r = await resultOrConfigError(() => prepareRun({ scenarioFile: file, thresholdsFile: thr, outDir, baselineDir: o.baseline, allowHosts: [...o.allow] }));
      if (!(r instanceof ConfigError)) { prepared++; removeCreated([outDir]); }
    }), { seed: SEED, numRuns: CASES.prepare });
    assert.ok(prepared > 0 && prepared < CASES.prepare, `both outcomes are exercised (${prepared} of ${CASES.prepare} prepared)`);
  });
});

/** Runs the real CLI in its own process group; resolves with its exit code, failing on a hang or a leftover process. */
async function runBounded(args: string[], limitMs: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let hung = false;
  const killer = setTimeout(() => { hung = true; try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, limitMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(killer);
  assert.ok(!hung, `loadcert ${args.join(' ')} still running after ${limitMs} ms:\n${stderr}`);
  let leftover = true;
  for (let i = 0; i < 30 && leftover; i++) {
    try { process.kill(-child.pid!, 0); await new Promise((r) => setTimeout(r, 100)); } catch { leftover = false; }
  }
  if (leftover) { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }
  assert.ok(!leftover, `a process of loadcert ${args.join(' ')} outlived it`);
  return { code, stderr };
}

describe('bounded loadcert run on generated input', { timeout: 110_000 }, () => {
  test(`${CASES.runs} runs against the embedded demo target: a result or a named problem, no hang, nothing left behind`, { timeout: 100_000 }, async () => {
    const codes: Array<number | null> = [];
    const input = fc.oneof(
      fc.tuple(cleanScenario(shortDuration), validThresholds(), fc.constantFrom<string[]>([], ['--skip-preflight'], ['--thresholds', 'THR'])),
      fc.tuple(scenario(shortDuration, badValue, 2), thresholds(), runArgs()),
    );
    await fc.assert(fc.asyncProperty(input, async ([s, thr, extra]) => {
      const file = writeCase('run.ts', `export default ${JSON.stringify(s)};\n`);
      const thrFile = writeCase('thresholds.json', JSON.stringify(thr) ?? '');
      const out = join(work, `run-${fileNo++}`);
      const args = ['run', file, '--demo-target', '--out', out, ...extra.map((a) => (a === 'THR' ? thrFile : a))];
      const { code, stderr } = await runBounded(args, 40_000);
      assert.ok(code !== null && RESULT_CODES.includes(code), `loadcert ${args.join(' ')} exited ${code}:\n${stderr}`);
      if (code === 104) assert.match(stderr, /LC_[A-Z_]+: /, `exit 104 without a named problem:\n${stderr}`);
      assert.doesNotMatch(stderr, /unexpected error/);
      codes.push(code);
    }), { seed: SEED, numRuns: CASES.runs, endOnFailure: true });
    process.stderr.write(`# exit codes of the generated runs: ${codes.join(' ')}\n`);
    assert.ok(codes.some((c) => c !== 104) && codes.includes(104), `runs with load and refused runs are both exercised: ${codes.join(' ')}`);
  });
});
