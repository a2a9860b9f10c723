import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataError, loadCsvFile, loadCsvText } from '../../../src/data/index.ts';
import { makeTempDir, removeDir } from './helpers.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(() => removeDir(dir));

describe('loadCsvFile', () => {
  it("loads a user's CSV with the path as its source", async () => {
    const path = join(dir, 'runs.csv');
    await writeFile(path, '\uFEFFN,D,Loss,Budget\n1e8,1e10,3.2,6e18\n2e8,5e9,3.1,6e18\n');
    const d = await loadCsvFile(path);
    expect(d.source).toBe(path);
    expect(d.rows).toEqual([2, 3]);
    expect([...d.N]).toEqual([1e8, 2e8]);
    expect([...d.budget!]).toEqual([6e18, 6e18]);
  });

  it('names a missing file', async () => {
    const path = join(dir, 'missing.csv');
    const err = await loadCsvFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe(`${path}: file not found`);
  });

  it('names an empty file', async () => {
    const path = join(dir, 'empty.csv');
    await writeFile(path, '');
    await expect(loadCsvFile(path)).rejects.toThrow(`${path}: file is empty (expected a header row)`);
  });

  it('rejects a directory', async () => {
    await expect(loadCsvFile(dir)).rejects.toThrow(`${dir}: is a directory, not a CSV file`);
  });
});

describe('loadCsvText', () => {
  it('labels text from stdin with the given source name', () => {
    expect(() => loadCsvText('params,tokens,loss\n1,2,abc\n', '<stdin>')).toThrow('<stdin>: row 2, column loss: "abc" is not a number');
  });
});
