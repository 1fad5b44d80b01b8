// Entry of the fold thread: fold-worker.js in the package (dist/), fold-worker.ts from the sources.
import { importEntry } from '../config/thread-entry.mjs';

await importEntry(import.meta.url, 'fold-worker');
