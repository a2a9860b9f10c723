/**
 * Which experiment outputs exist and match the current configuration, and
 * running the missing ones (specs/article.md, "Commands"): an output is reused when its
 * `summary.json` exists, it was a full run with the article's seed, and its
 * `run.json` configuration equals the registry's default configuration.
 * Anything else is run with `npm run exp` (progress shown) if the experiment
 * is registered; otherwise it is unavailable, with the reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExperimentStatus =
  | { readonly id: number; readonly state: 'fresh' }
  | { readonly id: number; readonly state: 'stale'; readonly reason: string }
  | { readonly id: number; readonly state: 'absent'; readonly reason: string };

interface RegistryEntry {
  id: number;
  defaultConfig: unknown;
}

/** The experiment registry, or null with the reason if it cannot be imported right now. */
export async function loadRegistry(): Promise<{ entries: RegistryEntry[] } | { error: string }> {
  try {
    const mod = (await import('../../experiments/harness/registry.ts')) as unknown as { EXPERIMENTS: RegistryEntry[] };
    return { entries: mod.EXPERIMENTS };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function normalize(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));
}

/** Status of one experiment's outputs under `resultsRoot`. */
export function experimentStatus(id: number, resultsRoot: string, seed: number, registry: RegistryEntry[] | null): ExperimentStatus {
  const dir = join(resultsRoot, 'experiments', `exp${id}`);
  if (!existsSync(join(dir, 'summary.json'))) {
    const registered = registry?.some((e) => e.id === id);
    return {
      id,
      state: 'absent',
      reason: registered ? `no outputs under ${dir}` : `no outputs under ${dir}, and experiment ${id} is not in experiments/harness/registry.ts yet`,
    };
  }
  const runPath = join(dir, 'run.json');
  if (!existsSync(runPath)) return { id, state: 'stale', reason: 'run.json is missing' };
  const run = JSON.parse(readFileSync(runPath, 'utf8')) as { quick?: boolean; seed?: number; config?: unknown };
  if (run.quick) return { id, state: 'stale', reason: 'outputs come from a --quick run' };
  if (run.seed !== seed) return { id, state: 'stale', reason: `outputs use seed ${run.seed}, the article uses ${seed}` };
  const entry = registry?.find((e) => e.id === id);
  if (entry && normalize(entry.defaultConfig) !== normalize(run.config))
    return { id, state: 'stale', reason: 'run.json configuration differs from the registry default' };
  return { id, state: 'fresh' };
}

/** Runs experiments through the project's CLI; returns false if it failed. */
export function runExperiments(ids: readonly number[], options: { repoRoot: string; resultsRoot: string; dataDir: string | undefined; seed: number }): boolean {
  if (ids.length === 0) return true;
  const args = ['tsx', 'experiments/harness/cli.ts', '--id', ids.join(','), '--out', options.resultsRoot, '--seed', String(options.seed)];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  process.stderr.write(`article: running experiment(s) ${ids.join(', ')}: npx ${args.join(' ')}\n`);
  const r = spawnSync('npx', args, { cwd: options.repoRoot, stdio: 'inherit' });
  return r.status === 0;
}

/** What {@link prepareExperiments} found: experiments whose outputs can be read, and why the others cannot. */
export interface PreparedExperiments {
  readonly statuses: ExperimentStatus[];
  readonly available: Set<number>;
  readonly unavailable: Map<number, string>;
  /** A warning when the registry could not be imported. */
  readonly warnings: string[];
}

/**
 * Checks the outputs of `needed` under `resultsRoot` and, when `run` is set,
 * runs the missing or stale ones (all of them with `rerun`) through the
 * experiment CLI first. Shared by `npm run article` and `npm run results`.
 */
export async function prepareExperiments(
  needed: readonly number[],
  options: { resultsRoot: string; repoRoot: string; dataDir: string | undefined; seed: number; run: boolean; rerun: boolean },
): Promise<PreparedExperiments> {
  const warnings: string[] = [];
  const reg = await loadRegistry();
  const registry = 'entries' in reg ? reg.entries : null;
  if (!registry)
    warnings.push(`experiments/harness/registry.ts could not be imported (${(reg as { error: string }).error}); reusing outputs without a configuration check`);
  let statuses = needed.map((id) => experimentStatus(id, options.resultsRoot, options.seed, registry));
  const toRun = statuses.filter((s) => (options.rerun || s.state !== 'fresh') && registry?.some((e) => e.id === s.id)).map((s) => s.id);
  if (options.run && toRun.length > 0) {
    if (!runExperiments(toRun, { repoRoot: options.repoRoot, resultsRoot: options.resultsRoot, dataDir: options.dataDir, seed: options.seed })) {
      warnings.push(`running experiment(s) ${toRun.join(', ')} failed; see the output above`);
    }
    statuses = needed.map((id) => experimentStatus(id, options.resultsRoot, options.seed, registry));
  }
  const available = new Set(statuses.filter((s) => s.state === 'fresh' || (s.state === 'stale' && !registry)).map((s) => s.id));
  const unavailable = new Map(statuses.filter((s) => !available.has(s.id)).map((s) => [s.id, s.state === 'fresh' ? '' : s.reason] as const));
  return { statuses, available, unavailable, warnings };
}
