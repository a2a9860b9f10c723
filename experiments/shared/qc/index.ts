export * from './options.ts';
export * from './isoflop-qc.ts';
export * from './akima.ts';
export * from './quadratic.ts';
