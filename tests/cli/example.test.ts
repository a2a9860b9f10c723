import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_CSV_PATH, syntheticCsv } from '../../examples/make-synthetic-csv.ts';
import { EXAMPLE_CSV } from './helpers.ts';

describe('examples/isoflops-synthetic.csv', () => {
  it('is exactly what examples/make-synthetic-csv.ts generates (seeded)', async () => {
    expect(SYNTHETIC_CSV_PATH).toBe(EXAMPLE_CSV);
    const committed = await readFile(EXAMPLE_CSV, 'utf8');
    expect(syntheticCsv()).toBe(committed);
  });

  it('has 5 budgets × 15 runs with the columns the command finds by name', async () => {
    const lines = (await readFile(EXAMPLE_CSV, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('budget,params,tokens,loss');
    expect(lines).toHaveLength(76);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['1e17', '1e18', '1e19', '1e20', '1e21']));
  });
});
