// The results folder is created one level at a time and proven writable; /proc never makes it spin.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareOutDir, removeCreated } from '../../../src/run/out-dir.ts';

describe('prepareOutDir', { timeout: 10_000 }, () => {
  test('creates missing levels, reports them, and removeCreated takes them back', () => {
    const root = mkdtempSync(join(tmpdir(), 'h3-out-'));
    const r = prepareOutDir(join(root, 'a', 'b', 'c'));
    assert.ok(r.ok);
    assert.deepEqual(r.created, [join(root, 'a'), join(root, 'a', 'b'), join(root, 'a', 'b', 'c')]);
    removeCreated(r.created);
    assert.equal(existsSync(join(root, 'a')), false);
    assert.deepEqual(prepareOutDir(root), { ok: true, created: [] });
  });

  test('under /proc it fails at once with the reason (Node\'s recursive mkdir spins there forever)', { timeout: 5_000 }, () => {
    const r = prepareOutDir('/proc/loadcert-nope/deeper');
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /cannot create \/proc\/loadcert-nope/);
  });

  test('a file in the way is named', () => {
    const root = mkdtempSync(join(tmpdir(), 'h3-out-'));
    writeFileSync(join(root, 'f'), '');
    const r = prepareOutDir(join(root, 'f', 'x'));
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /is a file, not a folder/);
  });
});
