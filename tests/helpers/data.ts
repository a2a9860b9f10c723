import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_SOURCES } from '../../src/data/sources.ts';

/**
 * The published data sets: SCALING_DATA_DIR when set, else the folder beside
 * the project (CI clones with ../shared/data next to it).
 */
export const SHARED_DATA_DIR = process.env.SCALING_DATA_DIR
  ? resolve(process.env.SCALING_DATA_DIR)
  : fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** Every published data file (src/data/sources.ts); the article and its global setup need them all. */
export const PUBLISHED_FILES: readonly string[] = DATA_SOURCES.map((s) => s.file);

/**
 * Which of `files` are not in {@link SHARED_DATA_DIR}, as the tail of a
 * one-line message saying how to supply them, or '' when all are there.
 * No side effects (the global setup words its own warning with it).
 */
export function missingRealData(files: readonly string[] = PUBLISHED_FILES): string {
  const missing = files.filter((f) => !existsSync(join(SHARED_DATA_DIR, f)));
  if (missing.length === 0) return '';
  const which =
    missing.length === PUBLISHED_FILES.length && files.length === PUBLISHED_FILES.length
      ? 'the published data sets are'
      : `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'}`;
  return `${which} not in ${SHARED_DATA_DIR}; supply the data with SCALING_DATA_DIR=/path/to/data npm test (experiments and the article: --data-dir /path/to/data)`;
}

/**
 * The one gate for real-data tests: true when every file is in
 * {@link SHARED_DATA_DIR}. Otherwise prints one line saying how to supply
 * the data and returns false, so the caller skips (`describe.skipIf(!have)`),
 * except under CI=true (CI has the data at ../shared/data), where it throws
 * and the test file fails the run. Call it once per test file, at the top level.
 * @param what the tests that need the files, for the message
 */
export function haveRealData(files: readonly string[], what: string): boolean {
  const tail = missingRealData(files);
  if (tail === '') return true;
  if (process.env.CI === 'true') throw new Error(`real-data test cannot be skipped under CI=true: ${what}: ${tail}`);
  console.warn(`skipping ${what}: ${tail}`);
  return false;
}
