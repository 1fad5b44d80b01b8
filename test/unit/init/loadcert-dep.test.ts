// `loadcert init --loadcert-dep`: the generated package.json depends on a loadcert that resolves where init
// ran (a tarball or checkout path as an absolute file: spec, any other npm spec as given, by default this
// loadcert's own folder), never on a registry version that does not exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadcertDepSpec, OWN_ROOT } from '../../../src/init/loadcert-dep.ts';
import { runInitCommand } from '../../../src/init/command.ts';
import { ROOT } from '../../helpers/cli.ts';

const quiet = { out: () => {}, err: () => {}, interactive: false };

test('default: file: this loadcert\'s own folder (the checkout here)', () => {
  assert.equal(OWN_ROOT, ROOT.replace(/\/$/, ''));
  assert.equal(JSON.parse(readFileSync(join(OWN_ROOT, 'package.json'), 'utf8')).name, 'loadcert');
  assert.equal(loadcertDepSpec(undefined), `file:${OWN_ROOT}`);
});

test('a path that exists becomes an absolute file: spec; other specs are written as given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-dep-'));
  writeFileSync(join(dir, 'loadcert-0.1.0.tgz'), '');
  assert.equal(loadcertDepSpec('./loadcert-0.1.0.tgz', dir), `file:${join(dir, 'loadcert-0.1.0.tgz')}`);
  assert.equal(loadcertDepSpec('git+https://example.test/loadcert.git#v0.1.0', dir), 'git+https://example.test/loadcert.git#v0.1.0');
  assert.equal(loadcertDepSpec('file:../loadcert', dir), 'file:../loadcert');
});

test('init writes the spec into the new package.json, and never a bare registry version', async () => {
  const a = mkdtempSync(join(tmpdir(), 'loadcert-dep-init-'));
  assert.equal(await runInitCommand([a, '--loadcert-dep', 'git+https://example.test/loadcert.git#v0.1.0'], quiet), 0);
  assert.equal(JSON.parse(readFileSync(join(a, 'package.json'), 'utf8')).devDependencies.loadcert, 'git+https://example.test/loadcert.git#v0.1.0');
  const b = mkdtempSync(join(tmpdir(), 'loadcert-dep-init-'));
  assert.equal(await runInitCommand([b], quiet), 0);
  assert.equal(JSON.parse(readFileSync(join(b, 'package.json'), 'utf8')).devDependencies.loadcert, `file:${OWN_ROOT}`);
});
