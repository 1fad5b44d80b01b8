// The questions `loadcert init` asks on a terminal; Enter keeps the default shown.
import { createInterface } from 'node:readline/promises';
import { listOf, type InitAnswers } from './answers.ts';

/** Asks for each answer (base URL, health endpoints, rate, users, SignalR hub, WebSocket endpoint, containers) starting from `start`. */
export async function askAnswers(start: InitAnswers, input: NodeJS.ReadableStream, say: (t: string) => void): Promise<InitAnswers> {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  // Lines are read as they come (typed or piped); an ended input keeps the defaults of the remaining questions.
  const ask = async (q: string, d: string) => {
    say(`${q} [${d || 'none'}]:`);
    const next = await lines.next();
    const a = next.done ? '' : String(next.value).trim();
    return a === '' ? d : a;
  };
  try {
    say('loadcert init: a few questions about the system under test (Enter keeps the default).');
    const a = { ...start };
    a.baseUrl = await ask('Base URL of the system under test', a.baseUrl);
    a.health = listOf(await ask('Health endpoints (comma-separated, or none)', a.health.join(',')));
    a.rate = Number(await ask('Release rate, HTTP requests per second', String(a.rate)));
    a.users = Number(await ask('Release concurrent real-time users (0: none)', String(a.users)));
    const hub = await ask('SignalR hub path (or none)', a.signalrHub);
    a.signalrHub = hub.toLowerCase() === 'none' ? '' : hub;
    const ws = await ask('WebSocket endpoint path (or none)', a.websocket);
    a.websocket = ws.toLowerCase() === 'none' ? '' : ws;
    a.containers = listOf(await ask('Docker containers to sample (comma-separated, or none)', a.containers.join(',')));
    return a;
  } finally {
    rl.close();
  }
}
