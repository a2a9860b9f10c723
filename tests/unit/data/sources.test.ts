import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCES, DataError, dataSource, parseCsv, sha256Hex, STANDARD_COLUMNS } from '../../../src/data/index.ts';
import { haveRealData, SHARED_DATA_DIR } from './helpers.ts';

const HAVE_DATA = haveRealData(
  DATA_SOURCES.map((s) => s.file),
  'the checksums and columns of the published files',
);

describe('DATA_SOURCES registry', () => {
  it('lists the six published files once each', () => {
    const names = DATA_SOURCES.map((s) => s.file);
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
  });

  it.skipIf(!HAVE_DATA).each(DATA_SOURCES.map((s) => [s.file, s] as const))('the shared copy of %s matches its registered SHA-256', async (file, s) => {
    const bytes = await readFile(join(SHARED_DATA_DIR, file));
    expect(sha256Hex(bytes)).toBe(s.sha256);
  });

  it.skipIf(!HAVE_DATA).each(DATA_SOURCES.filter((s) => s.experiments.length > 0).map((s) => [s.file, s] as const))(
    '%s has the standard columns and exactly the registered experiment values',
    async (file, s) => {
      const table = parseCsv(await readFile(join(SHARED_DATA_DIR, file), 'utf8'), file);
      expect(table.header).toEqual([...STANDARD_COLUMNS]);
      const col = table.header.indexOf('experiment');
      expect(new Set(table.rows.map((r) => r.cells[col]))).toEqual(new Set(s.experiments));
    },
  );

  it('serves every URL over https from a public raw GitHub host', () => {
    for (const s of DATA_SOURCES) expect(s.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/.+\.csv$/);
  });

  it('rejects an unknown file name and lists the known ones', () => {
    expect(() => dataSource('nope.csv')).toThrow(DataError);
    expect(() => dataSource('nope.csv')).toThrow(/^nope\.csv: not a published data file; known files: epochai_chinchilla\.csv, /);
  });
});
