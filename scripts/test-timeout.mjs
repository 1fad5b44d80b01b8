// The per-test timeout of scripts/run-tests.mjs: a hang fails the test, by name, instead of stalling CI.
// No side effects: scripts/test-timeout-preload.mjs applies it inside each test process.

/** Default timeout of one test, ms. */
export const DEFAULT_TEST_TIMEOUT_MS = 180_000;

/** A timeout in ms from the environment variable `name` (else `fallback`); throws naming the variable when it is not a positive integer. */
export function timeoutFromEnv(name, fallback) {
  const text = process.env[name] ?? String(fallback);
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`${name}=${text}: expected a positive whole number of milliseconds (e.g. ${fallback})`);
  return ms;
}

/** Wraps a node:test entry point so calls without `timeout` get `{ timeout: ms }`. Forms: (fn) (name, fn) (options, fn) (name, options, fn). */
export function withDefaultTimeout(fn, ms) {
  const wrapped = function (...args) {
    const i = args.findIndex((a) => a !== null && typeof a === 'object');
    if (i === -1) args.splice(typeof args[0] === 'string' ? 1 : 0, 0, { timeout: ms });
    else if (args[i].timeout === undefined) args[i] = { ...args[i], timeout: ms };
    return fn.apply(this, args);
  };
  for (const k of Object.keys(fn)) wrapped[k] = fn[k]; // test.skip, test.only, test.todo, ...
  return wrapped;
}
