/**
 * Loaders: a published file (found or downloaded by `resolveDataFile`), a
 * user's CSV file, or CSV text (e.g. read from stdin), each turned into
 * {@link IsoflopData}.
 */
import { readFile } from 'node:fs/promises';
import type { ColumnOverrides } from './columns.ts';
import { parseCsv } from './csv.ts';
import { DataError } from './errors.ts';
import { buildIsoflopData, type IsoflopData, type IsoflopFilterOptions, type IsoflopTableOptions } from './isoflop-table.ts';
import { resolveDataFile, type ResolveDataOptions } from './resolve.ts';
import { EPOCH_CHINCHILLA_RAW_FILE, dataSource } from './sources.ts';

/** Where to find a published file, and how to filter its rows. */
export interface LoadDataOptions extends ResolveDataOptions, IsoflopFilterOptions {}

/**
 * The real-data reference preprocessing of specs/conventions.md §5: drop the 5
 * highest-loss points (245 → 240), then keep C < 1e21 (→ 217).
 */
export const EPOCH_CHINCHILLA_REFERENCE_FILTER = { dropHighestLoss: 5, maxCompute: 1e21 } as const satisfies IsoflopFilterOptions;

/** Columns of the raw Epoch AI file. It has no tokens column, so D = C/(6N). */
export const EPOCH_CHINCHILLA_RAW_COLUMNS = {
  params: 'Model Size',
  compute: 'Training FLOP',
  loss: 'loss',
} as const satisfies ColumnOverrides;

/**
 * Columns of the standardized files (specs/experiments.md §B.6): C is the nominal `budget`, used as
 * the Approach 2 grouping key and not recomputed from 6ND.
 */
export const STANDARD_FILE_COLUMNS = {
  params: 'params',
  tokens: 'tokens',
  compute: 'budget',
  budget: 'budget',
  loss: 'loss',
} as const satisfies ColumnOverrides;

/** Column that selects one data set in a standardized file. */
export const EXPERIMENT_COLUMN = 'experiment';

async function readPublished(file: string, options: ResolveDataOptions): Promise<string> {
  const { path } = await resolveDataFile(file, options);
  return readFile(path, 'utf8');
}

/**
 * The 245 Epoch AI Chinchilla points (`epochai_chinchilla.csv`) with
 * D = C/(6N). Pass {@link EPOCH_CHINCHILLA_REFERENCE_FILTER} (spread into the
 * options) for the 217-point reference set of specs/conventions.md §5.
 * `source` is the file name.
 * @example (await loadEpochChinchillaRaw({ ...EPOCH_CHINCHILLA_REFERENCE_FILTER, dataDir })).N.length // 217
 */
export async function loadEpochChinchillaRaw(options: LoadDataOptions = {}): Promise<IsoflopData> {
  const text = await readPublished(EPOCH_CHINCHILLA_RAW_FILE, options);
  return buildIsoflopData(parseCsv(text, EPOCH_CHINCHILLA_RAW_FILE), {
    ...filterPart(options),
    columns: EPOCH_CHINCHILLA_RAW_COLUMNS,
  });
}

/**
 * One data set of a standardized file, selected by the exact value of its
 * `experiment` column (plus any `where` filters in the options). N = params,
 * D = tokens, L = loss, C = budget = the nominal budget. `source` is the file name.
 * @example (await loadIsoflopExperiment('llama_3_isoflops.csv', 'llama_3__raw_loss', { dataDir })).N.length // 133
 * @throws DataError if the file is not a published one or no row has that experiment value
 */
export async function loadIsoflopExperiment(file: string, experiment: string, options: LoadDataOptions = {}): Promise<IsoflopData> {
  dataSource(file);
  const text = await readPublished(file, options);
  const filters = filterPart(options);
  return buildIsoflopData(parseCsv(text, file), {
    ...filters,
    where: [{ column: EXPERIMENT_COLUMN, value: experiment }, ...(filters.where ?? [])],
    columns: STANDARD_FILE_COLUMNS,
  });
}

/**
 * A user's CSV file. Columns are found by name (see `COLUMN_ALIASES`) unless
 * given in `options.columns`. `source` is `path` as given.
 * @throws DataError if the file is missing or unreadable, or its contents are bad
 */
export async function loadCsvFile(path: string, options: IsoflopTableOptions = {}): Promise<IsoflopData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const detail =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a CSV file'
          : `cannot read: ${err instanceof Error ? err.message : String(err)}`;
    throw new DataError(detail, { file: path, cause: err });
  }
  return loadCsvText(text, path, options);
}

/**
 * CSV text (for example read from stdin) → {@link IsoflopData}.
 * @param sourceName label used in messages and as `source`, e.g. `<stdin>`
 * @example loadCsvText('n,c,loss\n1e8,6e18,3.1\n', '<stdin>').D // Float64Array [1e10]
 */
export function loadCsvText(text: string, sourceName: string, options: IsoflopTableOptions = {}): IsoflopData {
  return buildIsoflopData(parseCsv(text, sourceName), options);
}

/** The filter fields of an options object (so resolve options are not passed on). */
function filterPart(o: IsoflopFilterOptions): IsoflopFilterOptions {
  return {
    ...(o.where !== undefined ? { where: o.where } : {}),
    ...(o.dropHighestLoss !== undefined ? { dropHighestLoss: o.dropHighestLoss } : {}),
    ...(o.minCompute !== undefined ? { minCompute: o.minCompute } : {}),
    ...(o.maxCompute !== undefined ? { maxCompute: o.maxCompute } : {}),
  };
}
