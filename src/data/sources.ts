/**
 * The published IsoFLOP data sets: one table of file name, public URL,
 * SHA-256 and description (this file is the record), plus the `experiment`
 * values each standardized file contains (specs/experiments.md §B.6).
 */
import { DataError } from './errors.ts';

/** One published data file. */
export interface DataSource {
  /** File name, also used in the cache and data directories. */
  readonly file: string;
  /** Where it is downloaded from. */
  readonly url: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly description: string;
  /** Values of the `experiment` column (standardized files only; empty for the raw Epoch AI file). */
  readonly experiments: readonly string[];
}

const OPEN_ATHENA = 'https://raw.githubusercontent.com/Open-Athena/scaling-law-analysis/main/data/isoflops/extract';

/** The six published files. */
export const DATA_SOURCES = [
  {
    file: 'epochai_chinchilla.csv',
    url: 'https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/main/data/svg_extracted_data.csv',
    sha256: '193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30',
    description:
      '245 (model size, training FLOP, loss) points Epoch AI extracted from Figure 4 of the Chinchilla paper ' +
      '(Besiroglu et al. 2024); columns x, y, color, Model Size, Training FLOP, hex_color, loss; D = FLOP/(6N)',
    experiments: [],
  },
  {
    file: 'llama_3_isoflops.csv',
    url: `${OPEN_ATHENA}/llama_3/isoflops.csv`,
    sha256: '9450f8829778ce8bfb51cc9b18ef121ef18f0c81758cd8fbe74d9dcf0545a692',
    description:
      'IsoFLOP points digitized from Figure 2 of the Llama 3 paper (Grattafiori et al. 2024), budgets 6e18 to 1e22; ' +
      'condition raw_loss (plotted values) or exp_loss (alternative axis reading), 133 points each',
    experiments: ['llama_3__raw_loss', 'llama_3__exp_loss'],
  },
  {
    file: 'epochai_chinchilla_isoflops.csv',
    url: `${OPEN_ATHENA}/epochai_chinchilla/isoflops.csv`,
    sha256: '80688eb2f47e41a3f3e37d094a00d29b3fb3a9fd2f4107125e60e9521fed81e7',
    description: 'the Epoch AI Chinchilla points snapped to the 9 Chinchilla IsoFLOP budgets (6e18 … 3e21)',
    experiments: ['epochai_chinchilla__massivetext__chinchilla'],
  },
  {
    file: 'ml_scalefit_isoflops.csv',
    url: `${OPEN_ATHENA}/ml_scalefit/isoflops.csv`,
    sha256: 'e9eecba2c7f93050254e577b970495e3ef36db84a39f06fe220b576578e84199',
    description: "Apple ml-scalefit's copy of the Chinchilla points, snapped to the IsoFLOP budgets",
    experiments: ['ml_scalefit__massivetext__chinchilla'],
  },
  {
    file: 'misfitting_isoflops.csv',
    url: `${OPEN_ATHENA}/misfitting/isoflops.csv`,
    sha256: 'f35291c4c7a8770b0dc174757a8ba377080023c4be7a46fdf8e13d812917a8f9',
    description: 'IsoFLOP runs (transformers on FineWeb/C4) released with "(Mis)Fitting: A Survey of Scaling Laws" (Li et al. 2025)',
    experiments: ['misfitting__fineweb_c4__transformer'],
  },
  {
    file: 'marin_202603_isoflops.csv',
    url: `${OPEN_ATHENA}/marin_202603/isoflops.csv`,
    sha256: 'f2c307ac8152f0df9b2be720bfc5958fdc54688de152e3294cec12da34cfa7f2',
    description: 'Marin project IsoFLOP sweeps (Llama-2 style models on the comma, dclm and nemotron data sets), March 2026',
    experiments: ['marin_202603__comma__llama_2', 'marin_202603__dclm__llama_2', 'marin_202603__nemotron__llama_2'],
  },
] as const satisfies readonly DataSource[];

/** Name of a published file. */
export type DataFileName = (typeof DATA_SOURCES)[number]['file'];

/** The raw Epoch AI extraction (245 points, no tokens column). */
export const EPOCH_CHINCHILLA_RAW_FILE: DataFileName = 'epochai_chinchilla.csv';

/** Columns shared by the standardized files (specs/experiments.md §B.6). */
export const STANDARD_COLUMNS = ['source', 'provenance', 'dataset', 'model', 'condition', 'experiment', 'tokens', 'params', 'budget', 'loss'] as const;

/**
 * The registry entry for a published file.
 * @throws DataError for a name not in {@link DATA_SOURCES}, listing the known names
 */
export function dataSource(file: string): DataSource {
  const found = DATA_SOURCES.find((s) => s.file === file);
  if (found === undefined) {
    throw new DataError(`not a published data file; known files: ${DATA_SOURCES.map((s) => s.file).join(', ')}`, {
      file,
    });
  }
  return found;
}
