// argv -> command -> exit code. No logic of its own beyond dispatch; each command's modules load only when it runs (a fast --help).
import { MAIN_HELP } from './cli/help.ts';
import { ExitCode } from './contracts/errors.ts';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./cli/run-command.ts')).runCommand,
  target: async () => (await import('./target/command.ts')).runTargetCommand,
  capacity: async () => (await import('./cli/capacity-command.ts')).capacityCommand,
  report: async () => (await import('./report/index.ts')).runReportCommand,
  compare: async () => (await import('./cli/compare-command.ts')).runCompareCommand,
  init: async () => (await import('./init/command.ts')).runInitCommand,
  publish: async () => (await import('./history/publish-command.ts')).runPublishCommand,
  merge: async () => (await import('./merge/command.ts')).runMergeCommand,
  k8s: async () => (await import('./orchestrate/k8s/command.ts')).runK8sCommand,
  swarm: async () => (await import('./orchestrate/swarm/command.ts')).runSwarmCommand,
  faults: async () => (await import('./cli/faults-command.ts')).runFaultsCommand,
};

/** Every command's name, in the order of the dispatch table (the CLI reference lists them so). */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** Runs the command line and resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    if (cmd === 'help' && rest[0] && COMMANDS[rest[0]]) return main([rest[0], '--help']);
    process.stdout.write(MAIN_HELP);
    return cmd ? ExitCode.OK : ExitCode.INVALID_CONFIG;
  }
  if (cmd === '--version' || cmd === '-v') {
    const { VERSION } = await import('./contracts/version.ts');
    process.stdout.write(`loadcert ${VERSION}\n`);
    return ExitCode.OK;
  }
  const load = COMMANDS[cmd];
  if (!load) {
    process.stderr.write(`loadcert: unknown command "${cmd}"\n\n${MAIN_HELP}`);
    return ExitCode.INVALID_CONFIG;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    return (await import('./cli/run-command.ts')).reportError(err);
  }
}
