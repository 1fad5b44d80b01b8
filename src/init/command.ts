// `loadcert init [DIR]`: writes a typed scenario, its smoke, thresholds.json, tsconfig.json and a CI file for a system.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, ExitCode } from '../contracts/errors.ts';
import { processIO, runCommand, usageError, type CommandIO } from '../report/command-io.ts';
import { checkAnswers, DEFAULT_ANSWERS, listOf, type InitAnswers } from './answers.ts';
import { askAnswers } from './ask.ts';
import { projectFiles, projectPackage } from './files.ts';
import { loadcertDepSpec, unbuiltCheckoutNote } from './loadcert-dep.ts';
import { basename, resolve } from 'node:path';

/** Help text of `loadcert init`. */
export const INIT_HELP = `Usage: loadcert init [DIR] [options]

Writes a loadcert project for your system into DIR (default: the current folder):
  scenarios/<name>.ts      the release load (ramp 20 s, hold 40 s) at --rate and --users, typed (defineScenario)
  scenarios/smoke.ts       the same mix at a tenth of the load for 10 s (longer below 70/s), every push
  thresholds.json          the release criteria as gates (p95 < 2 s, errors < 0.5 %, uptime > 99.5 %,
                           database time < 100 ms, throughput held) and the alert rules as alert entries
  tsconfig.json            so \`tsc --noEmit\` checks the scenarios; scenarios/package.json makes them ES modules
  package.json             only when DIR has none: loadcert (--loadcert-dep), typescript and @types/node as dev dependencies
  .github/workflows/loadcert.yml or .gitlab-ci.yml   the CI gate (--ci)
On a terminal it asks for each answer (Enter keeps the default shown); otherwise, or with --yes, it asks
nothing and uses the flags and defaults. It never overwrites a file without --force.

Options:
  --name NAME            scenario name and file (default ${DEFAULT_ANSWERS.name})
  --base-url URL         origin of the system under test (default ${DEFAULT_ANSWERS.baseUrl})
  --health PATHS         health endpoints, comma-separated, or none (default ${DEFAULT_ANSWERS.health.join(',')})
  --rate N               release rate, HTTP requests per second (default ${DEFAULT_ANSWERS.rate})
  --users N              release concurrent real-time users (default ${DEFAULT_ANSWERS.users}; 0: none)
  --signalr-hub PATH     SignalR hub path, or none (default ${DEFAULT_ANSWERS.signalrHub})
  --websocket PATH       WebSocket endpoint path, or none (default ${DEFAULT_ANSWERS.websocket})
  --containers NAMES     Docker containers to sample, comma-separated (default none)
  --ci KIND              github, gitlab or none (default ${DEFAULT_ANSWERS.ci})
  --loadcert-dep SPEC    the loadcert the project's package.json depends on: a tarball from npm pack or a
                         checkout (a path; written as file:<absolute path>), or any spec npm installs, e.g.
                         git+https://host/loadcert.git#v0.1.0 (default: file: this loadcert's own folder)
  --yes                  ask nothing even on a terminal
  --force                overwrite files that exist
  -h, --help             show this help

Exit codes: 0 written; 104 a bad answer, or a file exists (named) and --force was not given.`;

function int(flag: string, text: string): number {
  const v = Number(text);
  if (!/^\d+$/.test(text.trim())) throw usageError('init', `${flag} must be a whole number, got "${text}"`, `for example ${flag} 100`);
  return v;
}

/** Answers from the flags over the defaults. */
export function answersFromFlags(values: Record<string, string | boolean | undefined>): InitAnswers {
  const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const path = (k: string, d: string) => { const v = s(k); return v === undefined ? d : v.trim().toLowerCase() === 'none' ? '' : v.trim(); };
  return {
    name: s('name') ?? DEFAULT_ANSWERS.name,
    baseUrl: s('base-url') ?? DEFAULT_ANSWERS.baseUrl,
    health: s('health') !== undefined ? listOf(s('health')!) : [...DEFAULT_ANSWERS.health],
    rate: s('rate') !== undefined ? int('--rate', s('rate')!) : DEFAULT_ANSWERS.rate,
    users: s('users') !== undefined ? int('--users', s('users')!) : DEFAULT_ANSWERS.users,
    signalrHub: path('signalr-hub', DEFAULT_ANSWERS.signalrHub),
    websocket: path('websocket', DEFAULT_ANSWERS.websocket),
    containers: s('containers') !== undefined ? listOf(s('containers')!) : [],
    ci: (s('ci') ?? DEFAULT_ANSWERS.ci) as InitAnswers['ci'],
  };
}

/** Options of runInitCommand beyond argv: the input to ask on (tests pass a scripted one) and whether it is a terminal. */
export interface InitIO extends CommandIO {
  input?: NodeJS.ReadableStream;
  interactive?: boolean;
}

/** Runs `loadcert init`; resolves to the exit code (104 naming every existing file without --force). */
export async function runInitCommand(argv: string[], io: InitIO = processIO): Promise<number> {
  return runCommand(io, 'init', async () => {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
        help: { type: 'boolean', short: 'h' }, yes: { type: 'boolean' }, force: { type: 'boolean' },
        name: { type: 'string' }, 'base-url': { type: 'string' }, health: { type: 'string' }, rate: { type: 'string' },
        users: { type: 'string' }, 'signalr-hub': { type: 'string' }, websocket: { type: 'string' }, containers: { type: 'string' }, ci: { type: 'string' }, 'loadcert-dep': { type: 'string' },
      } });
    } catch (err) {
      throw usageError('init', (err as Error).message, 'run `loadcert init --help`');
    }
    const { values, positionals } = parsed;
    if (values.help) { io.out(INIT_HELP); return ExitCode.OK; }
    if (positionals.length > 1) throw usageError('init', `expects at most one folder, got ${positionals.length}`, 'loadcert init my-loadtests');
    const dir = positionals[0] ?? '.';
    let answers = checkAnswers(answersFromFlags(values));
    const interactive = io.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
    if (interactive && !values.yes) answers = checkAnswers(await askAnswers(answers, io.input ?? process.stdin, io.out));
    const files = projectFiles(answers);
    const ownPackage = existsSync(join(dir, 'package.json'));
    const dep = loadcertDepSpec(typeof values['loadcert-dep'] === 'string' ? values['loadcert-dep'] : undefined);
    if (!ownPackage) files['package.json'] = projectPackage(basename(resolve(dir)), dep);
    if (!values.force) {
      const existing = Object.keys(files).filter((f) => existsSync(join(dir, f)));
      if (existing.length) throw new ConfigError(existing.map((f) => ({ file: join(dir, f), path: '', message: 'exists; loadcert init does not overwrite it', fix: 'move it away, or pass --force to overwrite' })));
    }
    for (const [rel, text] of Object.entries(files)) {
      const path = join(dir, rel);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      io.out(`wrote ${path}`);
    }
    if (ownPackage) io.out(`kept ${join(dir, 'package.json')}: add the dev dependencies loadcert (${dep}), typescript and @types/node`);
    const note = ownPackage ? undefined : unbuiltCheckoutNote(dep);
    if (note) io.out(note);
    io.out(`\nNext: cd ${dir} && npm install && npx tsc --noEmit && npx loadcert run scenarios/smoke.ts${answers.baseUrl === DEFAULT_ANSWERS.baseUrl ? ' --demo-target' : ''}`);
    return ExitCode.OK;
  });
}
