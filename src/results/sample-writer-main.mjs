// Entry of the sample writer thread: sample-writer-thread.js in the package (dist/), sample-writer-thread.ts
// from the sources (the compiled one needs no tsx; before, the package's entry imported the .ts and failed).
import { importEntry } from '../config/thread-entry.mjs';

await importEntry(import.meta.url, 'sample-writer-thread');
