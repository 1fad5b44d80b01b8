// Reads a thresholds JSON file: syntax errors with line and column, then shape and registry checks.
import { readFile } from 'node:fs/promises';
import type { ConfigIssue } from '../contracts/errors.ts';
import { ConfigError } from '../contracts/errors.ts';
import { IssueList, isPlainObject } from '../config/checks.ts';
import type { MetricRegistry } from '../metrics/registry.ts';
import type { ThresholdMap } from '../contracts/threshold-types.ts';
import { jsonErrorOffset, lineColumn } from './json-location.ts';
import { validateThresholds } from './validate.ts';

/** Parses thresholds JSON text named `file`; throws ConfigError (LC_INVALID_CONFIG, exit 104) with every issue found. */
export function parseThresholdsJson(text: string, file: string, registry?: MetricRegistry): ThresholdMap {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError([syntaxIssue(text.replace(/^\uFEFF/, ''), file, err)]);
  }
  const issues = registry ? validateThresholds(data, file, registry) : shapeIssues(data, file);
  if (issues.length) throw new ConfigError(issues);
  return data as ThresholdMap;
}

/**
 * Reads and checks the thresholds file at `path` (shown as `file`, default `path`). With a registry,
 * metric names and expressions are validated too; without one, only the shape (object of key -> list).
 */
export async function loadThresholdsFile(path: string, registry?: MetricRegistry, file = path): Promise<ThresholdMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'thresholds file not found' : `cannot read thresholds file (${code ?? String(err)})`;
    throw new ConfigError([{ file, path: '', message, fix: code === 'ENOENT' ? 'create it, pass another path, or set thresholdsFile: false in the scenario' : 'check the file permissions' }]);
  }
  return parseThresholdsJson(text, file, registry);
}

function syntaxIssue(text: string, file: string, err: unknown): ConfigIssue {
  const raw = err instanceof Error ? err.message : String(err);
  const reason = raw.split('\n')[0].replace(/, "[\s\S]*$/, '').replace(/ in JSON at position \d+.*$/, '');
  const fromMessage = /position (\d+)/.exec(raw);
  const offset = fromMessage ? Number(fromMessage[1]) : jsonErrorOffset(text);
  const where = offset === undefined ? '' : (({ line, column }) => `line ${line}, column ${column}`)(lineColumn(text, offset));
  const trailing = /,\s*[\]}]/.test(text.slice(Math.max(0, (offset ?? 0) - 20), (offset ?? 0) + 1));
  return {
    file,
    path: where,
    message: `invalid JSON: ${reason || 'syntax error'}`,
    fix: trailing ? 'remove the trailing comma before the closing bracket' : 'fix the JSON syntax at that place (quotes around keys and strings, commas between items, no comments)',
  };
}

function shapeIssues(data: unknown, file: string): ConfigIssue[] {
  const list = new IssueList(file);
  if (!isPlainObject(data)) {
    list.add('', 'the top level must be an object of metric name to a list of expressions', 'write e.g. { "http_req_duration": ["p(95) < 2000"] }');
    return list.issues;
  }
  for (const [key, v] of Object.entries(data)) {
    if (!Array.isArray(v)) list.add(key, `thresholds of "${key}" must be a list`, `write "${key}": ["<aggregation> <operator> <number>"]`);
  }
  return list.issues;
}
