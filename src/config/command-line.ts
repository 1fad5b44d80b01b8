// The one argv parser of the subcommands: strict options and positionals, a bad flag is a ConfigError (exit 104).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../contracts/errors.ts';

/** Option specs as node:util parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What parseCommandLine returns for `options` (named, so the package's declarations can state it). */
export type ParsedCommandLine<O extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>;

/** Parses `argv` of `loadcert <command>` against `options`; an unknown or malformed flag throws ConfigError pointing at `--help`. */
export function parseCommandLine<const O extends CommandOptions>(argv: string[], options: O, command: string): ParsedCommandLine<O> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new ConfigError([{ file: 'command line', path: '', message: (err as Error).message, fix: `run 'loadcert ${command} --help' for the options` }]);
  }
}
