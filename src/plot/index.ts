export * from './theme.ts';
export * from './figure.ts';
export * from './builders.ts';
