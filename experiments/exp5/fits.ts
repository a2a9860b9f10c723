/**
 * Surface fits of experiment 5 (specs/experiments.md §C.5): the method recipes
 * (specs/experiments.md §B.8) and one pool task that samples a noise-free IsoFLOP set once,
 * prepares it once and runs every requested method on it.
 */
import { checkSurfaceData, type SurfaceFitResult } from '../../src/fit/index.ts';
import { METHODS } from '../../src/fit/methods.ts';
import { prepareData } from '../../src/kernels/index.ts';
import { type SamplingBias, sampleIsoflops } from '../../src/sampling/index.ts';
import type { LossSurface } from '../../src/surface/index.ts';
import { defineTask } from '../../src/util/worker-pool.ts';

/** Method identifiers of experiment 5 (specs/experiments.md §B.8); each runs with the registry's defaults. */
export type Exp5Method = 'approach3_lse_logloss' | 'approach3_lse_logloss_fd' | 'vpnls_lbfgsb_grad' | 'vpnls_lbfgsb_fd' | 'vpnls_nelder_mead' | 'vpnls_grid256';

/**
 * Part 3 methods in the order of specs/experiments.md §C.5 with the `label`
 * column of its tables: the optimiser's dimension and kind, which is what
 * the comparison varies (the registry's labels name the method family).
 */
export const EXP5_METHOD_LABELS: Readonly<Record<Exp5Method, string>> = {
  approach3_lse_logloss: '5-D L-BFGS-B, analytic gradient',
  approach3_lse_logloss_fd: '5-D L-BFGS-B, numerical gradient',
  vpnls_lbfgsb_grad: '2-D L-BFGS-B, analytic gradient',
  vpnls_lbfgsb_fd: '2-D L-BFGS-B, numerical gradient',
  vpnls_nelder_mead: '2-D Nelder-Mead',
  vpnls_grid256: '2-D grid 256²',
};

export const EXP5_METHOD_LIST = Object.keys(EXP5_METHOD_LABELS) as Exp5Method[];

/** One noise-free sample to fit (structured-cloneable). */
export interface Exp5SampleInput {
  readonly surface: LossSurface;
  readonly bias: SamplingBias;
  readonly W: number;
  readonly budgets: readonly number[];
  readonly pointsPerCurve: number;
  readonly methods: readonly Exp5Method[];
}

/** Outcome of one fit: the estimate, or the typed error's name and message when it threw. */
export type Exp5FitOutcome =
  | {
      readonly method: Exp5Method;
      readonly ok: true;
      readonly surface: LossSurface;
      readonly rss: number;
      readonly status: SurfaceFitResult['status'];
      readonly iterations: number;
    }
  | { readonly method: Exp5Method; readonly ok: false; readonly error: string };

/**
 * Samples the surface (specs/conventions.md §2, noise-free, pooled over budgets),
 * prepares the data once and runs each method. A fit that throws becomes an
 * `ok: false` outcome; a sample that cannot be fitted at all throws.
 */
export function fitSample(input: Exp5SampleInput): Exp5FitOutcome[] {
  const s = sampleIsoflops(input.surface, { W: input.W, bias: input.bias, budgets: input.budgets, pointsPerCurve: input.pointsPerCurve });
  checkSurfaceData(s.N, s.D, s.L);
  const data = prepareData(s.N, s.D, s.L);
  return input.methods.map((method): Exp5FitOutcome => {
    try {
      const r = METHODS[method].fit(data);
      if (r.method !== method) throw new Error(`experiment 5: recipe for ${method} produced method ${r.method}`);
      return {
        method,
        ok: true,
        surface: { E: r.E, A: r.A, B: r.B, alpha: r.alpha, beta: r.beta },
        rss: r.rss,
        status: r.status,
        iterations: r.iterations,
      };
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('experiment 5:')) throw err;
      return { method, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  });
}

export const fitSampleTask = defineTask(import.meta.url, 'fitSample', fitSample);
