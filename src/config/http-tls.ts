// The scenario's http.tls: validated (every problem with file, field and fix) and resolved into PEM text
// and Node's TLS option values. `ca`, `cert` and `key` are PEM text or a file path relative to the scenario.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { HttpTlsOptions } from '../contracts/scenario-types.ts';
import { IssueList, isPlainObject, join } from './checks.ts';

/** TLS settings resolved for the client: PEM text read, versions in Node's spelling. */
export interface ResolvedTls {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** false with insecureSkipTLSVerify. */
  readonly rejectUnauthorized: boolean;
  readonly minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  readonly serverName?: string;
}

const KEYS = ['ca', 'cert', 'key', 'insecureSkipTLSVerify', 'minVersion', 'maxVersion', 'serverName'];
/** Accepted version names (Node's and k6's) to Node's. */
const VERSIONS: Readonly<Record<string, ResolvedTls['minVersion']>> = {
  'TLSv1': 'TLSv1', 'TLSv1.1': 'TLSv1.1', 'TLSv1.2': 'TLSv1.2', 'TLSv1.3': 'TLSv1.3',
  'tls1.0': 'TLSv1', 'tls1.1': 'TLSv1.1', 'tls1.2': 'TLSv1.2', 'tls1.3': 'TLSv1.3',
};
const ORDER = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const PEM = /-----BEGIN [A-Z0-9 ]+-----/;
const WANT: Readonly<Record<string, RegExp>> = { ca: /-----BEGIN CERTIFICATE-----/, cert: /-----BEGIN CERTIFICATE-----/, key: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ };

/** The PEM text of a `ca`/`cert`/`key` value (PEM itself, or the file it names, relative to `baseDir`); throws the reason when unreadable. */
function pemOf(value: string, baseDir: string): string {
  if (PEM.test(value)) return value;
  return readFileSync(resolve(baseDir, value), 'utf8');
}

/** Every problem of `tls` (the value of http.tls) as issues at `path`; `scenarioFile` locates relative files. */
export function validateHttpTls(tls: unknown, path: string, issues: IssueList, scenarioFile: string): void {
  if (tls === undefined) return;
  if (!isPlainObject(tls)) { issues.add(path, 'must be an object', "write tls: { ca: './certs/ca.pem' }"); return; }
  issues.unknownKeys(tls, KEYS, path);
  const t = tls as Record<string, unknown>;
  const baseDir = dirname(resolve(scenarioFile));
  for (const k of ['ca', 'cert', 'key']) {
    const v = t[k];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v === '') { issues.add(join(path, k), 'must be PEM text or a file path', `write ${k}: './certs/${k}.pem' (relative to the scenario file) or the PEM text itself`); continue; }
    let text: string;
    try { text = pemOf(v, baseDir); } catch (e) {
      issues.add(join(path, k), `cannot read ${resolve(baseDir, v)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, `give a PEM file path relative to the scenario file (${baseDir}) or the PEM text itself`);
      continue;
    }
    if (!WANT[k].test(text)) issues.add(join(path, k), `${PEM.test(v) ? 'the text' : resolve(baseDir, v)} holds no ${k === 'key' ? 'PEM private key' : 'PEM certificate'}`, `give a PEM file (${k === 'key' ? '-----BEGIN PRIVATE KEY-----, unencrypted' : '-----BEGIN CERTIFICATE-----'})`);
  }
  if ((t.cert === undefined) !== (t.key === undefined))
    issues.add(join(path, t.cert === undefined ? 'cert' : 'key'), 'mutual TLS needs both cert and key', "write cert: './client.pem', key: './client-key.pem'");
  if (t.insecureSkipTLSVerify !== undefined && typeof t.insecureSkipTLSVerify !== 'boolean') issues.add(join(path, 'insecureSkipTLSVerify'), 'must be true or false', 'write insecureSkipTLSVerify: true (the run then warns that certificates are not verified)');
  for (const k of ['minVersion', 'maxVersion']) {
    const v = t[k];
    if (v !== undefined && (typeof v !== 'string' || !(v in VERSIONS))) issues.add(join(path, k), `unknown TLS version ${JSON.stringify(v)}`, "use 'TLSv1.2' or 'TLSv1.3' (k6's 'tls1.2', 'tls1.3' are accepted too)");
  }
  const lo = VERSIONS[t.minVersion as string], hi = VERSIONS[t.maxVersion as string];
  if (lo && hi && ORDER.indexOf(lo) > ORDER.indexOf(hi)) issues.add(join(path, 'minVersion'), `${lo} is above maxVersion ${hi}`, 'lower minVersion or raise maxVersion');
  if (t.serverName !== undefined && (typeof t.serverName !== 'string' || !/^[A-Za-z0-9.-]{1,253}$/.test(t.serverName))) issues.add(join(path, 'serverName'), 'must be a DNS host name', "write serverName: 'api.example.test'");
}

/** The resolved settings of a validated http.tls (undefined when absent); files are read relative to `scenarioFile`. */
export function resolveHttpTls(tls: HttpTlsOptions | undefined, scenarioFile: string): ResolvedTls | undefined {
  if (!tls) return undefined;
  const baseDir = dirname(resolve(scenarioFile));
  return {
    ca: tls.ca === undefined ? undefined : pemOf(tls.ca, baseDir),
    cert: tls.cert === undefined ? undefined : pemOf(tls.cert, baseDir),
    key: tls.key === undefined ? undefined : pemOf(tls.key, baseDir),
    rejectUnauthorized: tls.insecureSkipTLSVerify !== true,
    minVersion: tls.minVersion === undefined ? undefined : VERSIONS[tls.minVersion],
    maxVersion: tls.maxVersion === undefined ? undefined : VERSIONS[tls.maxVersion],
    serverName: tls.serverName,
  };
}

/** The warning a run carries when certificates are not verified. */
export const INSECURE_TLS_WARNING = 'http.tls.insecureSkipTLSVerify is set: server certificates are NOT verified (any certificate, even a forged one, is accepted); the results say nothing about the TLS setup a client will see';
