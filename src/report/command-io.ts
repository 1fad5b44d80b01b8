// Output streams and error handling shared by the report and compare commands.
import { ConfigError, ExitCode, LoadcertError } from '../contracts/errors.ts';

/** Where a command writes; tests pass collectors, the CLI passes process streams. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/** Outside text made safe for a terminal: control characters (escape sequences) become '?'. */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '?');
}

/** Writes to process.stdout / process.stderr. */
export const processIO: CommandIO = {
  out: (t) => void process.stdout.write(`${plain(t.replace(/\n$/, ''))}\n`),
  err: (t) => void process.stderr.write(`${plain(t.replace(/\n$/, ''))}\n`),
};

/** A command-line usage problem (exit 104) naming the option and how to fix it. */
export function usageError(command: string, message: string, fix: string): ConfigError {
  return new ConfigError([{ file: 'command line', path: command, message, fix }]);
}

/** Runs a command body: a LoadcertError prints its message and returns its exit code; anything else exits 1. */
export async function runCommand(io: CommandIO, name: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof LoadcertError) {
      io.err(`loadcert ${name}: ${err.message}`);
      return err.exitCode;
    }
    io.err(`loadcert ${name}: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return ExitCode.UNEXPECTED;
  }
}

/** Parses a non-negative percentage option value; usage error otherwise. */
export function parsePercent(command: string, option: string, text: string): number {
  const v = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(v) || v < 0) throw usageError(command, `${option} must be a non-negative number of percent, got "${text}"`, `for example ${option} 10`);
  return v;
}
