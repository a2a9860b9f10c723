/**
 * Parsed CSV rows → typed IsoFLOP arrays (N, D, L, C, budget), with the
 * selection and filtering used by the experiments:
 *
 * 1. `where`: keep rows whose cell equals a given string (before any number is read,
 *    so rows of other data sets in the same file are never parsed);
 * 2. numbers read; a missing D is C/(6N), a missing C is 6ND;
 * 3. `dropHighestLoss`: drop the K rows with the highest loss;
 * 4. compute window: keep `minCompute ≤ C < maxCompute`.
 *
 * Steps 3 then 4 is the order of Epoch AI's Chinchilla replication
 * (specs/conventions.md §5: 245 points → drop 5 → 240 → C < 1e21 → 217).
 */
import { FLOPS_PER_PARAM_TOKEN } from '../surface/loss-surface.ts';
import { readNumberColumn, requireColumn, resolveColumns, type ColumnOverrides } from './columns.ts';
import type { CsvRow, CsvTable } from './csv.ts';
import { DataError } from './errors.ts';

/** IsoFLOP runs as parallel arrays, one element per kept row. */
export interface IsoflopData {
  /** Parameters. */
  readonly N: Float64Array;
  /** Training tokens (C/(6N) when the file has no tokens column). */
  readonly D: Float64Array;
  /** Final loss (nats). */
  readonly L: Float64Array;
  /** Compute in FLOPs: the compute column, else 6ND. The standardized files use their nominal budget here. */
  readonly C: Float64Array;
  /** Nominal IsoFLOP budget per row when the file has a budget column, else null (see {@link groupKeys}). */
  readonly budget: Float64Array | null;
  /** Line number in the source file of each kept row (the header is line 1). */
  readonly rows: number[];
  /** File name, path or label of the source. */
  readonly source: string;
}

/** Keep rows whose `column` cell (trimmed) equals `value` exactly (case-sensitive). */
export interface RowFilter {
  readonly column: string;
  readonly value: string;
}

/** Row selection and filtering; every field is optional (defaults below). */
export interface IsoflopFilterOptions {
  /** String-equality selections, all of which must hold. Default {@link DEFAULT_WHERE}. */
  readonly where?: readonly RowFilter[];
  /** Drop this many highest-loss rows (after `where`, before the compute window). Default {@link DEFAULT_DROP_HIGHEST_LOSS}. */
  readonly dropHighestLoss?: number;
  /** Keep rows with C ≥ minCompute (inclusive). Default {@link DEFAULT_MIN_COMPUTE}. */
  readonly minCompute?: number;
  /**
   * Keep rows with C < maxCompute (strict, as Epoch AI's replication keeps
   * C < 1e21). Default {@link DEFAULT_MAX_COMPUTE}.
   */
  readonly maxCompute?: number;
}

/** Filtering plus explicit column names. */
export interface IsoflopTableOptions extends IsoflopFilterOptions {
  /** Column names per role, overriding the aliases in `COLUMN_ALIASES`. */
  readonly columns?: ColumnOverrides;
}

/** No selection: every row. */
export const DEFAULT_WHERE: readonly RowFilter[] = [];
/** Drop nothing. */
export const DEFAULT_DROP_HIGHEST_LOSS = 0;
/** No lower compute bound (every C is positive). */
export const DEFAULT_MIN_COMPUTE = 0;
/** No upper compute bound. */
export const DEFAULT_MAX_COMPUTE = Number.POSITIVE_INFINITY;

/** A number for messages: FLOP-sized values in exponent form (1e+21, not 1000000000000000000000). */
function fmt(x: number): string {
  return Number.isFinite(x) && Math.abs(x) >= 1e6 ? x.toExponential() : String(x);
}

/** {@link IsoflopFilterOptions} with every default filled in and checked. */
export interface CheckedFilterOptions {
  readonly where: readonly RowFilter[];
  readonly dropHighestLoss: number;
  readonly minCompute: number;
  readonly maxCompute: number;
}

/**
 * Fills in defaults and checks the filter options.
 * @throws RangeError for a negative or fractional `dropHighestLoss`, a NaN or
 *   negative compute bound, or `minCompute ≥ maxCompute`
 * @throws TypeError for a `where` entry without a string column and value
 */
export function resolveFilterOptions(options: IsoflopFilterOptions = {}): CheckedFilterOptions {
  const where = options.where ?? DEFAULT_WHERE;
  const dropHighestLoss = options.dropHighestLoss ?? DEFAULT_DROP_HIGHEST_LOSS;
  const minCompute = options.minCompute ?? DEFAULT_MIN_COMPUTE;
  const maxCompute = options.maxCompute ?? DEFAULT_MAX_COMPUTE;
  if (!Number.isInteger(dropHighestLoss) || dropHighestLoss < 0) {
    throw new RangeError(`dropHighestLoss must be a non-negative integer, got ${dropHighestLoss}`);
  }
  if (Number.isNaN(minCompute) || minCompute < 0) throw new RangeError(`minCompute must be ≥ 0, got ${fmt(minCompute)}`);
  if (Number.isNaN(maxCompute) || maxCompute <= 0) throw new RangeError(`maxCompute must be > 0, got ${fmt(maxCompute)}`);
  if (minCompute >= maxCompute) {
    throw new RangeError(`minCompute (${fmt(minCompute)}) must be below maxCompute (${fmt(maxCompute)})`);
  }
  where.forEach((w, i) => {
    if (typeof w?.column !== 'string' || typeof w.value !== 'string') {
      throw new TypeError(`where[${i}] must be { column: string, value: string }, got ${JSON.stringify(w)}`);
    }
  });
  return { where, dropHighestLoss, minCompute, maxCompute };
}

/** At most this many distinct values are listed when a `where` selects nothing. */
const MAX_LISTED_VALUES = 20;

function selectRows(table: CsvTable, where: readonly RowFilter[]): readonly CsvRow[] {
  let rows = table.rows;
  for (const w of where) {
    const col = requireColumn(table, w.column, 'used in a where filter');
    const wanted = w.value.trim();
    const kept = rows.filter((r) => r.cells[col.index]!.trim() === wanted);
    if (kept.length === 0) {
      const values = [...new Set(rows.map((r) => r.cells[col.index]!.trim()))];
      const shown = values
        .slice(0, MAX_LISTED_VALUES)
        .map((v) => `"${v}"`)
        .join(', ');
      const more = values.length > MAX_LISTED_VALUES ? `, … (${values.length} in all)` : '';
      throw new DataError(`no row has ${col.name} = "${w.value}"; values present: ${shown}${more}`, {
        file: table.source,
        column: col.name,
        value: w.value,
      });
    }
    rows = kept;
  }
  return rows;
}

/**
 * Builds {@link IsoflopData} from a parsed table.
 *
 * @throws DataError for missing columns, cells that are not positive finite
 *   numbers, a `where` that matches nothing, or filters that leave no row
 * @throws RangeError/TypeError for invalid options
 * @example
 * buildIsoflopData(parseCsv('params,flops,loss\n1e8,6e18,3.1\n', 'x.csv')).D // Float64Array [1e10]
 */
export function buildIsoflopData(table: CsvTable, options: IsoflopTableOptions = {}): IsoflopData {
  const filter = resolveFilterOptions(options);
  const cols = resolveColumns(table, options.columns);
  if (table.rows.length === 0) throw new DataError('has a header but no data rows', { file: table.source });

  const rows = selectRows(table, filter.where);
  const n = rows.length;
  const N = readNumberColumn(table, rows, cols.params!, true);
  const L = readNumberColumn(table, rows, cols.loss!, true);
  const budget = cols.budget === null ? null : readNumberColumn(table, rows, cols.budget, true);
  let D: Float64Array;
  let C: Float64Array;
  if (cols.tokens !== null && cols.compute !== null) {
    D = readNumberColumn(table, rows, cols.tokens, true);
    C = readNumberColumn(table, rows, cols.compute, true);
  } else if (cols.tokens !== null) {
    D = readNumberColumn(table, rows, cols.tokens, true);
    C = N.map((Ni, i) => FLOPS_PER_PARAM_TOKEN * Ni * D[i]!);
  } else {
    C = readNumberColumn(table, rows, cols.compute!, true);
    D = C.map((Ci, i) => Ci / (FLOPS_PER_PARAM_TOKEN * N[i]!));
  }

  // Step 3: drop the K highest losses (ties: the earlier row goes first, so the result is deterministic).
  // Loops rather than Array.from/filter/map callbacks: this runs per row of files with 10⁶ rows.
  let keep: number[] = [];
  for (let i = 0; i < n; i++) keep.push(i);
  if (filter.dropHighestLoss > 0) {
    const dropped = new Set([...keep].sort((a, b) => L[b]! - L[a]! || a - b).slice(0, filter.dropHighestLoss));
    keep = keep.filter((i) => !dropped.has(i));
  }
  // Step 4: compute window [minCompute, maxCompute).
  const inWindow: number[] = [];
  for (const i of keep) if (C[i]! >= filter.minCompute && C[i]! < filter.maxCompute) inWindow.push(i);
  keep = inWindow;
  if (keep.length === 0) {
    throw new DataError(
      `no rows left after filtering (${n} selected, dropHighestLoss ${filter.dropHighestLoss}, ` +
        `compute window [${fmt(filter.minCompute)}, ${fmt(filter.maxCompute)}))`,
      { file: table.source },
    );
  }

  const pick = (a: Float64Array): Float64Array => {
    const out = new Float64Array(keep.length);
    for (let j = 0; j < keep.length; j++) out[j] = a[keep[j]!]!;
    return out;
  };
  const lines: number[] = [];
  for (const i of keep) lines.push(rows[i]!.line);
  return {
    N: pick(N),
    D: pick(D),
    L: pick(L),
    C: pick(C),
    budget: budget === null ? null : pick(budget),
    rows: lines,
    source: table.source,
  };
}

/** Significant digits kept by {@link groupKey}. */
export const GROUP_KEY_SIGNIFICANT_DIGITS = 2;

/**
 * Approach 2 grouping key for a run without a nominal budget: its compute
 * rounded to {@link GROUP_KEY_SIGNIFICANT_DIGITS} significant digits.
 * @example groupKey(9.993852799709755e18) // 1e19
 * @example groupKey(2.94e20) // 2.9e20
 */
export function groupKey(compute: number): number {
  if (!(Number.isFinite(compute) && compute > 0)) throw new RangeError(`groupKey: compute must be positive and finite, got ${compute}`);
  return Number(compute.toPrecision(GROUP_KEY_SIGNIFICANT_DIGITS));
}

/** The IsoFLOP group of every row: the budget column when present, else {@link groupKey} of C. */
export function groupKeys(data: IsoflopData): Float64Array {
  return data.budget !== null ? Float64Array.from(data.budget) : data.C.map(groupKey);
}
