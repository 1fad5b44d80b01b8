import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResourceOptions } from '../../../src/resources/validate.ts';

const FILE = 'scenarios/x.ts';

test('valid options and absent options have no issue', () => {
  assert.deepEqual(validateResourceOptions(undefined, FILE), []);
  assert.deepEqual(validateResourceOptions({
    docker: { socket: 'unix:///var/run/docker.sock', containers: ['api', 'db'], labels: ['tier=backend', 'monitored'], composeProject: 'docs' },
    processes: [{ pid: 42, name: 'a' }, { match: '/postgres: .*/' }],
    host: { disks: ['/', '/var/lib/docker'] },
    interval: '2s',
  }, FILE), []);
  assert.deepEqual(validateResourceOptions({ host: false, interval: 500 }, FILE), []);
});

test('every problem is reported at once, with file, path and fix', () => {
  const issues = validateResourceOptions({
    dockr: {},
    docker: { container: ['api'], socket: 'ftp://x', labels: ['=v', 3] },
    processes: [{ pid: 0 }, { pid: 1, match: 'x' }, {}, { match: '/(/' }, { match: 'a', name: 'dup' }, { match: 'b', name: 'dup' }],
    host: { disks: ['relative/path'], disk: [] },
    interval: '1h',
  }, FILE);
  const paths = issues.map((i) => i.path);
  assert.deepEqual(paths, [
    'resources.dockr',
    'resources.docker.container',
    'resources.docker.socket',
    'resources.docker.labels[0]',
    'resources.docker.labels[1]',
    'resources.processes[0].pid',
    'resources.processes[1]',
    'resources.processes[2]',
    'resources.processes[3].match',
    'resources.processes[5]',
    'resources.host.disk',
    'resources.host.disks[0]',
    'resources.interval',
  ]);
  for (const i of issues) {
    assert.equal(i.file, FILE);
    assert.ok(i.message.length > 0 && i.fix.length > 0, JSON.stringify(i));
  }
  assert.match(issues[0].fix, /did you mean "docker"/);
  assert.match(issues[1].fix, /did you mean "containers"/);
});

test('wrong shapes: resources, docker, processes and host that are not objects or arrays', () => {
  assert.equal(validateResourceOptions('docker', FILE)[0].path, 'resources');
  const issues = validateResourceOptions({ docker: [], processes: {}, host: 'yes', interval: 60001 }, FILE);
  assert.deepEqual(issues.map((i) => i.path), ['resources.docker', 'resources.processes', 'resources.host', 'resources.interval']);
});

test('probe options: a postgres:// connection string and a redis:// URL; anything else named with its fix', () => {
  assert.deepEqual(validateResourceOptions({ postgres: { connectionString: 'postgresql://u:p@127.0.0.1:5432/db' }, redis: { url: 'rediss://127.0.0.1:6380/1' } }, FILE), []);
  const issues = validateResourceOptions({
    postgres: { connectionString: 'mysql://127.0.0.1/db', url: 'x' },
    redis: { url: '' },
  }, FILE);
  assert.deepEqual(issues.map((i) => [i.path, i.message]), [
    ['resources.postgres.url', 'unknown option "url"'],
    ['resources.postgres.connectionString', 'is not a postgres:// or postgresql:// URL with a host'],
    ['resources.redis.url', 'must be a non-empty string'],
  ]);
  assert.match(issues[1].fix, /postgresql:\/\/user@127\.0\.0\.1:5432\/db/);
  assert.match(validateResourceOptions({ redis: 'redis://x' }, FILE)[0].fix, /redis: \{ url: 'redis:\/\/127\.0\.0\.1:6379' \}/);
});
