/**
 * The work of `scaling-fit envelope` without Node streams: the compute-optimal
 * loss of every IsoFLOP budget (from the surface fit or from the budget's
 * parabola), the envelope L(C) = L∞ + A·C^(−γ) through them, and one
 * bootstrap replicate as a worker task (specs/envelope.md, specs/cli.md).
 */
import { envelopeLoss, fitEnvelope, type EnvelopeFit, type EnvelopePins } from '../fit/envelope.ts';
import { lossOpt, type LossSurface } from '../surface/loss-surface.ts';
import { defineTask } from '../util/worker-pool.ts';
import { fitApproach2Groups, runFit, type FitInput, type FitOutcome, type MethodSpec, type Scales } from './fit-core.ts';

/** Where each budget's compute-optimal loss comes from. */
export type EnvelopeSource = 'surface' | 'parabola';
export const ENVELOPE_SOURCES: readonly EnvelopeSource[] = ['parabola', 'surface'];
/** Default `--from`: the parabola minima scatter around the envelope, so the lack-of-fit interval means something. */
export const DEFAULT_ENVELOPE_SOURCE: EnvelopeSource = 'parabola';

/** What the source means, in words (summary, JSON `from_description`, report). */
export const SOURCE_DESCRIPTIONS: Readonly<Record<EnvelopeSource, string>> = Object.freeze({
  surface: 'L_opt(C) of the fitted surface at each IsoFLOP budget',
  parabola: 'the minimum of the parabola in log10 N through each IsoFLOP budget (Approach 2)',
});

export interface EnvelopeSettings {
  readonly from: EnvelopeSource;
  /** The surface method (with its pins), used when `from` is 'surface'. */
  readonly spec: MethodSpec;
  readonly scales: Scales;
  /** Pinned L∞ and/or γ. */
  readonly fix: EnvelopePins;
  readonly targetCompute: number;
  readonly groupingNote: string;
}

/** The per-budget compute-optimal losses and the fit they came from. */
export interface EnvelopePoints {
  readonly C: Float64Array;
  readonly L: Float64Array;
  /** The surface fit (from 'surface'), else null. */
  readonly surface: FitOutcome | null;
}

/** Distinct group keys, ascending. */
export function budgetsOf(groups: Float64Array): number[] {
  return [...new Set(groups)].sort((a, b) => a - b);
}

/** Each budget's compute-optimal loss, from the surface fit or the parabolas. */
export function envelopePoints(input: FitInput, s: EnvelopeSettings): EnvelopePoints {
  if (s.from === 'parabola') {
    const a2 = fitApproach2Groups(input, s.groupingNote);
    const budgets = [...a2.budgets].sort((x, y) => x.C - y.C);
    return { C: Float64Array.from(budgets, (b) => b.C), L: Float64Array.from(budgets, (b) => b.parabolaN.minimum), surface: null };
  }
  const outcome = runFit(input, s.spec, s.scales, s.targetCompute, s.groupingNote);
  const surface: LossSurface = outcome.surface!;
  const C = Float64Array.from(budgetsOf(input.groups));
  return { C, L: C.map((c) => lossOpt(surface, c)), surface: outcome };
}

/** The points and the envelope through them. */
export interface EnvelopeRun {
  readonly points: EnvelopePoints;
  readonly fit: EnvelopeFit;
}

export function runEnvelope(input: FitInput, s: EnvelopeSettings): EnvelopeRun {
  const points = envelopePoints(input, s);
  return { points, fit: fitEnvelope(points.C, points.L, { fix: s.fix }) };
}

/** The quantities of an envelope that get bootstrap intervals, in order. */
export const ENVELOPE_QUANTITIES = ['Linf', 'A', 'gamma', 'target_loss'] as const;
export type EnvelopeQuantity = (typeof ENVELOPE_QUANTITIES)[number];

export function envelopeQuantities(f: EnvelopeFit, targetCompute: number): number[] {
  return [f.Linf, f.A, f.gamma, envelopeLoss(f, targetCompute)];
}

/** Values of one replicate, or why it failed (class and message). */
export type ReplicateValues = { readonly ok: true; readonly values: readonly number[] } | { readonly ok: false; readonly kind: string; readonly text: string };

/** Rows `idx` of the data. */
export function pickRows(input: FitInput, idx: Int32Array): FitInput {
  const pick = (x: Float64Array): Float64Array => Float64Array.from(idx, (i) => x[i]!);
  return { N: pick(input.N), D: pick(input.D), L: pick(input.L), groups: pick(input.groups) };
}

export function failure(err: unknown): ReplicateValues {
  return err instanceof Error ? { ok: false, kind: err.name, text: err.message } : { ok: false, kind: 'Error', text: String(err) };
}

export interface EnvelopeReplicateInput {
  readonly input: FitInput;
  readonly idx: Int32Array;
  readonly settings: EnvelopeSettings;
}

/** One bootstrap replicate: refit the resampled runs and the envelope; failures are reported, not thrown. */
export function envelopeReplicate({ input, idx, settings }: EnvelopeReplicateInput): ReplicateValues {
  try {
    const { fit } = runEnvelope(pickRows(input, idx), settings);
    return { ok: true, values: envelopeQuantities(fit, settings.targetCompute) };
  } catch (err) {
    return failure(err);
  }
}

export const envelopeReplicateTask = defineTask(import.meta.url, 'envelopeReplicate', envelopeReplicate);
