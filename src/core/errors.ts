/**
 * Two tiers of failure: a fit that ran reports a status; a fit that cannot
 * run or produced nothing usable throws. Bad arguments throw
 * {@link InvalidInputError} (a RangeError), hard numerical failures a
 * {@link FitError} subclass. Messages name the argument and the value.
 */

/** An argument that no fit can use: empty, mismatched, non-finite or out of range. */
export class InvalidInputError extends RangeError {
  override name = 'InvalidInputError';
  constructor(
    message: string,
    /** Name of the offending argument, e.g. "N". */
    readonly argument: string,
    /** Index of the offending element, if one element is to blame. */
    readonly index?: number,
    /** The offending value. */
    readonly value?: number,
  ) {
    super(message);
  }
}

/** Base class of hard fitting failures. */
export class FitError extends Error {
  override name = 'FitError';
}

/** A budget (or the whole data set) has fewer points than the method needs. */
export class TooFewPointsError extends FitError {
  override name = 'TooFewPointsError';
  constructor(
    message: string,
    readonly budget: number | null,
    readonly count: number,
    readonly required: number,
  ) {
    super(message);
  }
}

/** Fewer budgets than a power-law fit across budgets needs. */
export class TooFewBudgetsError extends FitError {
  override name = 'TooFewBudgetsError';
  constructor(
    message: string,
    readonly count: number,
    readonly required: number,
  ) {
    super(message);
  }
}

/** An IsoFLOP parabola with no clear minimum (curvature c2 at or below the threshold). */
export class NoMinimumError extends FitError {
  override name = 'NoMinimumError';
  constructor(
    message: string,
    readonly budget: number,
    readonly curvature: number,
    readonly axis: 'N' | 'D',
  ) {
    super(message);
  }
}

/**
 * An IsoFLOP parabola whose vertex x* lies so far out that N̂* (or D̂*) = 10^x*
 * is not a usable number: it overflows to Infinity (x* above about 308.25) or
 * underflows to 0 (x* below about −323.3), or x* is NaN.
 */
export class VertexOutOfRangeError extends FitError {
  override name = 'VertexOutOfRangeError';
  constructor(
    message: string,
    readonly budget: number,
    readonly axis: 'N' | 'D',
    /** The vertex x* in log10 units. */
    readonly vertex: number,
    /** 10^x* as computed: Infinity, 0 or NaN. */
    readonly value: number,
  ) {
    super(message);
  }
}

/** Data that determine no fit: all losses equal, one distinct N, collinear design. */
export class DegenerateDataError extends FitError {
  override name = 'DegenerateDataError';
}

/**
 * Data that show no scaling: the best fit with E, A, B ≥ 0 switches off the
 * N term (A = 0) or the D term (B = 0), i.e. the loss does not decrease with
 * N or with D, so N*, D* and the exponents mean nothing.
 */
export class NoScalingError extends DegenerateDataError {
  override name = 'NoScalingError';
  constructor(
    message: string,
    readonly terms: readonly ('A' | 'B')[],
  ) {
    super(message);
  }
}

/** The computation produced a non-finite estimate. */
export class NonFiniteResultError extends FitError {
  override name = 'NonFiniteResultError';
}

/** A WebAssembly kernel trapped; carries the kernel name and the original error. */
export class KernelError extends FitError {
  override name = 'KernelError';
  constructor(
    message: string,
    readonly kernel: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
