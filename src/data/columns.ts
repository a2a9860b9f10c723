/**
 * Which column holds N, D, C, the IsoFLOP budget and L, and reading those
 * columns as numbers. Names are compared ignoring case and surrounding space.
 */
import { normalizeColumnName, type CsvRow, type CsvTable } from './csv.ts';
import { DataError } from './errors.ts';

/** The quantities a scaling-law fit reads from a table. */
export type ColumnRole = 'params' | 'tokens' | 'compute' | 'budget' | 'loss';

/** Every role, in the order used in messages. */
export const COLUMN_ROLES: readonly ColumnRole[] = ['params', 'tokens', 'compute', 'budget', 'loss'];

/**
 * Column names recognised for each role when no explicit name is given
 * (compared ignoring case). `budget` (the nominal IsoFLOP budget used to
 * group runs) is deliberately separate from `compute` (the run's FLOPs).
 */
export const COLUMN_ALIASES: Readonly<Record<ColumnRole, readonly string[]>> = {
  params: ['params', 'n', 'model_size', 'Model Size'],
  tokens: ['tokens', 'd'],
  compute: ['flops', 'c', 'compute', 'Training FLOP'],
  budget: ['budget'],
  loss: ['loss'],
};

/** Roles that every table must provide. `tokens` or `compute` must also be present (either one). */
export const REQUIRED_ROLES: readonly ColumnRole[] = ['params', 'loss'];

/** Explicit column names, one per role; they take precedence over {@link COLUMN_ALIASES}. */
export type ColumnOverrides = Partial<Record<ColumnRole, string>>;

/** A column found in the header: its 0-based index and its name as written. */
export interface ColumnRef {
  readonly index: number;
  readonly name: string;
}

/** The column chosen for each role, or `null` when the table has none. */
export type ColumnMap = Readonly<Record<ColumnRole, ColumnRef | null>>;

function listColumns(table: CsvTable): string {
  return table.header.map((h) => `"${h}"`).join(', ');
}

/** Index of the column called `name` (ignoring case), or `null`. */
export function findColumn(table: CsvTable, name: string): ColumnRef | null {
  const key = normalizeColumnName(name);
  const index = table.header.findIndex((h) => normalizeColumnName(h) === key);
  return index < 0 ? null : { index, name: table.header[index]! };
}

/**
 * The column called `name` (ignoring case).
 * @throws DataError naming the wanted column and listing the available ones
 */
export function requireColumn(table: CsvTable, name: string, purpose?: string): ColumnRef {
  const ref = findColumn(table, name);
  if (ref === null) {
    const why = purpose === undefined ? '' : ` (${purpose})`;
    throw new DataError(`no column "${name}"${why}; the columns are ${listColumns(table)}`, { file: table.source });
  }
  return ref;
}

function resolveRole(table: CsvTable, role: ColumnRole, override: string | undefined): ColumnRef | null {
  if (override !== undefined) return requireColumn(table, override, `given for ${role}`);
  const matches: ColumnRef[] = [];
  for (const alias of COLUMN_ALIASES[role]) {
    const ref = findColumn(table, alias);
    if (ref !== null && !matches.some((m) => m.index === ref.index)) matches.push(ref);
  }
  if (matches.length > 1) {
    throw new DataError(`columns ${matches.map((m) => `"${m.name}"`).join(' and ')} could each be the ${role} column; name the ${role} column explicitly`, {
      file: table.source,
    });
  }
  return matches[0] ?? null;
}

/**
 * Chooses the column for every role: an explicit name from `overrides`, else
 * the single header name found in {@link COLUMN_ALIASES}.
 *
 * @throws DataError if an explicit name is not in the header, two aliases of
 *   one role both match, a required role ({@link REQUIRED_ROLES}) is missing,
 *   or neither tokens nor compute is present
 */
export function resolveColumns(table: CsvTable, overrides: ColumnOverrides = {}): ColumnMap {
  const map = {} as Record<ColumnRole, ColumnRef | null>;
  for (const role of COLUMN_ROLES) map[role] = resolveRole(table, role, overrides[role]);
  for (const role of REQUIRED_ROLES) {
    if (map[role] === null) {
      throw new DataError(
        `no ${role} column: expected one named ${COLUMN_ALIASES[role].map((a) => `"${a}"`).join(', ')} ` +
          `(any case) or an explicit column name; the columns are ${listColumns(table)}`,
        { file: table.source },
      );
    }
  }
  if (map.tokens === null && map.compute === null) {
    throw new DataError(
      `neither a tokens column (${COLUMN_ALIASES.tokens.map((a) => `"${a}"`).join(', ')}) nor a compute column ` +
        `(${COLUMN_ALIASES.compute.map((a) => `"${a}"`).join(', ')}); one is needed to know D; ` +
        `the columns are ${listColumns(table)}`,
      { file: table.source },
    );
  }
  return map;
}

/** Decimal numbers only: no hex, no digit separators, no empty strings (CSV cells and numeric flags). */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Spellings of infinity and NaN that are numbers, just not finite ones. */
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

/** Where a cell sits, for messages. */
export interface CellLocation {
  readonly file: string;
  readonly row: number;
  readonly column: string;
}

function cellError(message: string, where: CellLocation, text: string): DataError {
  return new DataError(message, { ...where, value: text });
}

/**
 * Reads one cell as a finite number (surrounding space ignored).
 *
 * @param positive also require the value to be > 0
 * @throws DataError such as `data.csv: row 3, column loss: "abc" is not a number`
 */
export function parseNumberCell(text: string, where: CellLocation, positive: boolean): number {
  const t = text.trim();
  // Messages and their context are built only on failure: this runs once per cell of a 10⁶-row file.
  if (!DECIMAL.test(t)) {
    // inf/nan spellings and '' never match DECIMAL, so these checks need only run here.
    if (t === '') throw cellError('empty cell, expected a number', where, text);
    if (NON_FINITE.test(t)) throw cellError(`"${text}" is not a finite number`, where, text);
    throw cellError(`"${text}" is not a number`, where, text);
  }
  const v = Number(t);
  if (!Number.isFinite(v)) throw cellError(`"${text}" is not a finite number (out of range)`, where, text);
  if (positive && !(v > 0)) throw cellError(`"${text}" must be positive`, where, text);
  return v;
}

/**
 * Reads `column` of the given rows as numbers.
 * @param positive require every value to be > 0 (true for N, D, C, budget and L)
 */
export function readNumberColumn(table: CsvTable, rows: readonly CsvRow[], column: ColumnRef, positive: boolean): Float64Array {
  const out = new Float64Array(rows.length);
  const where = { file: table.source, row: 0, column: column.name };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    where.row = r.line;
    out[i] = parseNumberCell(r.cells[column.index]!, where, positive);
  }
  return out;
}
