// Admin API of the demo target (loopback only, like the whole server): flip faults, crash, hold memory, timed outage.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TargetState } from './state.ts';
import { MAX_HELD_MB, applyFaults } from './state.ts';
import { LoadcertError } from '../contracts/errors.ts';
import { errorJson, intParam, readBody, sendJson } from './respond.ts';

/** Prefix of every admin path. */
export const ADMIN_PREFIX = '/__admin/';

const MB = 1024 * 1024;

/** Handles /__admin/* when admin is enabled; returns false otherwise (the request then falls through to 404). */
export function handleAdmin(state: TargetState, req: IncomingMessage, res: ServerResponse, path: string, query: string): boolean {
  if (!state.adminEnabled || !path.startsWith(ADMIN_PREFIX)) return false;
  const action = path.slice(ADMIN_PREFIX.length);
  const method = req.method;
  if (action === 'faults' && method === 'GET') {
    sendJson(res, 200, JSON.stringify(state.faults));
  } else if (action === 'faults' && method === 'POST') {
    flipFaults(state, req, res);
  } else if (action === 'crash' && method === 'POST') {
    res.on('finish', () => setImmediate(state.onCrash));
    sendJson(res, 202, '{"crashing":true}');
  } else if (action === 'outage' && method === 'POST') {
    startOutage(state, res, query);
  } else if (action === 'outage' && method === 'GET') {
    sendJson(res, 200, `{"remainingMs":${Math.ceil(state.outage.remainingMs())}}`);
  } else if (action === 'memory' && method === 'POST') {
    holdMemory(state, res, query);
  } else if (action === 'memory' && method === 'GET') {
    sendJson(res, 200, `{"heldMb":${heldMb(state)}}`);
  } else {
    sendJson(res, 404, errorJson(404, 'unknown admin route: use GET|POST /__admin/faults, POST /__admin/crash, GET|POST /__admin/memory?mb=N, GET|POST /__admin/outage?ms=N'));
  }
  return true;
}

/** Starts the timed outage: API and health answer 503 for exactly `ms` from this request's arrival. */
function startOutage(state: TargetState, res: ServerResponse, query: string): void {
  const ms = intParam(query, 'ms', NaN);
  try {
    state.outage.start(ms);
  } catch (err) {
    sendJson(res, 400, errorJson(400, (err as Error).message));
    return;
  }
  sendJson(res, 200, `{"outageMs":${ms}}`);
}

function heldMb(state: TargetState): number {
  return state.held.length;
}

function flipFaults(state: TargetState, req: IncomingMessage, res: ServerResponse): void {
  readBody(req).then(
    (body) => {
      try {
        const faults = applyFaults(state, JSON.parse(body ?? 'null'));
        sendJson(res, 200, JSON.stringify(faults));
      } catch (err) {
        const message = err instanceof LoadcertError ? err.message : 'request body is not valid JSON';
        sendJson(res, 400, errorJson(400, message));
      }
    },
    () => res.destroy(),
  );
}

/** Sets the held memory to `mb` MB (0 releases it), touching every page so the resident set really grows. */
function holdMemory(state: TargetState, res: ServerResponse, query: string): void {
  const mb = intParam(query, 'mb', NaN);
  if (!(mb >= 0 && mb <= MAX_HELD_MB)) {
    sendJson(res, 400, errorJson(400, `mb must be an integer in 0..${MAX_HELD_MB}`));
    return;
  }
  try {
    if (mb < state.held.length) state.held.length = mb;
    while (state.held.length < mb) state.held.push(Buffer.alloc(MB, 1));
  } catch {
    sendJson(res, 507, errorJson(507, `could not allocate ${mb} MB; holding ${heldMb(state)} MB`));
    return;
  }
  sendJson(res, 200, `{"heldMb":${heldMb(state)}}`);
}
