// The PostgreSQL probe: transactions/s, statement time, connections, deadlocks and cache hits of one database.
import pg from 'pg';
import { NO_TAGS } from '../metrics/tagset.ts';
import type { SamplerContext } from '../contracts/sampler.ts';
import { POSTGRES_METRICS } from './metrics.ts';
import { counterDelta, redactUrl, ServiceProbe } from './service-probe.ts';

/** Marks the probe's own statements so pg_stat_statements figures leave them out. */
export const PROBE_MARK = 'loadcert probe';
const CONNECT_TIMEOUT_MS = 5000;
const QUERY_TIMEOUT_MS = 5000;

/** One reading of the database's statistics. */
export interface PostgresReading {
  xacts: number;
  deadlocks: number;
  blksHit: number;
  blksRead: number;
  total: number;
  active: number;
  waiting: number;
  maxConnections: number;
  /** Summed pg_stat_statements calls and execution time of the database (absent without the extension). */
  calls?: number;
  execMs?: number;
}

// One round trip per interval. Connections are client backends of every database, the probe's own excluded.
const BASE_SQL = `/* ${PROBE_MARK} */ SELECT
  (d.xact_commit + d.xact_rollback)::float8 AS xacts, d.deadlocks::float8 AS deadlocks,
  d.blks_hit::float8 AS blks_hit, d.blks_read::float8 AS blks_read,
  a.total, a.active, a.waiting, current_setting('max_connections')::int AS max_connections`;
const ACTIVITY_SQL = `(SELECT count(*)::int AS total,
    count(*) FILTER (WHERE state = 'active')::int AS active,
    count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting
  FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()) a`;
const STATEMENTS_SQL = `(SELECT coalesce(sum(calls), 0)::float8 AS calls, coalesce(sum(total_exec_time), 0)::float8 AS exec_ms
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND query NOT LIKE '%${PROBE_MARK}%') s`;

/** The probe's one query per interval, with or without pg_stat_statements. */
export function probeSql(withStatements: boolean): string {
  return withStatements
    ? `${BASE_SQL}, s.calls, s.exec_ms FROM pg_stat_database d, ${ACTIVITY_SQL}, ${STATEMENTS_SQL} WHERE d.datname = current_database()`
    : `${BASE_SQL} FROM pg_stat_database d, ${ACTIVITY_SQL} WHERE d.datname = current_database()`;
}

/** Samples one PostgreSQL database through one connection; see POSTGRES_METRICS and ServiceProbe. */
export class PostgresProbe extends ServiceProbe<PostgresReading> {
  readonly name = 'postgres';
  readonly metrics = POSTGRES_METRICS;
  /** Whether pg_stat_statements answered at start (undefined before). */
  statements: boolean | undefined;
  private client: pg.Client | undefined;
  private atStart: PostgresReading | undefined;

  constructor(private readonly connectionString: string, intervalMs: number) {
    super(intervalMs, `PostgreSQL at ${redactUrl(connectionString)}`);
  }

  protected async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      application_name: 'loadcert-probe',
    });
    client.on('error', () => {}); // a server that goes away fails the next reading instead
    this.client = client;
    await client.connect();
    if (this.statements === undefined) this.statements = await this.hasStatements(client);
  }

  protected async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }

  private async hasStatements(client: pg.Client): Promise<boolean> {
    try {
      await client.query(`/* ${PROBE_MARK} */ SELECT calls FROM pg_stat_statements LIMIT 1`);
      return true;
    } catch {
      return false; // not installed in this database, or not in shared_preload_libraries
    }
  }

  protected async read(): Promise<PostgresReading> {
    if (!this.client) throw new Error('not connected');
    const res = await this.client.query(probeSql(this.statements === true));
    const row = res.rows[0] as Record<string, number> | undefined;
    if (!row) throw new Error('the database of the connection string has no row in pg_stat_database');
    return {
      xacts: row.xacts, deadlocks: row.deadlocks, blksHit: row.blks_hit, blksRead: row.blks_read,
      total: row.total, active: row.active, waiting: row.waiting, maxConnections: row.max_connections,
      ...(this.statements ? { calls: row.calls, execMs: row.exec_ms } : {}),
    };
  }

  protected override afterBaseline(first: PostgresReading, ctx: SamplerContext): void {
    this.atStart ??= first;
    if (!this.statements)
      ctx.warn(`postgres probe: pg_stat_statements is not available in ${this.where}, so postgres_statement_mean_ms, postgres_statement_run_mean_ms and postgres_statements_per_second are not measured (a criterion on them is "not measured"): add shared_preload_libraries = 'pg_stat_statements' to postgresql.conf, restart, and run CREATE EXTENSION pg_stat_statements in that database`);
  }

  protected emit(prev: PostgresReading, cur: PostgresReading, seconds: number, t: number, ctx: SamplerContext): void {
    const sink = ctx.sink;
    if (seconds <= 0) return;
    const xacts = counterDelta(prev.xacts, cur.xacts);
    if (xacts !== undefined) sink.add('postgres_transactions_per_second', xacts / seconds, NO_TAGS, t);
    const hit = counterDelta(prev.blksHit, cur.blksHit);
    const read = counterDelta(prev.blksRead, cur.blksRead);
    if (hit !== undefined && read !== undefined && hit + read > 0) sink.add('postgres_cache_hit_percent', (hit / (hit + read)) * 100, NO_TAGS, t);
    if (prev.calls !== undefined && cur.calls !== undefined && prev.execMs !== undefined && cur.execMs !== undefined) {
      const calls = counterDelta(prev.calls, cur.calls);
      const ms = counterDelta(prev.execMs, cur.execMs);
      if (calls !== undefined) sink.add('postgres_statements_per_second', calls / seconds, NO_TAGS, t);
      if (calls && ms !== undefined) sink.add('postgres_statement_mean_ms', ms / calls, NO_TAGS, t);
      const s = this.atStart;
      const runCalls = s?.calls !== undefined ? counterDelta(s.calls, cur.calls) : undefined;
      const runMs = s?.execMs !== undefined ? counterDelta(s.execMs, cur.execMs) : undefined;
      if (runCalls && runMs !== undefined) sink.add('postgres_statement_run_mean_ms', runMs / runCalls, NO_TAGS, t);
    }
    sink.add('postgres_connections_active', cur.active, NO_TAGS, t);
    sink.add('postgres_connections_waiting', cur.waiting, NO_TAGS, t);
    sink.add('postgres_connections_total', cur.total, NO_TAGS, t);
    sink.add('postgres_max_connections', cur.maxConnections, NO_TAGS, t);
    if (cur.maxConnections > 0) sink.add('postgres_connections_percent', ((cur.total + 1) / cur.maxConnections) * 100, NO_TAGS, t);
    sink.add('postgres_deadlocks', Math.max(0, cur.deadlocks - (this.atStart?.deadlocks ?? cur.deadlocks)), NO_TAGS, t);
  }
}
