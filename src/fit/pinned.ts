/**
 * Pinned parameters of a surface fit: `fix: { E?, A?, B?, alpha?, beta? }`
 * holds some of the five parameters at given values while the others are
 * fitted (specs/pinned.md). Free-asymptote fits extrapolate optimistically on
 * short sweeps; practitioners pin E, or an exponent from an earlier study.
 */
import { InvalidInputError } from '../core/errors.ts';
import { PARAMETER_NAMES, type ParameterName, type SurfaceBounds, type SurfaceFitResult } from './result.ts';

/** Values held fixed during a fit, by parameter name (natural units of the data the fit sees). */
export type PinnedParameters = NonNullable<SurfaceFitResult['pinned']>;

/** A pinned value that no fit can use: unknown name, not finite, or out of range. */
export class PinnedParameterError extends InvalidInputError {
  override name = 'PinnedParameterError';
  constructor(
    message: string,
    readonly parameter: string,
    value?: number,
  ) {
    super(message, `fix.${parameter}`, undefined, value);
  }
}

/** The pinned names in parameter order (E, A, B, alpha, beta); empty for none. */
export function pinnedNames(fix: PinnedParameters | undefined): ParameterName[] {
  if (fix === undefined) return [];
  return PARAMETER_NAMES.filter((p) => fix[p] !== undefined);
}

/** True when at least one parameter is pinned. */
export function hasPins(fix: PinnedParameters | undefined): fix is PinnedParameters {
  return pinnedNames(fix).length > 0;
}

/**
 * Checks pinned values and returns a clean copy (parameter order, no
 * undefined keys). E ≥ 0, A and B > 0 (finite), and α, β within the method's
 * exponent bounds.
 * @param exponentBounds the method's bounds on α and β
 * @throws PinnedParameterError naming the parameter and the value
 */
export function checkPinned(fix: PinnedParameters, exponentBounds: Pick<SurfaceBounds, 'alpha' | 'beta'>, method: string): PinnedParameters {
  for (const key of Object.keys(fix)) {
    if (!(PARAMETER_NAMES as readonly string[]).includes(key)) {
      throw new PinnedParameterError(`${method}: cannot pin "${key}": the parameters are ${PARAMETER_NAMES.join(', ')}`, key);
    }
  }
  const out: Partial<Record<ParameterName, number>> = {};
  for (const p of pinnedNames(fix)) {
    const v = fix[p]!;
    const say = `${method}: pinned ${p} = ${v}`;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new PinnedParameterError(`${say} must be a finite number`, p, v);
    if (p === 'E' && !(v >= 0)) throw new PinnedParameterError(`${say} must be ≥ 0`, p, v);
    if ((p === 'A' || p === 'B') && !(v > 0)) throw new PinnedParameterError(`${say} must be positive`, p, v);
    if (p === 'alpha' || p === 'beta') {
      const [lo, hi] = exponentBounds[p];
      if (!(v >= lo && v <= hi)) throw new PinnedParameterError(`${say} must lie within the method's bounds [${lo}, ${hi}]`, p, v);
    }
    out[p] = v;
  }
  return Object.freeze(out);
}

/** `E = 1.6, alpha = 0.34` (full precision); empty string for none. */
export function describePinned(fix: PinnedParameters | undefined): string {
  return pinnedNames(fix)
    .map((p) => `${p} = ${fix![p]}`)
    .join(', ');
}
