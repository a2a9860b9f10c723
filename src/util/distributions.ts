/**
 * The few probability distributions the IsoFLOP quality control and the
 * residual tests of experiment 12 need: Student's t quantile (curvature
 * test, specs/experiments.md §B.7 stage 5b), the χ² and F upper tails (Kruskal–Wallis and
 * Levene p-values, specs/experiments.md §C.12). Built on the regularised incomplete gamma and
 * beta functions (Numerical Recipes, 3rd ed., §6.2 and §6.4: series and
 * continued fractions by the modified Lentz method).
 *
 * Accuracy: about 1e−14 relative on the tests' reference values (scipy.stats).
 */

/** Lanczos coefficients, g = 7, n = 9 (Godfrey's set; ≈ 1e−15 relative on x > 0). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, reflection below 0.5).
 * @example lnGamma(5) // 3.1780538303479458 (= ln 24)
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma: x must be positive, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Iteration cap and relative tolerance of the series and continued fractions. */
const MAX_TERMS = 10_000;
const EPS = 1e-16;
/** Smallest magnitude the Lentz recursion lets a denominator take. */
const TINY = 1e-300;

/**
 * Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), for a > 0, x ≥ 0.
 * @example gammaQ(1, 2) // 0.1353352832366127 (= e^−2)
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`gammaQ: need a > 0 and x ≥ 0, got a = ${a}, x = ${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    // Series for P(a, x).
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAX_TERMS; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  // Continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(logPrefix) * h;
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularised incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
 * @example incompleteBeta(0.5, 2, 2) // 0.5
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
    throw new RangeError(`incompleteBeta: need a, b > 0 and 0 ≤ x ≤ 1, got x = ${x}, a = ${a}, b = ${b}`);
  }
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

function checkDf(name: string, df: number): void {
  if (!(df > 0 && Number.isFinite(df))) throw new RangeError(`${name}: degrees of freedom must be positive and finite, got ${df}`);
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom:
 * 1 − ½·I_{df/(df+t²)}(df/2, ½) for t ≥ 0, by symmetry below 0.
 * @example studentTCdf(12.706204736174707, 1) // 0.975
 */
export function studentTCdf(t: number, df: number): number {
  checkDf('studentTCdf', df);
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (bracketing,
 * then bisection to the last bit; monotone and robust for small df).
 * @example studentTQuantile(0.975, 5) // 2.5705818366147395
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf('studentTQuantile', df);
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must lie in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // Upper tail probability q = 1 − p, computed without cancellation.
  const q = 1 - p;
  const upper = (t: number): number => 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  let lo = 0;
  let hi = 1;
  while (upper(hi) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (upper(mid) > q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Upper tail P(X > x) of the χ² distribution with `df` degrees of freedom.
 * @example chiSquareSf(3.841458820694124, 1) // 0.05
 */
export function chiSquareSf(x: number, df: number): number {
  checkDf('chiSquareSf', df);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/**
 * Upper tail P(X > f) of the F distribution with (d1, d2) degrees of freedom:
 * I_{d2/(d2 + d1·f)}(d2/2, d1/2).
 * @example fSf(4.9646027437307145, 1, 10) // 0.05
 */
export function fSf(f: number, d1: number, d2: number): number {
  checkDf('fSf', d1);
  checkDf('fSf', d2);
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}
