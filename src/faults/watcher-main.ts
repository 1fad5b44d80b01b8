// The fault watcher program (a detached child of loadcert, run with the tsx loader):
//   watcher-main.ts PID START_TICKS          waits until that process is gone, undoes its ledger entries, exits
//   watcher-main.ts PID START_TICKS --now    undoes them at once (the owner's exit hook runs it synchronously)
// What it did is appended to <ledger dir>/watcher.log (and printed on stderr with --now).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { clearLedger } from './clear.ts';
import { ledgerDir, ownerAlive, type LedgerOwner } from './ledger.ts';

/** How often the watcher checks that its owner still runs, ms. */
const WATCH_POLL_MS = 100;

function log(line: string, toStderr: boolean): void {
  const text = `${new Date().toISOString()} ${line}\n`;
  try {
    mkdirSync(ledgerDir(), { recursive: true, mode: 0o700 });
    appendFileSync(join(ledgerDir(), 'watcher.log'), text);
  } catch { /* nowhere to write: the ledger entries still tell */ }
  if (toStderr) process.stderr.write(`loadcert faults: ${line}\n`);
}

async function clearOwner(owner: LedgerOwner, now: boolean): Promise<number> {
  const { results } = await clearLedger({ owner });
  let failed = 0;
  for (const r of results) {
    if (r.status === 'failed') failed++;
    log(`pid ${owner.pid}: ${r.status}: ${r.message}`, now || r.status === 'failed');
  }
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const owner: LedgerOwner = { pid: Number(argv[0]), startTicks: Number(argv[1]) };
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !Number.isFinite(owner.startTicks)) {
    process.stderr.write('usage: watcher-main.ts PID START_TICKS [--now]\n');
    return 2;
  }
  if (argv[2] === '--now') return clearOwner(owner, true);
  while (ownerAlive(owner)) await new Promise((r) => setTimeout(r, WATCH_POLL_MS));
  return clearOwner(owner, false);
}

// Exit explicitly: an idle keep-alive socket to the engine must not keep the watcher (or the exit hook waiting for it) alive.
process.exit(await main(process.argv.slice(2)));
