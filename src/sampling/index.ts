export * from './grids.ts';
export * from './center-offset.ts';
export * from './isoflop.ts';
