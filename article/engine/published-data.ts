/**
 * The six published IsoFLOP data sets of article §6 (specs/experiments.md §B.6),
 * loaded through the library's data module, with per-budget Approach 2
 * parabolas computed at build time: sampling center (mean log10 x of the
 * budget's points), vertex, and whether the parabola has a minimum.
 * Loaded once (async) before facts and figures are evaluated.
 */
import { fitParabola } from '../../src/fit/approach2.ts';
import { loadIsoflopExperiment } from '../../src/data/index.ts';
import { MissingResultError } from './errors.ts';

export const PUBLISHED_SETS = [
  {
    file: 'epochai_chinchilla_isoflops.csv',
    experiment: 'epochai_chinchilla__massivetext__chinchilla',
    label: 'Epoch AI / Chinchilla',
    cite: 'epochai_chinchilla_replication',
  },
  { file: 'llama_3_isoflops.csv', experiment: 'llama_3__raw_loss', label: 'Llama 3', cite: 'llama3' },
  { file: 'misfitting_isoflops.csv', experiment: 'misfitting__fineweb_c4__transformer', label: 'Misfitting / FineWeb-C4', cite: 'misfitting' },
  { file: 'marin_202603_isoflops.csv', experiment: 'marin_202603__comma__llama_2', label: 'Marin / CoMMA', cite: 'marin_isoflops' },
  { file: 'marin_202603_isoflops.csv', experiment: 'marin_202603__dclm__llama_2', label: 'Marin / DCLM', cite: 'marin_isoflops' },
  { file: 'marin_202603_isoflops.csv', experiment: 'marin_202603__nemotron__llama_2', label: 'Marin / Nemotron', cite: 'marin_isoflops' },
] as const;

export interface BudgetCurve {
  readonly C: number;
  /** log10 N, log10 D and L of the budget's points, ascending N. */
  readonly logN: number[];
  readonly logD: number[];
  readonly L: number[];
  /** Per axis: the parabola (centered coordinates) and its vertex, or why there is none. */
  readonly fit: Record<'N' | 'D', { p0: number; p1: number; p2: number; xMean: number; vertex: number; minimum: number } | { failure: string }>;
  /** Mean log10 x of the points (the sampling center). */
  readonly center: Record<'N' | 'D', number>;
}

export interface PublishedSet {
  readonly experiment: string;
  readonly label: string;
  readonly cite: string;
  readonly budgets: BudgetCurve[];
  readonly nPoints: number;
}

let loaded: PublishedSet[] | null = null;
let loadError: string | null = null;

function curve(C: number, idx: number[], N: Float64Array, D: Float64Array, L: Float64Array): BudgetCurve {
  const order = [...idx].sort((a, b) => N[a] - N[b]);
  const logN = order.map((i) => Math.log10(N[i]));
  const logD = order.map((i) => Math.log10(D[i]));
  const Ls = order.map((i) => L[i]);
  const fitAxis = (x: number[]): BudgetCurve['fit']['N'] => {
    if (x.length < 3) return { failure: `${x.length} points` };
    const p = fitParabola(x, Ls);
    if (!p) return { failure: 'degenerate' };
    if (!(p.p2 > 1e-10)) return { failure: 'no minimum' };
    const u = -p.p1 / (2 * p.p2);
    return { ...p, vertex: p.xMean + u, minimum: p.p0 + p.p1 * u + p.p2 * u * u };
  };
  const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  return { C, logN, logD, L: Ls, fit: { N: fitAxis(logN), D: fitAxis(logD) }, center: { N: mean(logN), D: mean(logD) } };
}

/** Loads the six data sets (from `dataDir`, the cache, or a download). Errors are kept and reported by {@link publishedSets}. */
export async function preloadPublished(dataDir: string | undefined): Promise<void> {
  loaded = null;
  loadError = null;
  try {
    const out: PublishedSet[] = [];
    for (const s of PUBLISHED_SETS) {
      const d = await loadIsoflopExperiment(s.file, s.experiment, { dataDir });
      const groups = new Map<number, number[]>();
      d.C.forEach((C, i) => (groups.get(C) ?? groups.set(C, []).get(C)!).push(i));
      const budgets = [...groups.keys()].sort((a, b) => a - b).map((C) => curve(C, groups.get(C)!, d.N, d.D, d.L));
      out.push({ experiment: s.experiment, label: s.label, cite: s.cite, budgets, nPoints: d.N.length });
    }
    loaded = out;
  } catch (e) {
    loadError = (e as Error).message;
  }
}

/** Why {@link preloadPublished} could not load the data (the data module's message), or null. */
export function publishedLoadError(): string | null {
  return loaded ? null : (loadError ?? 'preloadPublished() was not called');
}

/** The loaded data sets; a MissingResultError (experiment −1) names the problem if loading failed. */
export function publishedSets(): PublishedSet[] {
  if (!loaded) throw new MissingResultError(`published IsoFLOP data not available: ${loadError ?? 'preloadPublished() was not called'}`, -1, 'published data');
  return loaded;
}

/** Center minus vertex in decades (log10 N) per budget with a parabola. */
export function centerOffsets(s: PublishedSet, axis: 'N' | 'D' = 'N'): Array<{ C: number; offset: number }> {
  return s.budgets.flatMap((b) => {
    const f = b.fit[axis];
    return 'failure' in f ? [] : [{ C: b.C, offset: b.center[axis] - f.vertex }];
  });
}
