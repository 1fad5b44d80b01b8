// Entry of the sample writer thread: registers tsx (the thread loads TypeScript), then runs the writer.
import { register } from 'tsx/esm/api';

register();
await import('./sample-writer-thread.ts');
