// The demo target's document API: list, get, create, search, plus trivial and fixed-delay benchmark routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRoute } from './types.ts';
import type { TargetState } from './state.ts';
import { latencyFor, shouldFail } from './state.ts';
import { MAX_PAGE_SIZE } from './documents.ts';
import { MAX_LATENCY_MS } from './latency.ts';
import { canned, errorJson, intParam, queryParam, readBody, sendCanned, sendJson, serverTiming } from './respond.ts';

const PING = canned(200, '{"pong":true}', 'application/json; charset=utf-8');
const ZERO_TIMING = serverTiming(0);
const DOC_PREFIX = '/api/documents/';

/** Answers after the route's simulated latency, or 500 when the error rate hits; Server-Timing reports the split. */
function answer(state: TargetState, route: ApiRoute, res: ServerResponse, status: number, json: string): void {
  const ms = latencyFor(state, route);
  const failed = shouldFail(state, route);
  const timing = ms > 0 ? serverTiming(ms) : ZERO_TIMING;
  const send = (): void => {
    if (failed) sendJson(res, 500, errorJson(500, 'simulated internal error'), timing);
    else sendJson(res, status, json, timing);
  };
  if (ms > 0) setTimeout(send, ms).unref();
  else send();
}

/** /slow's answer at its deadline; Server-Timing `app` is the handling time the server measured, µs resolution. */
function slowAnswer(res: ServerResponse, ms: number, start: number): void {
  if (res.destroyed) return;
  sendJson(res, 200, `{"sleptMs":${ms}}`, `app;dur=${(performance.now() - start).toFixed(3)}`);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow);
  sendJson(res, 405, errorJson(405, `method not allowed; use ${allow}`));
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, errorJson(400, message));
}

/** Handles the API and benchmark routes; returns false when `path` is not one of them. */
export function handleApi(state: TargetState, req: IncomingMessage, res: ServerResponse, path: string, query: string): boolean {
  const method = req.method;
  if (path === '/api/ping' || path === '/fast') {
    if (method !== 'GET' && method !== 'HEAD') methodNotAllowed(res, 'GET');
    else sendCanned(res, PING);
    return true;
  }
  if (path === '/api/work') {
    if (method !== 'GET') methodNotAllowed(res, 'GET');
    else state.work.submit(res);
    return true;
  }
  if (path === '/slow') {
    const start = performance.now();
    const ms = intParam(query, 'ms', 50);
    if (!(ms <= MAX_LATENCY_MS)) badRequest(res, `ms must be an integer in 0..${MAX_LATENCY_MS}`);
    else state.deadlines.at(start + ms, () => slowAnswer(res, ms, start));
    return true;
  }
  if (path === '/api/documents') {
    if (method === 'GET') list(state, res, query);
    else if (method === 'POST') create(state, req, res);
    else methodNotAllowed(res, 'GET, POST');
    return true;
  }
  if (path.startsWith(DOC_PREFIX)) {
    if (method !== 'GET') methodNotAllowed(res, 'GET');
    else getOne(state, res, path.slice(DOC_PREFIX.length));
    return true;
  }
  if (path === '/api/search') {
    if (method !== 'GET') methodNotAllowed(res, 'GET');
    else search(state, res, query);
    return true;
  }
  return false;
}

function list(state: TargetState, res: ServerResponse, query: string): void {
  const page = intParam(query, 'page', 1);
  const size = intParam(query, 'size', 20);
  if (!(page >= 1)) return badRequest(res, 'page must be an integer >= 1');
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) return badRequest(res, `size must be an integer in 1..${MAX_PAGE_SIZE}`);
  answer(state, 'list', res, 200, state.docs.page(page, size));
}

function getOne(state: TargetState, res: ServerResponse, rawId: string): void {
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : NaN;
  const json = state.docs.json(id);
  if (json === undefined) answer(state, 'get', res, 404, errorJson(404, `document ${rawId} not found`));
  else answer(state, 'get', res, 200, json);
}

function search(state: TargetState, res: ServerResponse, query: string): void {
  const q = queryParam(query, 'q');
  if (q === undefined || q.trim() === '') return badRequest(res, 'missing search query: use /api/search?q=words');
  if (q.length > 200) return badRequest(res, 'search query longer than 200 characters');
  answer(state, 'search', res, 200, state.docs.search(q));
}

function create(state: TargetState, req: IncomingMessage, res: ServerResponse): void {
  readBody(req).then(
    (body) => {
      if (body === null) return sendJson(res, 413, errorJson(413, 'request body larger than 1 MB'));
      let input: unknown;
      try {
        input = JSON.parse(body);
      } catch {
        return badRequest(res, 'request body is not valid JSON');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return badRequest(res, 'request body must be a JSON object');
      const doc = state.docs.create(input as Record<string, unknown>);
      res.setHeader('location', `/api/documents/${doc.id}`);
      answer(state, 'create', res, 201, JSON.stringify(doc));
    },
    () => res.destroy(),
  );
}
