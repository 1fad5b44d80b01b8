// Bounded HTTP load toward a loopback URL for the docker tests: plain undici requests, at most
// `maxRequests` requests or `maxMs` milliseconds, whichever comes first.
import { Pool } from 'undici';

/** Sends GET `path` from `connections` parallel loops; returns how many requests completed. */
export async function driveLoad(url: string, path: string, opts: { connections: number; maxMs: number; maxRequests: number }): Promise<number> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`load only goes to loopback, not ${url}`);
  const pool = new Pool(url, { connections: opts.connections });
  const end = Date.now() + opts.maxMs;
  let sent = 0;
  let done = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < end && sent < opts.maxRequests) {
      sent++;
      try {
        const res = await pool.request({ path, method: 'GET' });
        await res.body.dump();
        done++;
      } catch { /* counted as not done */ }
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.connections }, loop));
  } finally {
    await pool.close();
  }
  return done;
}
