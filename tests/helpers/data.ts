import { fileURLToPath } from 'node:url';

/** The published data sets beside the project (CI clones with ../shared next to it). */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../shared/data', import.meta.url));
