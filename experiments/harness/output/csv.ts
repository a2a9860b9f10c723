import { type Cell, formatCell, formatString } from './format.ts';

/**
 * A table to write: the header in order and one record per row. Rows are
 * plain objects whose values are {@link Cell}s (checked when written, so
 * typed row interfaces can be passed without index signatures).
 */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly object[];
}

/**
 * CSV text of a table (specs/experiments.md §A.2): UTF-8, comma separated, one header row, one
 * record per line (`\n`), no index column, a trailing newline.
 *
 * Every row must carry every column (a missing or `undefined` value throws,
 * naming the row and column, so a misspelt column cannot silently become an
 * empty field); keys not listed in `columns` are ignored.
 */
export function toCsv(table: Table): string {
  const { columns, rows } = table;
  if (columns.length === 0) throw new RangeError('toCsv: a table needs at least one column');
  if (new Set(columns).size !== columns.length) throw new RangeError(`toCsv: duplicate column names in ${columns.join(',')}`);
  const lines: string[] = [columns.map(formatString).join(',')];
  rows.forEach((row, r) => {
    const fields: string[] = [];
    for (const col of columns) {
      const v = (row as Record<string, Cell | undefined>)[col];
      if (v === undefined) throw new TypeError(`toCsv: row ${r} has no value for column "${col}"`);
      const t = typeof v;
      if (v !== null && t !== 'number' && t !== 'string' && t !== 'boolean') {
        throw new TypeError(`toCsv: row ${r}, column "${col}" holds a ${t}, not a number, string, boolean or null`);
      }
      fields.push(formatCell(v));
    }
    lines.push(fields.join(','));
  });
  return lines.join('\n') + '\n';
}
