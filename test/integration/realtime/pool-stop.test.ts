// The session pool follows the executors' stop protocol (executors/stop-control.ts): a run abort aborts
// every session at once, and a session that never ends cannot hang the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionPool, type PooledSession, type SessionHooks } from '../../../src/protocols/sessions/session-pool.ts';
import { buildRamp } from '../../../src/protocols/sessions/ramp.ts';
import { sharedScheduler } from '../../../src/protocols/sessions/tick-scheduler.ts';

/** A session that opens at once; `stubborn` ones ignore stop and abort (a stuck client library). */
class Session implements PooledSession {
  open = false;
  stopped = 0;
  aborted = 0;
  constructor(private readonly hooks: SessionHooks, private readonly stubborn: boolean) {}
  start(): void { this.open = true; this.hooks.opened(); }
  stop(): void { this.stopped++; if (!this.stubborn) this.end(); }
  abort(): void { this.aborted++; if (!this.stubborn) this.end(); }
  private end(): void { this.open = false; this.hooks.ended(false); }
}

function pool(stubborn: boolean, signal: AbortSignal, gracefulStopMs = 0) {
  const sessions: Session[] = [];
  const p = new SessionPool<Session>({
    ramp: buildRamp({ count: 3, duration: '30s' }), scheduler: sharedScheduler(), gracefulStopMs, signal,
    create: (_id, hooks) => { const s = new Session(hooks, stubborn); sessions.push(s); return s; },
  });
  p.begin();
  return { p, sessions };
}

test('a run abort aborts every session at once and the pool is done', { timeout: 10_000 }, async () => {
  const run = new AbortController();
  const { p, sessions } = pool(false, run.signal, 60_000);
  assert.equal(sessions.length, 3);
  run.abort();
  await p.done;
  assert.ok(sessions.every((s) => s.aborted + s.stopped >= 1 && !s.open));
});

test('sessions that never end cannot hang the pool: the hard stop, then the give-up grace, end it', { timeout: 20_000 }, async () => {
  const run = new AbortController();
  const { p, sessions } = pool(true, run.signal, 0);
  p.stop();
  const keepAlive = setInterval(() => undefined, 1000); // the stop timers are unref'd, as a run keeps the loop busy itself
  try { await p.done; } finally { clearInterval(keepAlive); } // gracefulStop 0 + close grace, hard stop, HARD_STOP_GRACE_MS
  assert.ok(sessions.every((s) => s.stopped === 1 && s.aborted === 1), 'stopped gracefully, then aborted by the hard stop');
});
