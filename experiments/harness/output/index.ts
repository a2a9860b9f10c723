export * from './format.ts';
export * from './csv.ts';
export * from './json.ts';
export * from './figure-html.ts';
export * from '../../../src/plot/plotly-asset.ts';
export * from './writer.ts';
