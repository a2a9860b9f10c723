export * from './loss-surface.ts';
export * from './named-surfaces.ts';
