// Entry of a segment worker thread: registers tsx (the worker loads TypeScript), then runs the segment.
import { register } from 'tsx/esm/api';

register();
await import('./segment-worker.ts');
