// spawnDemoTarget: runs the demo target as a child process (so its stalls and crashes do not touch the runner).
// The child never outlives the runner: on the runner's exit it is killed here, and if the runner dies
// without running exit handlers (SIGKILL), the child's process guard sees its parent gone and stops it.
import { spawn } from 'node:child_process';
import { LoadcertError } from '../contracts/errors.ts';
import { LISTENING_PREFIX } from './command.ts';
import { childEntryArgs } from '../config/typescript-loader.ts';

/** How long the child may take to print its listening line, ms. */
export const SPAWN_TIMEOUT_MS = 20_000;
/** How long stop() waits after SIGTERM before SIGKILL, ms. */
export const STOP_GRACE_MS = 5_000;

/** A demo target running in a child process. */
export interface SpawnedTarget {
  /** Base URL parsed from the child's listening line. */
  readonly url: string;
  readonly pid: number;
  /** Resolves with the child's exit code (null when killed by a signal) once it has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after STOP_GRACE_MS; resolves once the child has exited. Safe to call twice. */
  stop(): Promise<void>;
}

// From the sources (a checkout): main.ts through tsx; from the package: the compiled main.js, no loader.
const ENTRY = (): string[] => childEntryArgs(import.meta.url, 'main');

/** Spawns `node --import tsx src/target/main.ts ...args` (from dist/: `node dist/target/main.js ...args`) and resolves once it listens; throws LC_TARGET_SPAWN when it exits or stays silent. */
export function spawnDemoTarget(args: string[] = []): Promise<SpawnedTarget> {
  const child = spawn(process.execPath, [...ENTRY(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  exited.then(() => process.off('exit', killOnExit));

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000);
  });

  const stop = (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      timer.unref();
      exited.then(() => clearTimeout(timer));
    }
    return exited.then(() => undefined);
  };

  return new Promise<SpawnedTarget>((resolve, reject) => {
    let stdout = '';
    let done = false;
    const failWith = (why: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stop();
      reject(new LoadcertError('LC_TARGET_SPAWN', `demo target did not start: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => failWith(`no listening line within ${SPAWN_TIMEOUT_MS} ms`), SPAWN_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      if (done) return;
      stdout = (stdout + s).slice(-4000);
      const complete = stdout.split('\n').slice(0, -1);
      const line = complete.find((l) => l.startsWith(LISTENING_PREFIX));
      if (!line) return;
      done = true;
      clearTimeout(timer);
      resolve({ url: line.slice(LISTENING_PREFIX.length).trim(), pid: child.pid!, exited, stop });
    });
    child.once('error', (err) => failWith(err.message));
    exited.then((code) => failWith(`it exited with code ${code}`));
  });
}
