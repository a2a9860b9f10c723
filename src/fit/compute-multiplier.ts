/**
 * The effective compute multiplier of a variant over a baseline: how many
 * times the compute C the baseline needs to reach the loss the variant
 * reaches at C (specs/envelope.md). m > 1: the variant is better.
 */
import { computeForLoss, lossOpt, type LossSurface } from '../surface/loss-surface.ts';
import { envelopeCompute, envelopeLoss, type EnvelopeFit } from './envelope.ts';

/**
 * From two surfaces: m(C) = C_base(L_opt,variant(C)) / C, with C_base the
 * inverse of the baseline's compute-optimal loss (`computeForLoss`).
 * Infinity when the variant's loss is at or below the baseline's E (the
 * baseline never reaches it).
 */
export function surfaceMultiplier(base: LossSurface, variant: LossSurface, C: number): number {
  const target = lossOpt(variant, C);
  if (!(target > base.E)) return Infinity;
  return computeForLoss(base, target) / C;
}

/**
 * From two envelopes: m(C) = C_base(L_variant(C)) / C with the envelope's
 * inverse. With a shared L∞ and γ this is ((L_base(C) − L∞)/(L_variant(C) − L∞))^(1/γ)
 * = (A_base/A_variant)^(1/γ), the same at every C. Infinity when the
 * variant's loss is at or below the baseline's L∞.
 */
export function envelopeMultiplier(base: Pick<EnvelopeFit, 'Linf' | 'A' | 'gamma'>, variant: Pick<EnvelopeFit, 'Linf' | 'A' | 'gamma'>, C: number): number {
  const target = envelopeLoss(variant, C);
  if (!(target > base.Linf)) return Infinity;
  return envelopeCompute(base, target) / C;
}
