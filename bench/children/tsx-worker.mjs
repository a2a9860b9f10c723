// Entry of the benchmark's worker threads. Plain JavaScript, because a worker
// thread on Node 20 starts without the tsx loader of its parent: it registers
// tsx, then imports the TypeScript worker named by workerData.entry (a file
// URL), which runs with the rest of workerData as usual.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
