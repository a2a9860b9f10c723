// Worker entry of src/util/worker-pool.ts when the library runs from its
// TypeScript sources (tsx, vitest): plain JavaScript, so it loads before any
// TypeScript support exists in the worker thread; it registers tsx, then
// loads the TypeScript entry. From dist/ the pool uses the compiled
// worker-entry.js directly.
import { register } from 'tsx/esm/api';

register();

const entry = await import('./worker-entry.ts');

export default entry.default;
