// Strict validation of a SignalR workload: every problem at once, unknown options rejected.
import type { ConfigIssue } from '../../contracts/errors.ts';
import type { SignalRWorkload } from '../../contracts/signalr-workload.ts';
import { IssueList } from '../../config/checks.ts';
import { isLoopback } from '../../contracts/host-guard.ts';
import { checkSessionShape, checkTarget } from '../sessions/option-checks.ts';
import { validateWorkloadHttp } from '../http/workload-http.ts';

const KEYS = [
  'protocol', 'hub', 'transport', 'skipNegotiation', 'accessToken', 'headers', 'hubProtocol', 'automaticReconnect', 'stages',
  'startUsers', 'users', 'duration', 'connectRate', 'join', 'loop', 'on', 'broadcastTimestamp', 'invokeTimeout', 'connectTimeout',
  'retryDelay', 'serverTimeout', 'keepAliveInterval', 'startTime', 'gracefulStop', 'tags', 'http',
] as const;

const METHOD = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Every problem of one SignalR workload's options; an absolute `hub` URL must pass `isAllowedHost` (the run's host guard). */
export function validateSignalRWorkload(w: SignalRWorkload, path: string, file: string, isAllowedHost: (host: string) => boolean = isLoopback): ConfigIssue[] {
  const l = new IssueList(file, path);
  if (!w || typeof w !== 'object') { l.add('', 'must be an object', "write { protocol: 'signalr', hub: '/hubs/documents', users: 10, duration: '1m' }"); return l.issues; }
  l.unknownKeys(w, KEYS);
  checkTarget(l, 'hub', w.hub, ['http:', 'https:', 'ws:', 'wss:'], isAllowedHost);
  l.oneOf(w.transport, 'transport', ['webSockets', 'serverSentEvents', 'longPolling']);
  l.oneOf(w.hubProtocol, 'hubProtocol', ['json', 'messagepack']);
  if (w.skipNegotiation !== undefined && typeof w.skipNegotiation !== 'boolean') l.add('skipNegotiation', 'must be true or false', 'skipNegotiation: true connects the WebSocket directly');
  if (w.skipNegotiation && w.transport && w.transport !== 'webSockets')
    l.add('skipNegotiation', `skipNegotiation works with the webSockets transport only, not ${w.transport}`, "remove skipNegotiation or use transport: 'webSockets'");
  if (w.accessToken !== undefined && typeof w.accessToken !== 'string' && typeof w.accessToken !== 'function')
    l.add('accessToken', 'must be a string or a function (vu) => token', "e.g. accessToken: process.env.API_TOKEN");
  l.stringMap(w.headers, 'headers');
  validateWorkloadHttp(w.http, 'http', l, file, ['tls']);
  checkReconnect(l, w.automaticReconnect);
  checkSessionShape(l, w, 'users', 'startUsers', 200);
  l.number(w.connectRate, 'connectRate', { above: 0 });
  checkJoin(l, w.join);
  checkLoop(l, w.loop);
  if (w.on !== undefined && (!Array.isArray(w.on) || w.on.some((m) => typeof m !== 'string' || !METHOD.test(m))))
    l.add('on', 'must be an array of method names', "e.g. on: ['DocumentEdited']");
  if (w.broadcastTimestamp !== undefined && w.broadcastTimestamp !== false && typeof w.broadcastTimestamp !== 'function')
    l.add('broadcastTimestamp', 'must be a function (method, args) => epoch ms, or false', 'e.g. broadcastTimestamp: (m, args) => args[0].serverTime');
  for (const k of ['invokeTimeout', 'connectTimeout', 'serverTimeout', 'keepAliveInterval', 'startTime', 'gracefulStop'] as const) l.duration(w[k], k);
  if (w.retryDelay !== false) l.duration(w.retryDelay, 'retryDelay');
  l.stringMap(w.tags, 'tags');
  return l.issues;
}

function checkReconnect(l: IssueList, r: unknown): void {
  if (r === undefined || typeof r === 'boolean') return;
  if (Array.isArray(r)) { r.forEach((d, i) => l.duration(d, `automaticReconnect[${i}]`, true)); return; }
  l.add('automaticReconnect', 'must be true, false or an array of retry delays', "e.g. automaticReconnect: ['0s', '2s', '10s']");
}

function checkJoin(l: IssueList, join: unknown): void {
  if (join === undefined || typeof join === 'function') return;
  if (!Array.isArray(join)) { l.add('join', 'must be an array of { method, args } or a function (vu) => calls', "e.g. join: (vu) => [{ method: 'JoinDocument', args: [`doc-${vu.id % 10}`] }]"); return; }
  l.objectList(join, 'join', ['method', 'args'], '{ method, args? }', "{ method: 'JoinDocument', args: ['doc-1'] }", (c, k) => {
    if (typeof c.method !== 'string' || !METHOD.test(c.method)) l.add(`${k}.method`, 'must be a hub method name', "e.g. 'JoinDocument'");
    if (c.args !== undefined && !Array.isArray(c.args)) l.add(`${k}.args`, 'must be an array', "e.g. args: ['doc-1']");
  });
}

function checkLoop(l: IssueList, loop: unknown): void {
  l.objectList(loop, 'loop', ['invoke', 'send', 'args', 'every'], '{ invoke | send, args?, every }', "{ invoke: 'EditDocument', args: (vu) => ['doc-1', 'x'], every: '1s' }", (s, k) => {
    const hasInvoke = s.invoke !== undefined;
    const hasSend = s.send !== undefined;
    if (hasInvoke === hasSend) l.add(k, 'give exactly one of `invoke` or `send`', 'invoke awaits the Completion; send is fire-and-forget');
    const m = hasInvoke ? s.invoke : s.send;
    if ((hasInvoke || hasSend) && (typeof m !== 'string' || !METHOD.test(m))) l.add(`${k}.${hasInvoke ? 'invoke' : 'send'}`, 'must be a hub method name', "e.g. 'EditDocument'");
    if (s.args !== undefined && !Array.isArray(s.args) && typeof s.args !== 'function') l.add(`${k}.args`, 'must be an array or a function (vu) => args', "e.g. args: ['doc-1', 'delta']");
    l.duration(s.every, `${k}.every`, true, true);
  });
}
