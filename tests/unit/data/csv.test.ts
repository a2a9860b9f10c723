import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/data/index.ts';
import { errorOf } from './helpers.ts';

describe('parseCsv', () => {
  it('returns the header and each data row with its line number', () => {
    const t = parseCsv('a,b\n1,2\n3,4\n', 'x.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });

  it('counts skipped blank lines and multi-line quoted cells in line numbers', () => {
    const t = parseCsv('a,b\n\n1,"two\nlines"\n5,6\n', 'x.csv');
    expect(t.rows.map((r) => r.line)).toEqual([3, 5]);
    expect(t.rows[0]!.cells[1]).toBe('two\nlines');
  });

  it('removes a UTF-8 byte-order mark from the first header name', () => {
    expect(parseCsv('\uFEFFparams,loss\n1,2\n', 'x.csv').header).toEqual(['params', 'loss']);
  });

  it('reads CRLF line endings', () => {
    const t = parseCsv('a,b\r\n1,2\r\n', 'x.csv');
    expect(t.rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
  });

  it.each([[''], ['\n\n'], ['\uFEFF'], ['  \r\n']])('rejects an empty file (%j)', (text) => {
    expect(() => parseCsv(text, 'empty.csv')).toThrow('empty.csv: file is empty (expected a header row)');
  });

  it('rejects header names that differ only in case', () => {
    const e = errorOf(() => parseCsv('params,Loss,loss\n1,2,3\n', 'dup.csv'));
    expect(e.message).toBe(
      'dup.csv: row 1, column loss: duplicate column name: "Loss" (column 2) and "loss" (column 3); column names are compared ignoring case',
    );
    expect(e.column).toBe('loss');
  });

  it('allows several unnamed columns', () => {
    expect(parseCsv(',,loss\n1,2,3\n', 'x.csv').header).toEqual(['', '', 'loss']);
  });

  it('rejects a row with fewer cells than the header, naming its line', () => {
    const e = errorOf(() => parseCsv('a,b,c\n1,2,3\n4,5\n', 'ragged.csv'));
    expect(e.message).toBe('ragged.csv: row 3: has 2 cells but the header has 3 columns');
    expect(e.row).toBe(3);
  });

  it('rejects a row with more cells than the header', () => {
    expect(() => parseCsv('a,b\n1,2,3\n', 'ragged.csv')).toThrow('ragged.csv: row 2: has 3 cells but the header has 2 columns');
  });

  it('reports an unclosed quote as malformed CSV', () => {
    expect(() => parseCsv('a,b\n1,"2\n', 'q.csv')).toThrow(/^q\.csv: row 2: malformed CSV: Quote Not Closed/);
  });
});
