// What `loadcert init` needs to know about the system under test, its defaults and their checks.
import { ConfigError } from '../contracts/errors.ts';
import { IssueList } from '../config/checks.ts';

/** The answers `loadcert init` writes a project from (every one has a flag). */
export interface InitAnswers {
  /** Scenario name (file scenarios/<name>.ts), lower-case letters, digits and dashes. */
  name: string;
  baseUrl: string;
  /** Health endpoint paths probed before and during the run. */
  health: string[];
  /** Release HTTP rate, requests per second. */
  rate: number;
  /** Release concurrent real-time users (SignalR) or connections (WebSocket). */
  users: number;
  /** SignalR hub path, or '' for none. */
  signalrHub: string;
  /** WebSocket endpoint path, or '' for none. */
  websocket: string;
  /** Docker container names to sample ([] for none). */
  containers: string[];
  /** Which CI file to write. */
  ci: 'github' | 'gitlab' | 'none';
}

/** Defaults: the document platform of the first users (the demo target answers all of it). */
export const DEFAULT_ANSWERS: Readonly<InitAnswers> = Object.freeze({
  name: 'release',
  baseUrl: 'http://127.0.0.1:8080',
  health: ['/health', '/health/detailed', '/api/health'],
  rate: 500,
  users: 200,
  signalrHub: '/hubs/documents',
  websocket: '/ws/echo',
  containers: [],
  ci: 'github',
});

/** Splits a comma list ("a, b") into trimmed non-empty items; "none" or '' is the empty list. */
export function listOf(text: string): string[] {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'none') return [];
  return t.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Checks every answer; throws ConfigError (104) listing each bad one with its flag and a fix. */
export function checkAnswers(a: InitAnswers): InitAnswers {
  const list = new IssueList('command line');
  const bad = (flag: string, message: string, fix: string) => list.add(flag, message, fix);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(a.name)) bad('--name', `"${a.name}" is not a scenario name`, 'use lower-case letters, digits and dashes, e.g. --name release');
  let url: URL | undefined;
  try { url = new URL(a.baseUrl); } catch { /* reported below */ }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash) bad('--base-url', `"${a.baseUrl}" is not an http(s) origin`, 'e.g. --base-url http://127.0.0.1:8080');
  for (const h of a.health) if (!h.startsWith('/') || /\s/.test(h)) bad('--health', `"${h}" is not a path`, 'paths start with /, e.g. --health /health,/api/health');
  if (!Number.isInteger(a.rate) || a.rate < 1 || a.rate > 1_000_000) bad('--rate', `"${a.rate}" is not a rate`, 'a whole number of requests per second, e.g. --rate 500');
  if (!Number.isInteger(a.users) || a.users < 0 || a.users > 1_000_000) bad('--users', `"${a.users}" is not a number of users`, 'a whole number, e.g. --users 200 (0: no real-time load)');
  for (const [flag, p] of [['--signalr-hub', a.signalrHub], ['--websocket', a.websocket]] as const)
    if (p !== '' && (!p.startsWith('/') || /\s/.test(p))) bad(flag, `"${p}" is not a path`, `a path starting with /, or "none"`);
  for (const c of a.containers) if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(c)) bad('--containers', `"${c}" is not a container name`, 'names as `docker ps` shows them, comma-separated');
  if (!['github', 'gitlab', 'none'].includes(a.ci)) bad('--ci', `"${a.ci}" is not a CI`, 'one of github, gitlab, none');
  if (list.issues.length) throw new ConfigError(list.issues);
  return a;
}
