// nftables rules of the network.drop / network.reset actions: one table of our own per fault
// (`inet loadcert_faults_<id>`), matching only TCP traffic to or from one port, in one network namespace.
import type { NetnsRef } from './ledger.ts';
import { runNetTool } from './netns.ts';

/** Prefix of every table the fault actions create. */
export const TABLE_PREFIX = 'loadcert_faults_';

/** drop: packets vanish (a partition: connections hang until their timeouts); reset: answered with a TCP reset. */
export type NftVerdict = 'drop' | 'reset';

/**
 * The nft script of one table: an input and an output chain (priority -10, policy accept) whose only rules
 * match `tcp dport PORT` and `tcp sport PORT`, so new and established connections of that port are cut in
 * both directions and every other packet passes untouched (reset: every packet but a RST is answered with one).
 */
export function nftScript(table: string, port: number, verdict: NftVerdict): string {
  // A reset answers with a RST from (or to) the same port: it must pass our own rules, or it is dropped too.
  const v = verdict === 'drop' ? 'drop' : 'tcp flags & rst == 0 reject with tcp reset';
  const chain = (name: string) => [
    `  chain ${name} {`,
    `    type filter hook ${name} priority -10; policy accept;`,
    `    tcp dport ${port} ${v}`,
    `    tcp sport ${port} ${v}`,
    '  }',
  ].join('\n');
  return `table inet ${table} {\n${chain('input')}\n${chain('output')}\n}\n`;
}

/** Adds the table in `ns` (the host's when undefined); rejects with nft's message when it refuses. */
export async function addTable(table: string, port: number, verdict: NftVerdict, ns: NetnsRef | undefined, signal?: AbortSignal): Promise<void> {
  const r = await runNetTool('nft', ['-f', '-'], ns, nftScript(table, port, verdict), signal);
  if (r.code !== 0) throw new Error(`nft could not add table inet ${table}: ${r.stderr || `exit ${r.code}`}`);
}

/** Deletes the table in `ns`; resolves 'deleted', or 'absent' when it was not there; rejects on any other failure. */
export async function deleteTable(table: string, ns: NetnsRef | undefined, signal?: AbortSignal): Promise<'deleted' | 'absent'> {
  const r = await runNetTool('nft', ['delete', 'table', 'inet', table], ns, undefined, signal);
  if (r.code === 0) return 'deleted';
  if (/No such file or directory|does not exist/i.test(r.stderr)) return 'absent';
  throw new Error(`nft could not delete table inet ${table}: ${r.stderr || `exit ${r.code}`}`);
}
