// Strict validation of a scenario's `resources` options: unknown keys rejected, every problem reported at once.
import type { ConfigIssue } from '../contracts/errors.ts';
import { IssueList, isPlainObject } from '../config/checks.ts';
import { isEngineAddress } from './docker-engine.ts';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS, parseInterval } from './interval.ts';
import { processLabel } from './process-sampler.ts';

const TOP_KEYS = ['docker', 'processes', 'host', 'postgres', 'redis', 'interval'];
const DOCKER_KEYS = ['socket', 'containers', 'labels', 'composeProject'];
const PROCESS_KEYS = ['pid', 'match', 'name'];
const HOST_KEYS = ['disks'];

// Every check adds to the one IssueList of the file (config/checks.ts).
type Report = IssueList;

function checkStringList(v: unknown, path: string, report: Report, what: string, each?: (s: string, p: string) => void): void {
  if (!Array.isArray(v)) { report.add(path, `must be an array of ${what}`, `write e.g. ${path.split('.').pop()}: ['...']`); return; }
  v.forEach((s, i) => {
    if (typeof s !== 'string' || !s.trim()) report.add(`${path}[${i}]`, `must be a non-empty string (${what})`, 'remove the entry or give a value');
    else each?.(s, `${path}[${i}]`);
  });
}

function checkDocker(v: unknown, path: string, report: Report): void {
  if (!isPlainObject(v)) { report.add(path, 'must be an object', "write docker: { containers: ['api'] } or docker: { composeProject: 'myapp' }"); return; }
  report.unknownKeys(v, DOCKER_KEYS, path);
  if (v.socket !== undefined && (typeof v.socket !== 'string' || !isEngineAddress(v.socket)))
    report.add(`${path}.socket`, 'must be a socket path, unix:///path or tcp://host:port', "write e.g. socket: '/var/run/docker.sock', or leave it out to use DOCKER_HOST");
  if (v.containers !== undefined) checkStringList(v.containers, `${path}.containers`, report, 'container names');
  if (v.labels !== undefined)
    checkStringList(v.labels, `${path}.labels`, report, 'key=value labels', (s, p) => {
      if (s.startsWith('=')) report.add(p, `label "${s}" has no key`, "write labels as 'key=value' or 'key'");
    });
  if (v.composeProject !== undefined && (typeof v.composeProject !== 'string' || !v.composeProject.trim()))
    report.add(`${path}.composeProject`, 'must be a non-empty string', 'give the compose project name (docker compose ls shows it)');
}

function checkProcesses(v: unknown, path: string, report: Report): void {
  if (!Array.isArray(v)) { report.add(path, 'must be an array', "write processes: [{ match: 'postgres', name: 'db' }]"); return; }
  const labels = new Map<string, number>();
  v.forEach((p, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(p)) { report.add(at, 'must be an object', "write { pid: 1234 } or { match: 'postgres', name: 'db' }"); return; }
    report.unknownKeys(p, PROCESS_KEYS, at);
    const hasPid = p.pid !== undefined;
    const hasMatch = p.match !== undefined;
    if (hasPid === hasMatch) report.add(at, hasPid ? 'has both pid and match' : 'needs a pid or a match', 'give exactly one of pid or match');
    if (hasPid && !(Number.isInteger(p.pid) && (p.pid as number) > 0)) report.add(`${at}.pid`, 'must be a positive integer', 'give the process id, e.g. pid: 1234');
    if (hasMatch) {
      if (typeof p.match !== 'string' || !p.match.trim()) report.add(`${at}.match`, 'must be a non-empty string', "give a command-line substring, or a /regex/ such as '/node .*server/'");
      else {
        const re = /^\/(.+)\/([a-z]*)$/.exec(p.match);
        if (re) { try { new RegExp(re[1], re[2]); } catch (err) { report.add(`${at}.match`, `invalid regular expression: ${(err as Error).message}`, 'fix the pattern, or drop the slashes to match a plain substring'); } }
      }
    }
    if (p.name !== undefined && (typeof p.name !== 'string' || !p.name.trim())) report.add(`${at}.name`, 'must be a non-empty string', 'give the name used as the `process` tag');
    const label = processLabel(p as { pid?: number; match?: string; name?: string });
    const prev = labels.get(label);
    if (prev !== undefined) report.add(at, `process tag "${label}" is already used by ${path}[${prev}]`, 'give each entry a distinct name');
    else labels.set(label, i);
  });
}

function checkHost(v: unknown, path: string, report: Report): void {
  if (typeof v === 'boolean') return;
  if (!isPlainObject(v)) { report.add(path, 'must be true, false or { disks: [...] }', "write host: { disks: ['/', '/var/lib/postgresql'] }"); return; }
  report.unknownKeys(v, HOST_KEYS, path);
  if (v.disks !== undefined)
    checkStringList(v.disks, `${path}.disks`, report, 'absolute paths', (s, p) => {
      if (!s.startsWith('/')) report.add(p, `"${s}" is not an absolute path`, 'give an absolute path on the filesystem to watch, e.g. /var/lib/docker');
    });
}

function checkUrlOption(v: unknown, path: string, key: string, schemes: readonly string[], example: string, report: Report): void {
  if (!isPlainObject(v)) { report.add(path, 'must be an object', `write ${path.split('.').pop()}: { ${key}: '${example}' }`); return; }
  report.unknownKeys(v, [key], path);
  const url = v[key];
  if (typeof url !== 'string' || !url.trim()) { report.add(`${path}.${key}`, 'must be a non-empty string', `write ${key}: '${example}'`); return; }
  let parsed: URL | undefined;
  try { parsed = new URL(url); } catch { /* reported below */ }
  if (!parsed || !schemes.includes(parsed.protocol) || !parsed.hostname)
    report.add(`${path}.${key}`, `is not a ${schemes.map((s) => `${s}//`).join(' or ')} URL with a host`, `write e.g. ${key}: '${example}'`);
}

/** Every problem of a scenario's `resources` options (path prefix `resources`); [] when valid or absent. */
export function validateResourceOptions(opts: unknown, file: string): ConfigIssue[] {
  const report = new IssueList(file);
  if (opts === undefined) return report.issues;
  const root = 'resources';
  if (!isPlainObject(opts)) {
    report.add(root, 'must be an object', "write resources: { docker: { containers: ['api'] }, host: { disks: ['/'] } }");
    return report.issues;
  }
  report.unknownKeys(opts, TOP_KEYS, root);
  if (opts.docker !== undefined) checkDocker(opts.docker, `${root}.docker`, report);
  if (opts.processes !== undefined) checkProcesses(opts.processes, `${root}.processes`, report);
  if (opts.host !== undefined) checkHost(opts.host, `${root}.host`, report);
  if (opts.postgres !== undefined) checkUrlOption(opts.postgres, `${root}.postgres`, 'connectionString', ['postgres:', 'postgresql:'], 'postgresql://user@127.0.0.1:5432/db', report);
  if (opts.redis !== undefined) checkUrlOption(opts.redis, `${root}.redis`, 'url', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379', report);
  if (opts.interval !== undefined) {
    const ms = parseInterval(opts.interval);
    if (ms === undefined) report.add(`${root}.interval`, `"${String(opts.interval)}" is not a positive duration`, "write e.g. interval: '1s' or interval: 500 (ms)");
    else if (ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS)
      report.add(`${root}.interval`, `${ms} ms is outside ${MIN_INTERVAL_MS} ms .. ${MAX_INTERVAL_MS / 1000} s`, "use a value between '100ms' and '60s' (default '1s')");
  }
  return report.issues;
}
