#!/usr/bin/env -S node --max-semi-space-size=64 --min-semi-space-size=16
// loadcert command: registers tsx so scenarios (and loadcert's own sources) load as TypeScript.
// The V8 flags above (README, *What one core holds*): a young generation that starts at 16 MB and may grow
// to 64 MB per semi-space, measured to cut scavenges about 3.5x at 5,000 req/s; `node bin/loadcert.mjs` runs without them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Give stdout a moment to drain, then leave even if a handle is still open.
setTimeout(() => process.exit(code), 50).unref();
