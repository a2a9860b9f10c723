/**
 * The work of `scaling-fit compare BASE VARIANT` without Node streams: fit
 * both data sets (surfaces, or envelopes with `--envelope`), the effective
 * compute multiplier at each measured budget and at the target, and one
 * bootstrap replicate (each data set resampled independently) as a worker
 * task (specs/envelope.md, specs/cli.md).
 */
import { envelopeMultiplier, surfaceMultiplier } from '../fit/compute-multiplier.ts';
import type { EnvelopeFit } from '../fit/envelope.ts';
import { defineTask } from '../util/worker-pool.ts';
import { failure, pickRows, runEnvelope, type EnvelopeSettings, type ReplicateValues } from './envelope-core.ts';
import { runFit, type FitInput, type FitOutcome } from './fit-core.ts';

/** Compare surfaces (default) or envelopes. */
export type CompareMode = 'surface' | 'envelope';

export interface CompareSettings {
  readonly mode: CompareMode;
  /** The fit of each data set (the envelope settings carry the surface method too). */
  readonly envelope: EnvelopeSettings;
  /** Budgets at which the multiplier is reported (the measured ones), then the target. */
  readonly budgets: readonly number[];
  readonly baseGroupingNote: string;
  readonly variantGroupingNote: string;
}

/** One side of the comparison. */
export interface CompareSide {
  readonly surface: FitOutcome | null;
  readonly envelope: EnvelopeFit | null;
}

/** Both fits and m(C) at every budget and at the target (last). */
export interface CompareRun {
  readonly base: CompareSide;
  readonly variant: CompareSide;
  /** m at `budgets` then at the target compute. */
  readonly multipliers: readonly number[];
}

/** Fits one data set as the comparison asks (surface, or envelope). */
export function fitSide(input: FitInput, s: CompareSettings, groupingNote: string): CompareSide {
  const settings = { ...s.envelope, groupingNote };
  if (s.mode === 'surface') return { surface: runFit(input, settings.spec, settings.scales, settings.targetCompute, groupingNote), envelope: null };
  const run = runEnvelope(input, settings);
  return { surface: run.points.surface, envelope: run.fit };
}

/** Fits both and computes the multipliers. */
export function runCompare(base: FitInput, variant: FitInput, s: CompareSettings): CompareRun {
  return compareSides(fitSide(base, s, s.baseGroupingNote), fitSide(variant, s, s.variantGroupingNote), s);
}

/** m at every budget and at the target from two fitted sides. */
export function compareSides(b: CompareSide, v: CompareSide, s: CompareSettings): CompareRun {
  const at = [...s.budgets, s.envelope.targetCompute];
  const multipliers = at.map((C) =>
    s.mode === 'surface' ? surfaceMultiplier(b.surface!.surface!, v.surface!.surface!, C) : envelopeMultiplier(b.envelope!, v.envelope!, C),
  );
  return { base: b, variant: v, multipliers };
}

export interface CompareReplicateInput {
  readonly base: FitInput;
  readonly variant: FitInput;
  readonly baseIdx: Int32Array;
  readonly variantIdx: Int32Array;
  readonly settings: CompareSettings;
}

/** One bootstrap replicate: both data sets resampled (independently drawn rows), refitted, m at every budget and the target. */
export function compareReplicate({ base, variant, baseIdx, variantIdx, settings }: CompareReplicateInput): ReplicateValues {
  try {
    return { ok: true, values: runCompare(pickRows(base, baseIdx), pickRows(variant, variantIdx), settings).multipliers };
  } catch (err) {
    return failure(err);
  }
}

export const compareReplicateTask = defineTask(import.meta.url, 'compareReplicate', compareReplicate);
