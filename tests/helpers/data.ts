import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The published data sets: SCALING_DATA_DIR when set, else the folder beside
 * the project (CI clones with ../shared/data next to it).
 */
export const SHARED_DATA_DIR = process.env.SCALING_DATA_DIR || fileURLToPath(new URL('../../../shared/data', import.meta.url));

/**
 * True when every file is in {@link SHARED_DATA_DIR}. Otherwise a real-data
 * test skips with one line saying how to supply the data, except under
 * CI=true (CI has the data), where a missing file fails the run.
 * @param what the tests that need the files, for the message
 */
export function haveRealData(files: readonly string[], what: string): boolean {
  const missing = files.filter((f) => !existsSync(join(SHARED_DATA_DIR, f)));
  if (missing.length === 0) return true;
  const line = `${what}: ${missing.join(', ')} not in ${SHARED_DATA_DIR}; set SCALING_DATA_DIR=DIR (experiments: --data-dir DIR) to a folder that holds them`;
  if (process.env.CI === 'true') throw new Error(`real-data test cannot be skipped under CI: ${line}`);
  console.warn(`skipping ${line}`);
  return false;
}
