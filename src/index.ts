// Public API of the library: re-exports only.
export * from './surface/index.ts';
export * from './sampling/index.ts';
export * from './fit/index.ts';
export * from './kernels/index.ts';
export * from './optim/index.ts';
export * from './analysis/index.ts';
export { Rng } from './util/rng.ts';
export { linspace, logspace } from './util/space.ts';
