import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../../src/contracts/errors.ts';
import { loadThresholdsFile, parseThresholdsJson } from '../../../src/thresholds/load.ts';
import { jsonErrorOffset, lineColumn } from '../../../src/thresholds/json-location.ts';
import { fixture, testRegistry } from './helpers.ts';

async function loadError(name: string, withRegistry = false): Promise<ConfigError> {
  try {
    await loadThresholdsFile(fixture(name), withRegistry ? testRegistry() : undefined, 'thresholds.json');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  return assert.fail(`${name} loaded without error`);
}

test('loads the valid fixture as a ThresholdMap', async () => {
  const map = await loadThresholdsFile(fixture('valid.json'), testRegistry());
  assert.deepEqual(map.http_req_failed, ['rate < 0.005']);
  assert.equal(Object.keys(map).length, 7);
});

test('trailing comma: file name, line and column, and a fix', async () => {
  const err = await loadError('json-trailing-comma.json');
  assert.equal(err.issues.length, 1);
  const [i] = err.issues;
  assert.equal(i.file, 'thresholds.json');
  assert.equal(i.path, 'line 2, column 40');
  assert.match(i.message, /^invalid JSON/);
  assert.match(i.fix, /trailing comma/);
  assert.match(err.message, /thresholds\.json: line 2, column 40: invalid JSON/);
});

test('missing comma between entries points at the next key', async () => {
  const err = await loadError('json-missing-comma.json');
  assert.equal(err.issues[0].path, 'line 3, column 3');
});

test('truncated file points at its end', async () => {
  const err = await loadError('json-truncated.json');
  assert.equal(err.issues[0].path, 'line 3, column 1');
  assert.match(err.issues[0].message, /^invalid JSON: \S/);
});

test('top level must be an object of metric key -> list, every key reported', async () => {
  assert.match((await loadError('top-level-array.json')).issues[0].message, /top level must be an object/);
  const bad = () => parseThresholdsJson('{"a": "x", "b": 1, "c": []}', 't.json');
  assert.throws(bad, (e: unknown) => e instanceof ConfigError && e.issues.map((i) => i.path).join() === 'a,b');
});

test('with a registry the loader reports metric and expression problems too', async () => {
  const err = await loadError('many-errors.json', true);
  assert.equal(err.issues.length, 9);
  assert.equal(err.exitCode, 104);
});

test('a missing file is a ConfigError naming it', async () => {
  const err = await loadError('does-not-exist.json');
  assert.equal(err.issues[0].file, 'thresholds.json');
  assert.match(err.issues[0].message, /not found/);
  assert.match(err.issues[0].fix, /thresholdsFile: false/);
});

test('the JSON error locator agrees with JSON.parse', () => {
  const valid = ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\"y\\u00e9"]}', ' \n{ "a" : { "b" : [ ] } } '];
  for (const v of valid) assert.equal(jsonErrorOffset(v), undefined, v);
  assert.equal(jsonErrorOffset('{"a":[1,]}'), 8);
  assert.equal(jsonErrorOffset('{"a":1}x'), 7);
  assert.equal(jsonErrorOffset("{'a':1}"), 1);
  assert.equal(jsonErrorOffset('{"a":01}'), 6);
  assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
});
