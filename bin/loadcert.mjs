#!/usr/bin/env node
// loadcert command: registers tsx so scenarios (and loadcert's own sources) load as TypeScript.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Give stdout a moment to drain, then leave even if a handle is still open.
setTimeout(() => process.exit(code), 50).unref();
