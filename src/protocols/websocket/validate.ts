// Strict validation of a WebSocket workload: every problem at once, unknown options rejected.
import type { ConfigIssue } from '../../contracts/errors.ts';
import type { WebSocketWorkload } from '../../contracts/websocket-workload.ts';
import { IssueList } from '../../config/checks.ts';
import { isLoopback } from '../../contracts/host-guard.ts';
import { checkSessionShape, checkTarget } from '../sessions/option-checks.ts';
import { validateWorkloadHttp } from '../http/workload-http.ts';

const KEYS = [
  'protocol', 'path', 'url', 'stages', 'startConnections', 'connections', 'duration', 'messagesPerSecond', 'payload',
  'exchanges', 'correlation', 'pingInterval', 'replyTimeout', 'reconnect', 'reconnectDelay', 'connectRate', 'connectTimeout', 'headers',
  'subprotocols', 'startTime', 'gracefulStop', 'tags', 'http',
] as const;

/** Shortest pingInterval accepted, ms (0 = no pings). */
const MIN_PING_MS = 10;

/** Every problem of one WebSocket workload's options; an absolute `url` must pass `isAllowedHost` (the run's host guard). */
export function validateWebSocketWorkload(w: WebSocketWorkload, path: string, file: string, isAllowedHost: (host: string) => boolean = isLoopback): ConfigIssue[] {
  const l = new IssueList(file, path);
  if (!w || typeof w !== 'object') { l.add('', 'must be an object', "write { protocol: 'websocket', path: '/ws/echo', connections: 10, duration: '30s' }"); return l.issues; }
  l.unknownKeys(w, KEYS);
  if (w.path !== undefined && w.url !== undefined) l.add('url', 'give `path` or `url`, not both', 'remove one of them');
  else if (w.url !== undefined) checkTarget(l, 'url', w.url, ['ws:', 'wss:', 'http:', 'https:'], isAllowedHost);
  else if (w.path !== undefined) checkTarget(l, 'path', w.path, ['ws:', 'wss:', 'http:', 'https:'], isAllowedHost);
  else l.add('path', 'is required (or `url`)', "give the WebSocket path, e.g. path: '/ws/echo'");
  checkSessionShape(l, w, 'connections', 'startConnections', 100);
  l.number(w.messagesPerSecond === 0 ? undefined : w.messagesPerSecond, 'messagesPerSecond', { above: 0 });
  if (w.messagesPerSecond !== undefined && w.messagesPerSecond > 1000) l.add('messagesPerSecond', 'more than 1000 messages per second per connection', 'use more connections instead');
  if (w.payload !== undefined && typeof w.payload !== 'string' && typeof w.payload !== 'function') l.add('payload', 'must be a string or a function returning a string', "e.g. payload: '{\"op\":\"ping\"}'");
  checkCorrelation(l, w.correlation);
  checkExchanges(l, w.exchanges);
  const pingMs = l.duration(w.pingInterval, 'pingInterval');
  if (pingMs > 0 && pingMs < MIN_PING_MS) l.add('pingInterval', `pings more often than every ${MIN_PING_MS} ms (the connections' timer ticks every 20 ms)`, "use e.g. pingInterval: '1s'");
  l.duration(w.replyTimeout, 'replyTimeout');
  l.duration(w.reconnectDelay, 'reconnectDelay');
  l.duration(w.connectTimeout, 'connectTimeout');
  l.duration(w.startTime, 'startTime');
  l.duration(w.gracefulStop, 'gracefulStop');
  l.number(w.connectRate, 'connectRate', { above: 0 });
  if (w.reconnect !== undefined && typeof w.reconnect !== 'boolean') l.add('reconnect', 'must be true or false', 'reconnect: true reopens dropped connections');
  l.stringMap(w.tags, 'tags');
  l.stringMap(w.headers, 'headers');
  if (w.subprotocols !== undefined && (!Array.isArray(w.subprotocols) || w.subprotocols.some((p) => typeof p !== 'string' || !p)))
    l.add('subprotocols', 'must be an array of non-empty strings', "e.g. subprotocols: ['chat']");
  validateWorkloadHttp(w.http, 'http', l, file, ['tls']);
  return l.issues;
}

function checkCorrelation(l: IssueList, c: unknown): void {
  if (c === undefined || c === 'id' || c === 'order' || c === 'none') return;
  if (c && typeof c === 'object' && typeof (c as Record<string, unknown>).encode === 'function' && typeof (c as Record<string, unknown>).decode === 'function') return;
  l.add('correlation', `must be 'id', 'order', 'none' or { encode, decode }, got ${JSON.stringify(c)}`, "use 'order' for a plain echo server, 'id' when replies carry the message id");
}

function checkExchanges(l: IssueList, xs: unknown): void {
  l.objectList(xs, 'exchanges', ['name', 'send', 'expect', 'timeout'], '{ send, expect, timeout? }', "{ send: 'hello', expect: (m) => m === 'hello', timeout: '5s' }", (x, k) => {
    if (typeof x.send !== 'string' && typeof x.send !== 'function') l.add(`${k}.send`, 'must be a string or a function', "e.g. send: '{\"op\":\"subscribe\"}'");
    if (typeof x.expect !== 'function') l.add(`${k}.expect`, 'must be a predicate (message) => boolean', "e.g. expect: (m) => m.includes('subscribed')");
    if (x.name !== undefined && (typeof x.name !== 'string' || !x.name)) l.add(`${k}.name`, 'must be a non-empty string', 'name the exchange for its ws_msg_rtt tag');
    l.duration(x.timeout, `${k}.timeout`);
  });
}
