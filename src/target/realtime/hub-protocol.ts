// The JSON SignalR hub protocol as the demo hub speaks it: records split by 0x1E, typed messages.

/** The record separator that ends every JSON hub protocol message (and both handshake messages). */
export const RS = '\u001e';

/** Hub message type numbers from the specification. */
export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

/** Any message a client may send, loosely typed until dispatched. */
export interface ClientMessage {
  type: number;
  invocationId?: string;
  target?: string;
  arguments?: unknown;
  [key: string]: unknown;
}

/** Splits buffered text into complete records; returns the records and the unterminated rest. */
export function splitRecords(buffered: string): { records: string[]; rest: string } {
  const parts = buffered.split(RS);
  const rest = parts.pop() ?? '';
  return { records: parts.filter((p) => p.length > 0), rest };
}

/** Parses a handshake request; returns the protocol and version or an error text for the response. */
export function parseHandshake(record: string): { protocol: string; version: number } | { error: string } {
  let msg: unknown;
  try { msg = JSON.parse(record); } catch { return { error: 'Handshake request is not valid JSON.' }; }
  if (!msg || typeof msg !== 'object') return { error: 'Handshake request must be a JSON object.' };
  const { protocol, version } = msg as Record<string, unknown>;
  if (typeof protocol !== 'string') return { error: "Handshake request is missing the 'protocol' property." };
  if (typeof version !== 'number') return { error: "Handshake request is missing the 'version' property." };
  return { protocol, version };
}

/** The handshake response: `{}` on success or `{"error":...}`, terminated by RS. */
export function handshakeResponse(error?: string): string {
  return (error ? JSON.stringify({ error }) : '{}') + RS;
}

/** Parses one record into a message; throws on invalid JSON or a missing/unknown type. */
export function parseMessage(record: string): ClientMessage {
  const msg = JSON.parse(record) as ClientMessage;
  if (!msg || typeof msg !== 'object' || typeof msg.type !== 'number') throw new Error('Message is missing the type property.');
  return msg;
}

/** A Completion record carrying a result (omitted for void methods) or an error. */
export function completion(invocationId: string, outcome: { result?: unknown; error?: string }): string {
  const msg: Record<string, unknown> = { type: MessageType.Completion, invocationId };
  if (outcome.error !== undefined) msg.error = outcome.error;
  else if (outcome.result !== undefined) msg.result = outcome.result;
  return JSON.stringify(msg) + RS;
}

/** A server-to-client Invocation record (non-blocking: no invocationId). */
export function invocation(target: string, args: unknown[]): string {
  return JSON.stringify({ type: MessageType.Invocation, target, arguments: args }) + RS;
}

/** The Ping record. */
export const PING = JSON.stringify({ type: MessageType.Ping }) + RS;

/** A Close record, with an error when the connection closes because of one. */
export function closeMessage(error?: string, allowReconnect?: boolean): string {
  const msg: Record<string, unknown> = { type: MessageType.Close };
  if (error !== undefined) msg.error = error;
  if (allowReconnect !== undefined) msg.allowReconnect = allowReconnect;
  return JSON.stringify(msg) + RS;
}
