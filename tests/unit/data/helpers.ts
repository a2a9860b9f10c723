import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The published files, checked out beside the project (CI clones `shared/` next to it). */
export const SHARED_DATA_DIR = fileURLToPath(new URL('../../../../shared/data', import.meta.url));

/** A fresh temporary folder; remove it with {@link removeDir}. */
export function makeTempDir(prefix = 'scaling-fit-data-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}
