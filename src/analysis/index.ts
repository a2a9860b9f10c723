export * from './types.ts';
export * from './steps.ts';
export * from './spectrum.ts';
export * from './scaling.ts';
export * from './rss-hessian.ts';
export * from './vpnls-hessian.ts';
export * from './perturbation.ts';
export * from './conditioning.ts';
