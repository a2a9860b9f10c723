/**
 * Bootstrap replicates: refit resampled copies of the data. This module is
 * the task module the worker threads of src/util/worker-pool.ts import
 * ({@link runReplicatesTask}); with one job the pool calls
 * {@link runReplicates} in the main thread.
 * Only plain data crosses the thread boundary, so results are identical
 * whatever the number of jobs.
 */
import { defineTask } from '../util/worker-pool.ts';
import { runReplicates } from './bootstrap-replicates.ts';

// The replicates themselves need no threads (./bootstrap-replicates.ts); the web page runs them too.
export { runReplicates, type BootstrapChunk, type ReplicateOutcome } from './bootstrap-replicates.ts';

/** {@link runReplicates} as a worker-pool task (one chunk of replicates per input). */
export const runReplicatesTask = defineTask(import.meta.url, 'runReplicates', runReplicates);
