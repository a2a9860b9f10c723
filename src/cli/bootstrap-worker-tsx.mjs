// Worker entry used when the command runs from the TypeScript sources (tsx,
// vitest): plain JavaScript, so it loads before TypeScript support exists in
// the worker thread; it registers tsx, then loads the TypeScript worker.
// Runs from dist/ load dist/cli/bootstrap-worker.js directly instead.
import { register } from 'tsx/esm/api';

register();

const worker = await import('./bootstrap-worker.ts');

export default worker.default;
