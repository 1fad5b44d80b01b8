// `loadcert faults clear`: undoes every fault effect a loadcert process recorded in the ledger and did not
// undo (it was killed, or its cleanup failed), and reports what it did.
import { parseArgs } from 'node:util';
import { ExitCode } from '../contracts/errors.ts';
import { processIO, runCommand, usageError, type CommandIO } from '../report/command-io.ts';
import { clearLedger } from '../faults/clear.ts';
import { ledgerDir } from '../faults/ledger.ts';

/** Help text of `loadcert faults`. */
export const FAULTS_HELP = `Usage: loadcert faults clear [--force]

Undoes the fault effects that loadcert recorded and did not undo: nftables tables (inet loadcert_faults_*),
paused or stopped containers, containers disconnected from their networks, frozen (SIGSTOP) processes.
Every effect is recorded in the ledger (${ledgerDir()}, or $LOADCERT_FAULT_LEDGER) before it is applied
and removed once undone; normally loadcert undoes everything itself, also on Ctrl-C, SIGTERM and, through
a watcher process, when it is killed. Entries of a loadcert process that still runs are left to it unless
--force is given. Exec faults (your own functions) and http faults are not recorded: undo them yourself.

Options:
  --force   also undo the effects of loadcert processes that still run

Exit codes: 0 nothing left (or only effects of running processes); 1 an effect could not be undone
(it stays recorded: fix the cause and run the command again).`;

/** Runs `loadcert faults`; resolves to the exit code. */
export async function runFaultsCommand(argv: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, 'faults', async () => {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, force: { type: 'boolean' } } });
    } catch (err) {
      throw usageError('faults', (err as Error).message, 'run `loadcert faults --help`');
    }
    if (parsed.values.help) { io.out(FAULTS_HELP); return ExitCode.OK; }
    if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'clear')
      throw usageError('faults', `expects the subcommand clear, got ${parsed.positionals.join(' ') || 'nothing'}`, 'loadcert faults clear');
    const { results, unreadable } = await clearLedger({ force: !!parsed.values.force });
    for (const r of results) io.out(`${r.status}: ${r.message}`);
    for (const f of unreadable) io.err(`unreadable ledger entry ${f}: inspect it by hand (nft list tables; docker ps -a), then delete it`);
    const failed = results.filter((r) => r.status === 'failed').length;
    const count = (s: string) => results.filter((r) => r.status === s).length;
    io.out(results.length
      ? `faults clear: ${count('undone')} undone, ${count('gone')} already gone, ${count('skipped')} left to running processes, ${failed} failed (ledger ${ledgerDir()})`
      : `faults clear: nothing recorded (ledger ${ledgerDir()})`);
    return failed || unreadable.length ? ExitCode.UNEXPECTED : ExitCode.OK;
  });
}
