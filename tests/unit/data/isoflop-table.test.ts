import { describe, expect, it } from 'vitest';
import { COLUMN_ALIASES, groupKey, groupKeys, loadCsvText, parseCsv, resolveColumns } from '../../../src/data/index.ts';
import { errorOf } from './helpers.ts';

describe('column resolution', () => {
  it.each(COLUMN_ALIASES.params.map((a) => [a]))('recognises %j as the params column, in any case', (alias) => {
    const t = parseCsv(`${alias.toUpperCase()},tokens,loss\n1,2,3\n`, 'x.csv');
    expect(resolveColumns(t).params).toEqual({ index: 0, name: alias.toUpperCase() });
  });

  it('recognises the raw Epoch AI headers "Model Size" and "Training FLOP"', () => {
    const cols = resolveColumns(parseCsv('x,Model Size,Training FLOP,loss\n0,1,2,3\n', 'x.csv'));
    expect([cols.params?.name, cols.compute?.name, cols.tokens, cols.budget]).toEqual(['Model Size', 'Training FLOP', null, null]);
  });

  it('keeps budget apart from compute', () => {
    const cols = resolveColumns(parseCsv('n,d,budget,loss\n1,2,3,4\n', 'x.csv'));
    expect([cols.budget?.name, cols.compute]).toEqual(['budget', null]);
  });

  it('uses explicit column names over the aliases', () => {
    const d = loadCsvText('size,toks,params,final\n2,5,999,3\n', 'x.csv', {
      columns: { params: 'SIZE', tokens: 'toks', loss: 'final' },
    });
    expect([d.N[0], d.D[0], d.L[0], d.C[0]]).toEqual([2, 5, 3, 60]);
  });

  it('rejects an explicit column name that is not in the header', () => {
    expect(() => loadCsvText('n,d,loss\n1,2,3\n', 'x.csv', { columns: { loss: 'val_loss' } })).toThrow(
      'x.csv: no column "val_loss" (given for loss); the columns are "n", "d", "loss"',
    );
  });

  it('rejects two columns that could both be compute', () => {
    expect(() => loadCsvText('n,c,flops,loss\n1,2,3,4\n', 'x.csv')).toThrow(
      'x.csv: columns "flops" and "c" could each be the compute column; name the compute column explicitly',
    );
  });

  it('names the missing loss column and the columns that exist', () => {
    expect(() => loadCsvText('params,tokens,val\n1,2,3\n', 'noloss.csv')).toThrow(
      'noloss.csv: no loss column: expected one named "loss" (any case) or an explicit column name; the columns are "params", "tokens", "val"',
    );
  });

  it('needs tokens or compute', () => {
    expect(() => loadCsvText('params,loss\n1,2\n', 'x.csv')).toThrow(/^x\.csv: neither a tokens column .* nor a compute column/);
  });
});

describe('numeric cells', () => {
  it('names file, row and column of a cell that is not a number', () => {
    const e = errorOf(() => loadCsvText('params,tokens,loss\n1,2,3\n4,5,abc\n', 'data.csv'));
    expect(e.message).toBe('data.csv: row 3, column loss: "abc" is not a number');
    expect([e.file, e.row, e.column, e.value]).toEqual(['data.csv', 3, 'loss', 'abc']);
  });

  it('writes the column name as the header spells it', () => {
    expect(() => loadCsvText('Model Size,Training FLOP,loss\n1,x,3\n', 'e.csv')).toThrow('e.csv: row 2, column Training FLOP: "x" is not a number');
  });

  it('rejects negative params', () => {
    expect(() => loadCsvText('params,tokens,loss\n-5,2,3\n', 'neg.csv')).toThrow('neg.csv: row 2, column params: "-5" must be positive');
  });

  it.each([
    ['tokens', '1,0,6e18,3'],
    ['budget', '1,2,0,3'],
  ])('rejects a zero %s', (column, row) => {
    expect(() => loadCsvText(`params,tokens,budget,loss\n${row}\n`, 'z.csv')).toThrow(`z.csv: row 2, column ${column}: "0" must be positive`);
  });

  it('rejects non-finite values', () => {
    expect(() => loadCsvText('params,tokens,loss\n1,2,NaN\n', 'x.csv')).toThrow('x.csv: row 2, column loss: "NaN" is not a finite number');
    expect(() => loadCsvText('params,tokens,loss\n1,inf,3\n', 'x.csv')).toThrow('x.csv: row 2, column tokens: "inf" is not a finite number');
    expect(() => loadCsvText('params,tokens,loss\n1,1e999,3\n', 'x.csv')).toThrow(/row 2, column tokens: "1e999" is not a finite number/);
  });

  it('rejects an empty cell and hexadecimal text', () => {
    expect(() => loadCsvText('params,tokens,loss\n1,2,\n', 'x.csv')).toThrow('x.csv: row 2, column loss: empty cell, expected a number');
    expect(() => loadCsvText('params,tokens,loss\n0x10,2,3\n', 'x.csv')).toThrow('x.csv: row 2, column params: "0x10" is not a number');
  });

  it('accepts exponents and surrounding spaces', () => {
    const d = loadCsvText('params,tokens,loss\n 1.5e8 , 2E9 ,+3.25\n', 'x.csv');
    expect([d.N[0], d.D[0], d.L[0]]).toEqual([1.5e8, 2e9, 3.25]);
  });

  it('rejects a file with a header and no data rows', () => {
    expect(() => loadCsvText('params,tokens,loss\n', 'h.csv')).toThrow('h.csv: has a header but no data rows');
  });
});

describe('derived columns', () => {
  it('derives D = C/(6N) when only compute is given', () => {
    const d = loadCsvText('n,flops,loss\n1e8,6e18,3\n', 'x.csv');
    expect(d.D[0]).toBe(1e10);
    expect(d.C[0]).toBe(6e18);
  });

  it('derives C = 6ND when only tokens are given', () => {
    const d = loadCsvText('n,d,loss\n1e8,1e10,3\n', 'x.csv');
    expect(d.C[0]).toBe(6e18);
  });

  it('keeps both tokens and compute as given when both are present', () => {
    const d = loadCsvText('n,d,c,loss\n1e8,1e10,7e18,3\n', 'x.csv');
    expect([d.D[0], d.C[0]]).toEqual([1e10, 7e18]);
  });
});

describe('filters', () => {
  const text = [
    'params,flops,loss,condition',
    '1,1e18,5,a', // line 2
    '1,5e20,4,a',
    '1,1e21,3,a',
    '1,2e21,6,a',
    '1,1e20,7,b', // line 6
    '1,3e20,2,a',
  ].join('\n');

  it('keeps C < maxCompute, excluding C equal to the bound', () => {
    expect(loadCsvText(text, 'f.csv', { maxCompute: 1e21 }).rows).toEqual([2, 3, 6, 7]);
  });

  it('keeps C ≥ minCompute, including C equal to the bound', () => {
    expect(loadCsvText(text, 'f.csv', { minCompute: 1e21 }).rows).toEqual([4, 5]);
  });

  it('drops the K highest losses before applying the compute window', () => {
    // drop losses 7 (line 6) and 6 (line 5) first; then C < 1e21 keeps lines 2, 3, 7
    expect(loadCsvText(text, 'f.csv', { dropHighestLoss: 2, maxCompute: 1e21 }).rows).toEqual([2, 3, 7]);
  });

  it('selects rows by string equality before reading numbers', () => {
    const withJunk = `${text}\nbad,x,y,c`;
    const d = loadCsvText(withJunk, 'f.csv', { where: [{ column: 'CONDITION', value: 'b' }] });
    expect(d.rows).toEqual([6]);
    expect(d.L[0]).toBe(7);
  });

  it('reports filters that leave no rows', () => {
    expect(() => loadCsvText(text, 'f.csv', { minCompute: 1e22 })).toThrow(/^f\.csv: no rows left after filtering/);
  });

  it('reports a where column that does not exist', () => {
    expect(() => loadCsvText(text, 'f.csv', { where: [{ column: 'experiment', value: 'x' }] })).toThrow(
      'f.csv: no column "experiment" (used in a where filter); the columns are "params", "flops", "loss", "condition"',
    );
  });

  it.each([
    [{ dropHighestLoss: -1 }, 'dropHighestLoss must be a non-negative integer, got -1'],
    [{ dropHighestLoss: 1.5 }, 'dropHighestLoss must be a non-negative integer, got 1.5'],
    [{ minCompute: 1e21, maxCompute: 1e20 }, 'minCompute (1e+21) must be below maxCompute (1e+20)'],
    [{ maxCompute: Number.NaN }, 'maxCompute must be > 0, got NaN'],
  ])('rejects invalid filter options %j with a RangeError', (opts, message) => {
    expect(() => loadCsvText(text, 'f.csv', opts)).toThrow(RangeError);
    expect(() => loadCsvText(text, 'f.csv', opts)).toThrow(message);
  });
});

describe('grouping', () => {
  it('rounds compute to 2 significant digits', () => {
    expect(groupKey(9.993852799709755e18)).toBe(1e19);
    expect(groupKey(2.94e20)).toBe(2.9e20);
    expect(groupKey(6.04e18)).toBe(6e18);
  });

  it('groups by the budget column when there is one, else by rounded compute', () => {
    expect(groupKeys(loadCsvText('n,d,budget,loss\n1e8,1.1e10,6e18,3\n', 'x.csv'))).toEqual(Float64Array.of(6e18));
    expect(groupKeys(loadCsvText('n,c,loss\n1e8,6.04e18,3\n', 'x.csv'))).toEqual(Float64Array.of(6e18));
  });

  it('rejects a non-positive compute', () => {
    expect(() => groupKey(0)).toThrow(RangeError);
  });
});
