export * from './errors.ts';
export * from './csv.ts';
export * from './columns.ts';
export * from './isoflop-table.ts';
export * from './sources.ts';
export { sha256Hex, verifySha256 } from './hash.ts';
export { DEFAULT_DOWNLOAD_TIMEOUT_MS, type FetchLike, type FetchResponseLike } from './fetch.ts';
export * from './resolve.ts';
export * from './load.ts';
