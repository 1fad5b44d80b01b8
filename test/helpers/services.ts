// Throwaway real PostgreSQL and Redis servers for tests, on free loopback ports, in temporary folders.
// Without the binaries a test skips with a message, except in CI (CI=true) or with LOADCERT_REQUIRE_SERVICES=1,
// where a missing server fails the test loudly.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** True when missing servers must fail the tests instead of skipping them. */
export const REQUIRE_SERVICES = process.env.CI === 'true' || process.env.LOADCERT_REQUIRE_SERVICES === '1';

/** A free TCP port on 127.0.0.1 (closed again; a race with another process is possible but unlikely). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** The newest installed PostgreSQL bin folder, or undefined. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** The `skip` option for tests needing `what`: false when present; a message when absent; throws in CI. */
export function skipUnless(present: boolean, what: string): false | string {
  if (present) return false;
  if (REQUIRE_SERVICES) throw new Error(`${what} is required (CI=true or LOADCERT_REQUIRE_SERVICES=1) but not installed`);
  console.log(`# skipping: ${what} is not installed`);
  return `${what} is not installed`;
}

/** A running throwaway PostgreSQL. */
export interface TestPostgres {
  port: number;
  /** Connection string of database `db` as the superuser postgres. */
  url(db?: string): string;
  /** A connected client as the superuser (closed by the caller). */
  client(db?: string): Promise<pg.Client>;
  /** Stops the server immediately (as a crash would); `stop` after it is a no-op. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const asRoot = userInfo().uid === 0;
/** Runs a PostgreSQL binary as the postgres user when we are root (the server refuses root). */
function pgRun(bin: string, args: string[]): Promise<unknown> {
  return asRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args], { timeout: 120_000 }) : run(bin, args, { timeout: 120_000 });
}

/**
 * Starts PostgreSQL on a free port with pg_stat_statements preloaded; the extension is created in the
 * database `withstats` only, so the database `postgres` is one without it.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  const data = join(dir, 'data');
  await pgRun(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c shared_preload_libraries=pg_stat_statements -c max_connections=40 -c fsync=off -c deadlock_timeout=100ms`;
  await pgRun(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
  let stopped = false;
  const url = (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${db}`;
  const client = async (db = 'postgres') => { const c = new pg.Client({ connectionString: url(db) }); await c.connect(); return c; };
  const admin = await client();
  await admin.query('CREATE DATABASE withstats');
  await admin.end();
  const ws = await client('withstats');
  await ws.query('CREATE EXTENSION pg_stat_statements');
  await ws.end();
  const halt = async (mode: string) => {
    if (stopped) return;
    stopped = true;
    await pgRun(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']).catch(() => {});
  };
  return {
    port, url, client,
    kill: () => halt('immediate'),
    async stop() { await halt('fast'); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A running throwaway Redis. */
export interface TestRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** True when redis-server is on the PATH. */
export function hasRedis(): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => existsSync(join(d, 'redis-server')));
}

/** Starts redis-server on a free port, without persistence; `args` are extra options (e.g. ['--maxmemory', '2mb']). */
export async function startRedis(args: string[] = []): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, ...args], { stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { timeout: 2000 });
      if (stdout.trim() === 'PONG') break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline || child.exitCode !== null) { child.kill('SIGKILL'); throw new Error(`redis-server did not answer PING on port ${port}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
