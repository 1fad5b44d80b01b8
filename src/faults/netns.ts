// Running a network tool (nft, tc) in the host's network namespace or in a process's (nsenter --net).
import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import type { NetnsRef } from './ledger.ts';

/** How long one nft / tc / nsenter call may take, ms. */
export const TOOL_TIMEOUT_MS = 10_000;

/** The namespace of a process as a NetnsRef; undefined when the process is gone or /proc is unreadable. */
export function netnsOf(pid: number): NetnsRef | undefined {
  try {
    return { pid, inode: readlinkSync(`/proc/${pid}/ns/net`) };
  } catch {
    return undefined;
  }
}

/** True while `ns` still exists as recorded (its process is alive and still in that namespace). */
export function netnsAlive(ns: NetnsRef): boolean {
  return netnsOf(ns.pid)?.inode === ns.inode;
}

/** Outcome of a tool call. */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `cmd args` (with `input` on stdin) in the host's namespace, or in `ns` through
 * `nsenter --target PID --net`; resolves with its exit code and output; rejects only when the tool cannot be
 * started (ENOENT: the message names the Debian package).
 */
export function runNetTool(cmd: string, args: readonly string[], ns: NetnsRef | undefined, input?: string, signal?: AbortSignal): Promise<ToolResult> {
  const [file, argv] = ns ? ['nsenter', ['--target', String(ns.pid), '--net', '--', cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve, reject) => {
    const child = execFile(file, argv, { timeout: TOOL_TIMEOUT_MS, signal, encoding: 'utf8' }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && e.code === 'ENOENT') {
        reject(new Error(`${file} is not installed (Debian: apt-get install ${file === 'nft' ? 'nftables' : file === 'tc' ? 'iproute2' : 'util-linux'})`));
        return;
      }
      if (e && typeof e.code !== 'number' && e.name === 'AbortError') { reject(e); return; }
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr: stderr.trim() || (e && typeof e.code !== 'number' ? e.message : '') });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}
