// Runs the benchmark's child processes: the demo target server and the client scripts, each bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** A running server child and its base URL. */
export interface ServerChild {
  readonly url: string;
  /** Last STATS line the server printed. */
  stats(): Record<string, number>;
  stop(): Promise<void>;
}

function node(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', HERE + script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Starts bench/realtime/server.ts; resolves once it listens (fails after 30 s). */
export async function startServer(): Promise<ServerChild> {
  const child = node('server.ts', []);
  let last: Record<string, number> = {};
  const lines = createInterface({ input: child.stdout! });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[server] ${d}`));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 30 s')), 30_000);
    lines.on('line', (line) => {
      if (line.startsWith('LISTENING ')) { clearTimeout(timer); resolve(line.slice(10).trim()); }
      else if (line.startsWith('STATS ')) last = JSON.parse(line.slice(6)) as Record<string, number>;
    });
    child.once('exit', () => reject(new Error('server exited before listening')));
  });
  return {
    url,
    stats: () => last,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 10_000);
      await exited(child);
      clearTimeout(t);
    },
  };
}

/** Runs a client script to completion (killed after `timeoutMs`); resolves with its RESULT object. */
export async function runClient(script: string, args: string[], timeoutMs: number): Promise<Record<string, unknown>> {
  const child = node(script, args);
  let result: Record<string, unknown> | undefined;
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => { if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as Record<string, unknown>; });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited(child);
  clearTimeout(timer);
  if (!result) throw new Error(`${script} gave no result (exit ${child.exitCode}, signal ${child.signalCode}): ${stderr.slice(0, 1500)}`);
  return result;
}
