// A child process with known resource use for the process and host sampler tests: holds `mb` MB and
// burns one core in a busy loop until killed or `maxMs` pass (bounded).
import { spawn, type ChildProcess } from 'node:child_process';

const CHILD = `
const mb = Number(process.argv[1]);
const held = Buffer.alloc(mb * 1024 * 1024, 1);
const end = Date.now() + Number(process.argv[2]);
let x = 0;
while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x += i & held[i % held.length]; }
process.exit(x === -1 ? 1 : 0);
`;

/** Starts the busy child; `marker` appears in its command line (for match-based sampling). */
export function startBusyChild(mb: number, maxMs: number, marker: string): ChildProcess {
  return spawn(process.execPath, ['-e', CHILD, String(mb), String(maxMs), marker], { stdio: 'ignore' });
}

/** Kills the child and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
