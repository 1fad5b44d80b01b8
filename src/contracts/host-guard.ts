import { isIP } from 'node:net';

/** True for loopback hosts: localhost, 127.0.0.0/8 and ::1 (brackets allowed). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** A predicate allowing loopback hosts plus the hosts listed on purpose (case-insensitive). */
export function hostAllowList(allowed: readonly string[]): (host: string) => boolean {
  const set = new Set(allowed.map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()));
  return (host) => isLoopback(host) || set.has(host.replace(/^\[|\]$/g, '').toLowerCase());
}
