/**
 * The shape every experiment module has (the project rule: one module per
 * experiment, all with the same exports): an id, a title,
 * the hypothesis it tests, a default (full) and a quick configuration,
 * `run(config, ctx)` returning plain data, and `render(result, config)`
 * turning that data into tables, figures and summary keys. Files are written
 * by the runner through one `OutputWriter`; modules never print or write.
 */
import type { Table } from './output/index.ts';
import type { Figure } from '../../src/plot/index.ts';
import type { RngKind } from '../../src/util/random.ts';
import type { Progress } from './progress.ts';
import type { TaskPool } from './pool.ts';

export { type Progress, type ProgressTask, SILENT_PROGRESS } from './progress.ts';

/** What `run` gets besides its configuration. */
export interface RunContext {
  /** The seed in force (`--seed`, default 42); only random experiments use it. */
  readonly seed: number;
  /** Generator kind of the random experiments (`--rng`, default {@link DEFAULT_RNG_KIND} of src/util/random.ts). */
  readonly rng: RngKind;
  /** Whether the quick configuration was selected. */
  readonly quick: boolean;
  /** Folder of local copies of the published data (`--data-dir` / `SCALING_DATA_DIR`), if any. */
  readonly dataDir: string | undefined;
  readonly progress: Progress;
  /** Worker pool for Monte Carlo sweeps: results identical for any `--jobs`. */
  readonly pool: TaskPool;
}

/** Everything an experiment writes, as data. Names are file names (tables, texts) or figure names. */
export interface Artifacts {
  /** File name (e.g. `sweep.csv`) → table. */
  readonly tables: Readonly<Record<string, Table>>;
  /** Figure name `F` → figure, written as `F.json` and `F.html`. */
  readonly figures: Readonly<Record<string, Figure>>;
  /** The experiment's own `summary.json` keys (the runner adds `experiment`, `quick`, `seed`). */
  readonly summary: Readonly<Record<string, unknown>>;
  /** Text files such as `report.md`. */
  readonly texts?: Readonly<Record<string, string>>;
}

/** An experiment module (its namespace object satisfies this interface). */
export interface Experiment<C = unknown, R = unknown> {
  readonly id: number;
  readonly title: string;
  readonly hypothesis: string;
  readonly defaultConfig: C;
  /** The reduced CI configuration; the default one where specs/experiments.md gives no quick variant. */
  readonly quickConfig: C;
  /** True for experiments that consume random numbers; the runner then records `"rng"` in summary.json. */
  readonly random?: boolean;
  run(config: C, ctx: RunContext): Promise<R>;
  render(result: R, config: C): Artifacts;
}

/** An experiment of any configuration and result type, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds experiments of every configuration and result type
export type AnyExperiment = Experiment<any, any>;

/**
 * Type-checks an experiment module namespace: its configs, `run` and
 * `render` must agree on one configuration type C and one result type R.
 *
 * @example import * as exp1 from '../exp1-empirical-error.ts'; const e = experimentModule(exp1);
 */
export function experimentModule<C, R>(module: Experiment<C, R>): AnyExperiment {
  return module;
}
