// Locates the running enterprise-docs stack (scripts/stack/up.sh writes .stack/env) for the tests in
// test/stack/. Without the stack the tests skip with a message, unless LOADCERT_REQUIRE_STACK=1, in
// which case a missing or unhealthy stack fails them loudly.
import { readFileSync, existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const execFileAsync = promisify(execFile);

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Path of the env file written by scripts/stack/up.sh. */
export const ENV_FILE = process.env.LOADCERT_STACK_ENV_FILE ?? path.join(ROOT, '.stack', 'env');

/** What the tests need to reach the stack. */
export interface StackEnv {
  baseUrl: string;
  baseUrl2?: string;
  token: string;
  hubPath: string;
  dockerHost: string;
  container: string;
  /** The main replica's HTTPS origin (HTTPS_URL), its plain redirecting origin (REDIRECT_URL) and the
   * stack's private CA file (TLS_CA); absent for a stack started before HTTPS was added. */
  httpsUrl?: string;
  redirectUrl?: string;
  tlsCa?: string;
  /** Every key of the env file. */
  raw: Record<string, string>;
}

/** Parses KEY=VALUE lines, ignoring comments and blanks. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** True when LOADCERT_REQUIRE_STACK=1: the stack must be up and the tests must not skip. */
export const REQUIRE_STACK = process.env.LOADCERT_REQUIRE_STACK === '1' || process.env.CI === 'true';

async function probe(): Promise<StackEnv | string> {
  if (!existsSync(ENV_FILE)) return `no stack env file at ${ENV_FILE} (start the stack with npm run stack:up)`;
  const raw = parseEnvFile(readFileSync(ENV_FILE, 'utf8'));
  if (!raw.BASE_URL || !raw.API_TOKEN) return `${ENV_FILE} lacks BASE_URL or API_TOKEN`;
  try {
    const res = await fetch(`${raw.BASE_URL}/health`, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    if (res.status !== 200) return `${raw.BASE_URL}/health answered ${res.status}, not 200`;
  } catch (e) {
    return `${raw.BASE_URL}/health unreachable: ${(e as Error).message}`;
  }
  return {
    baseUrl: raw.BASE_URL,
    baseUrl2: raw.BASE_URL_2 || undefined,
    token: raw.API_TOKEN,
    hubPath: raw.HUB_PATH || '/hubs/documents',
    dockerHost: raw.DOCKER_HOST,
    container: raw.CONTAINER || 'enterprise-docs-api',
    httpsUrl: raw.HTTPS_URL || undefined,
    redirectUrl: raw.REDIRECT_URL || undefined,
    tlsCa: raw.TLS_CA || undefined,
    raw,
  };
}

const found = await probe();

/** The stack, or null when it is not running. */
export const stack: StackEnv | null = typeof found === 'string' ? null : found;

/**
 * The `skip` option for describe/test: false when the stack is up; a message when it is down; and when
 * LOADCERT_REQUIRE_STACK=1 and it is down, throws so the test file fails instead of skipping.
 */
export function skipUnlessStack(): false | string {
  if (stack) return false;
  const why = found as string;
  if (REQUIRE_STACK) throw new Error(`LOADCERT_REQUIRE_STACK=1 but the enterprise-docs stack is down: ${why}`);
  console.log(`# skipping stack tests: ${why}`);
  return `stack not running: ${why}`;
}

/**
 * skipUnlessStack(), and also a message (or, with LOADCERT_REQUIRE_STACK=1, a throw) when the running
 * stack publishes no HTTPS_URL, REDIRECT_URL and TLS_CA (started by an up.sh from before HTTPS).
 */
export function skipUnlessHttps(): false | string {
  const skip = skipUnlessStack();
  if (skip || (stack?.httpsUrl && stack.redirectUrl && stack.tlsCa)) return skip;
  const why = `${ENV_FILE} lacks HTTPS_URL, REDIRECT_URL or TLS_CA (restart the stack with npm run stack:up)`;
  if (REQUIRE_STACK) throw new Error(`LOADCERT_REQUIRE_STACK=1 but ${why}`);
  console.log(`# skipping HTTPS stack tests: ${why}`);
  return why;
}

/** The stack's HTTPS origin, redirecting origin and CA file, asserting them (inside tests not skipped). */
export function requireHttps(): { httpsUrl: string; redirectUrl: string; tlsCa: string } {
  const s = requireStack();
  if (!s.httpsUrl || !s.redirectUrl || !s.tlsCa) throw new Error('the enterprise-docs stack serves no HTTPS');
  return { httpsUrl: s.httpsUrl, redirectUrl: s.redirectUrl, tlsCa: s.tlsCa };
}

/** The stack, asserting it is up (use inside tests that were not skipped). */
export function requireStack(): StackEnv {
  if (!stack) throw new Error('enterprise-docs stack is not running');
  return stack;
}

/** Runs a stack script (e.g. replica.sh start NAME PORT KEY=VALUE) and returns its output. */
export async function stackScript(script: string, args: string[], timeoutMs = 120_000): Promise<string> {
  const { stdout, stderr } = await execFileAsync('bash', [path.join(ROOT, 'scripts', 'stack', script), ...args], { timeout: timeoutMs });
  return stdout + stderr;
}

/** Runs the docker client against the stack's engine. */
export async function docker(args: string[], timeoutMs = 30_000): Promise<string> {
  const s = requireStack();
  const { stdout } = await execFileAsync('docker', args, { timeout: timeoutMs, env: { ...process.env, DOCKER_HOST: s.dockerHost } });
  return stdout.trim();
}

/** The durations of a Server-Timing header by metric name, e.g. { db: 1.2, cache: 0.3, app: 4 }. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (name && dur) out[name] = Number(dur.slice(4));
  }
  return out;
}

/** fetch with the bearer token. */
export function authed(s: StackEnv, pathname: string, init: RequestInit = {}, base = s.baseUrl): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${s.token}`);
  return fetch(base + pathname, { ...init, headers, signal: AbortSignal.timeout(15_000) });
}
