#!/usr/bin/env node
// The installed package's `loadcert` command (dist/bin.js): runs the compiled CLI; scenario files are
// TypeScript and get the tsx loader only when one is loaded (config/typescript-loader.ts).
// A checkout runs bin/loadcert.mjs instead, which loads these sources through tsx.
import { main } from './cli.ts';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Give stdout a moment to drain, then leave even if a handle is still open.
setTimeout(() => process.exit(code), 50).unref();
