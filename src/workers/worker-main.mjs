// Entry of a segment worker thread: segment-worker.js in the package (dist/, which registers tsx itself before
// loading the scenario's TypeScript), segment-worker.ts from the sources.
import { importEntry } from '../config/thread-entry.mjs';

await importEntry(import.meta.url, 'segment-worker');
