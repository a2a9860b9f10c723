/**
 * Which experiment outputs exist and match the current configuration, and
 * running the missing ones (article.md §0): an output is reused when its
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
    const mod = (await import('../../experiments/registry.ts')) as unknown as { EXPERIMENTS: RegistryEntry[] };
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
      reason: registered ? `no outputs under ${dir}` : `no outputs under ${dir}, and experiment ${id} is not in experiments/registry.ts yet`,
    };
  }
  const runPath = join(dir, 'run.json');
  if (!existsSync(runPath)) return { id, state: 'stale', reason: 'run.json is missing' };
  const run = JSON.parse(readFileSync(runPath, 'utf8')) as { quick?: boolean; seed?: number; config?: unknown };
  if (run.quick) return { id, state: 'stale', reason: 'outputs come from a --quick run' };
  if (run.seed !== seed) return { id, state: 'stale', reason: `outputs use seed ${run.seed}, the article uses ${seed}` };
  const entry = registry?.find((e) => e.id === id);
  if (entry && normalize(entry.defaultConfig) !== normalize(run.config)) return { id, state: 'stale', reason: 'run.json configuration differs from the registry default' };
  return { id, state: 'fresh' };
}

/** Runs experiments through the project's CLI; returns false if it failed. */
export function runExperiments(ids: readonly number[], options: { repoRoot: string; resultsRoot: string; dataDir: string | undefined; seed: number }): boolean {
  if (ids.length === 0) return true;
  const args = ['tsx', 'experiments/cli.ts', '--id', ids.join(','), '--out', options.resultsRoot, '--seed', String(options.seed)];
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  process.stderr.write(`article: running experiment(s) ${ids.join(', ')}: npx ${args.join(' ')}\n`);
  const r = spawnSync('npx', args, { cwd: options.repoRoot, stdio: 'inherit' });
  return r.status === 0;
}
