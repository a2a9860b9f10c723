import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../../../src/data/index.ts';

export { haveRealData, SHARED_DATA_DIR } from '../../helpers/data.ts';

/** A fresh temporary folder; remove it with {@link removeDir}. */
export function makeTempDir(prefix = 'scaling-fit-data-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** The DataError that `fn` throws; fails the test if it throws nothing or something else. */
export function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}
