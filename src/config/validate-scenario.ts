import type { ConfigIssue } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import type { WorkloadEngine } from '../contracts/engine.ts';
import { IssueList, isPlainObject, join } from './checks.ts';
import { isLoopback } from '../contracts/host-guard.ts';
import { generatorLimitIssues } from './generator-limits.ts';
import { closest } from './suggest.ts';
import { validateHttpTls } from './http-tls.ts';
import { validateHttpProtocol } from './http-protocol.ts';

const TOP_KEYS = ['name', 'description', 'baseUrl', 'allowedHosts', 'workloads', 'thresholds', 'thresholdsFile', 'health', 'http', 'resources', 'capacity', 'faults'];
const HEALTH_KEYS = ['endpoints', 'interval', 'timeout', 'headers'];
const HTTP_KEYS = ['timeout', 'connections', 'headers', 'maxRedirects', 'compression', 'batchPerHost', 'tls', 'protocol', 'h2Sessions'];
const WORKLOAD_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Every problem of a scenario's own fields and of each workload (through its engine), at once; absolute URLs must pass `isAllowedHost` (the run's one host guard). */
export function validateScenario(s: ScenarioDefinition, file: string, engines: ReadonlyMap<string, WorkloadEngine>, isAllowedHost: (host: string) => boolean = isLoopback): ConfigIssue[] {
  const issues = new IssueList(file);
  issues.unknownKeys(s, TOP_KEYS, '');
  if (s.name !== undefined && (typeof s.name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(s.name)))
    issues.add('name', 'must be 1-64 letters, digits, dots, dashes or underscores (it names the results folder)', "write name: 'sprint4-capacity'");
  if (typeof s.baseUrl !== 'string' || !/^https?:\/\//.test(s.baseUrl)) issues.add('baseUrl', 'is required: an http(s) URL', "write baseUrl: 'http://127.0.0.1:8080' (or pass --base-url)");
  else { try { new URL(s.baseUrl); } catch { issues.add('baseUrl', `is not a valid URL: ${s.baseUrl}`, "write baseUrl: 'http://127.0.0.1:8080'"); } }
  if (s.allowedHosts !== undefined && (!Array.isArray(s.allowedHosts) || !s.allowedHosts.every((h) => typeof h === 'string')))
    issues.add('allowedHosts', 'must be an array of host names', "write allowedHosts: ['staging.example.test']");
  if (s.thresholdsFile !== undefined && s.thresholdsFile !== false && typeof s.thresholdsFile !== 'string')
    issues.add('thresholdsFile', 'must be a path or false', "write thresholdsFile: 'thresholds.json' or false");
  if (s.health !== undefined) {
    if (!isPlainObject(s.health)) issues.add('health', 'must be an object', "write health: { endpoints: ['/health'] }");
    else {
      issues.unknownKeys(s.health, HEALTH_KEYS, 'health');
      const eps = s.health.endpoints;
      if (eps !== undefined && (!Array.isArray(eps) || !eps.every((e) => typeof e === 'string')))
        issues.add('health.endpoints', 'must be an array of paths', "write endpoints: ['/health', '/api/health']");
      else for (const [i, e] of (eps ?? []).entries()) {
        const host = URL.canParse(e) ? new URL(e).hostname : undefined;
        if (host !== undefined && !isAllowedHost(host))
          issues.add(`health.endpoints[${i}]`, `host ${host} is not loopback`, `give a path below baseUrl, or if you mean it pass --allow-host ${host.replace(/^\[|\]$/g, '')} (or list it in allowedHosts)`);
      }
      issues.duration(s.health.interval, 'health.interval');
      issues.duration(s.health.timeout, 'health.timeout');
      issues.stringMap(s.health.headers, 'health.headers');
    }
  }
  if (s.http !== undefined) {
    if (!isPlainObject(s.http)) issues.add('http', 'must be an object', "write http: { timeout: '30s' }");
    else {
      issues.unknownKeys(s.http, HTTP_KEYS, 'http');
      issues.duration(s.http.timeout, 'http.timeout');
      issues.number(s.http.connections, 'http.connections', { int: true, min: 1 });
      issues.stringMap(s.http.headers, 'http.headers');
      issues.number(s.http.maxRedirects, 'http.maxRedirects', { int: true, min: 0 });
      issues.number(s.http.batchPerHost, 'http.batchPerHost', { int: true, min: 1 });
      if (s.http.compression !== undefined && typeof s.http.compression !== 'boolean') issues.add('http.compression', 'must be true or false', 'write compression: false to send no Accept-Encoding');
      validateHttpTls(s.http.tls, 'http.tls', issues, file);
      validateHttpProtocol(s.http.protocol, 'http.protocol', issues);
      issues.number(s.http.h2Sessions, 'http.h2Sessions', { int: true, min: 1 });
    }
  }
  if (s.capacity !== undefined) {
    if (!isPlainObject(s.capacity)) issues.add('capacity', 'must be an object', "write capacity: { scaleWith: ['chat'] }");
    else {
      issues.unknownKeys(s.capacity, ['scaleWith'], 'capacity');
      const w = s.capacity.scaleWith;
      if (w !== undefined && (!Array.isArray(w) || !w.every((x) => typeof x === 'string' && isPlainObject(s.workloads) && x in s.workloads)))
        issues.add('capacity.scaleWith', 'must be an array of workload names of this scenario', "write scaleWith: ['chat'] (workloads whose users scale with the searched rate)");
    }
  }
  if (!isPlainObject(s.workloads) || Object.keys(s.workloads).length === 0) {
    issues.add('workloads', 'is required: at least one named workload', "write workloads: { api: { executor: 'constant-arrival-rate', rate: 50, duration: '30s', preAllocatedVUs: 20, steps: [...] } }");
    return issues.issues;
  }
  for (const [name, w] of Object.entries(s.workloads)) {
    const path = join('workloads', name);
    if (!WORKLOAD_NAME.test(name)) issues.add(path, 'workload names are 1-64 letters, digits, - or _', 'rename the workload');
    if (!isPlainObject(w)) { issues.add(path, 'must be an object', "write { executor: 'constant-vus', vus: 10, duration: '30s', steps: [...] }"); continue; }
    const protocol = typeof w.protocol === 'string' ? w.protocol : 'http';
    const engine = engines.get(protocol);
    if (!engine) { const near = closest(protocol, [...engines.keys()]); issues.add(join(path, 'protocol'), `unknown protocol "${protocol}"`, near ? `did you mean "${near}"?` : `use one of ${[...engines.keys()].join(', ')}`); continue; }
    issues.issues.push(...engine.validate(w, path, file, isAllowedHost));
  }
  issues.issues.push(...generatorLimitIssues(s.workloads, file));
  return issues.issues;
}
