/**
 * Runs one experiment module and writes its outputs: picks the configuration,
 * calls `run`, renders, and writes every file through one `OutputWriter`
 * into `<outRoot>/experiments/exp<N>/` (replaced as a whole on success).
 */
import { DEFAULT_SEED } from '../../src/core/seed.ts';
import { OutputWriter } from './output/index.ts';
import { DEFAULT_RNG_KIND, isRngKind, RNG_KINDS, RNG_NAMES, type RngKind } from '../../src/util/random.ts';
import { createTaskPool, type TaskPool } from './pool.ts';
import { type AnyExperiment, type Progress, type RunContext, SILENT_PROGRESS } from './types.ts';

export interface RunOptions {
  /** Output root (`--out`). */
  readonly outRoot: string;
  readonly quick?: boolean;
  /** Default 42. */
  readonly seed?: number;
  /** Generator kind of the random experiments; default {@link DEFAULT_RNG_KIND}. */
  readonly rng?: RngKind;
  readonly dataDir?: string;
  readonly progress?: Progress;
  /** A pool to share between experiments; otherwise one with `jobs` workers is made and closed here. */
  readonly pool?: TaskPool;
  /** Used only when no pool is given; default 1. */
  readonly jobs?: number;
}

export interface RunRecord {
  readonly id: number;
  /** Folder written. */
  readonly dir: string;
  /** File names written. */
  readonly files: string[];
  /** Wall time of run + render + write, milliseconds. */
  readonly ms: number;
}

/** The seed in force when none is given (specs/experiments.md §A.1): the library's one default seed. */
export { DEFAULT_SEED };

/** Output folder of experiment `id` relative to the output root. */
export function experimentDir(id: number): string {
  return `experiments/exp${id}`;
}

/** Keys the runner writes first into every `summary.json` (`rng` only for random experiments). */
const RESERVED_SUMMARY_KEYS = ['experiment', 'quick', 'seed', 'rng'] as const;

export async function runExperiment(exp: AnyExperiment, options: RunOptions): Promise<RunRecord> {
  const t0 = performance.now();
  const quick = options.quick ?? false;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const rng = options.rng ?? DEFAULT_RNG_KIND;
  if (!isRngKind(rng)) throw new RangeError(`rng must be one of ${RNG_KINDS.join(', ')}, got ${JSON.stringify(rng)}`);
  if (rng === 'numpy' && exp.random && seed < 0) throw new RangeError(`the numpy generator needs a non-negative seed, got ${seed}`);
  const config = quick ? exp.quickConfig : exp.defaultConfig;
  const ownPool = options.pool ? null : createTaskPool(options.jobs ?? 1);
  const ctx: RunContext = {
    seed,
    rng,
    quick,
    dataDir: options.dataDir,
    progress: options.progress ?? SILENT_PROGRESS,
    pool: options.pool ?? ownPool!,
  };
  const writer = await OutputWriter.open(options.outRoot, experimentDir(exp.id));
  try {
    const result = await exp.run(config, ctx);
    const artifacts = exp.render(result, config);
    for (const key of RESERVED_SUMMARY_KEYS) {
      if (key in artifacts.summary) throw new Error(`experiment ${exp.id}: summary key "${key}" is reserved for the runner`);
    }
    for (const [name, table] of Object.entries(artifacts.tables)) await writer.csv(name, table);
    for (const [name, figure] of Object.entries(artifacts.figures)) await writer.figure(name, figure, `Experiment ${exp.id}: ${name}`);
    for (const [name, text] of Object.entries(artifacts.texts ?? {})) await writer.text(name, text);
    const rngKey = exp.random ? { rng: RNG_NAMES[rng] } : {};
    await writer.json('summary.json', { experiment: exp.id, quick, seed, ...rngKey, ...artifacts.summary });
    await writer.json('run.json', { experiment: exp.id, title: exp.title, quick, seed, ...rngKey, config }, { undefinedValues: 'omit' });
    const files = await writer.commit();
    return { id: exp.id, dir: writer.dir, files, ms: performance.now() - t0 };
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await ownPool?.close();
  }
}
