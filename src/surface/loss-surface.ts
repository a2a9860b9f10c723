/**
 * The Chinchilla loss surface L(N, D) = E + A/N^α + B/D^β and its
 * compute-optimal allocation under C = 6·N·D (specs/conventions.md §1).
 */

/** Parameters of a loss surface; symbols as in the formula. */
export interface LossSurface {
  readonly E: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
}

/** FLOPs per parameter per token: C = 6·N·D. */
export const FLOPS_PER_PARAM_TOKEN = 6;

/** L(N, D) = E + A·N^−α + B·D^−β. */
export function loss(s: LossSurface, N: number, D: number): number {
  return s.E + s.A * Math.pow(N, -s.alpha) + s.B * Math.pow(D, -s.beta);
}

/** Exponent of N* in C: a = β/(α+β). */
export function exponentA(s: LossSurface): number {
  return s.beta / (s.alpha + s.beta);
}

/** Exponent of D* in C: b = α/(α+β). */
export function exponentB(s: LossSurface): number {
  return s.alpha / (s.alpha + s.beta);
}

/** G = (α·A / (β·B))^(1/(α+β)). */
export function allocationG(s: LossSurface): number {
  return Math.pow((s.alpha * s.A) / (s.beta * s.B), 1 / (s.alpha + s.beta));
}

/** Compute-optimal parameter count N*(C) = G·(C/6)^a. */
export function nOpt(s: LossSurface, C: number): number {
  return allocationG(s) * Math.pow(C / FLOPS_PER_PARAM_TOKEN, exponentA(s));
}

/** Compute-optimal token count D*(C) = (C/6)^b / G. */
export function dOpt(s: LossSurface, C: number): number {
  return Math.pow(C / FLOPS_PER_PARAM_TOKEN, exponentB(s)) / allocationG(s);
}

/** log10 intercepts of the two power laws: log10 N* = a·log10 C + a0, log10 D* = b·log10 C + b0. */
export function intercepts(s: LossSurface): { a0: number; b0: number } {
  const lg = Math.log10(allocationG(s));
  const l6 = Math.log10(FLOPS_PER_PARAM_TOKEN);
  return { a0: lg - exponentA(s) * l6, b0: -lg - exponentB(s) * l6 };
}

/** Compute-optimal loss L_opt(C) = L(N*(C), D*(C)). */
export function lossOpt(s: LossSurface, C: number): number {
  return loss(s, nOpt(s, C), dOpt(s, C));
}

/** K = A·G^−α + B·G^β, so that L_opt(C) = E + K·(C/6)^(−αβ/(α+β)). */
export function lossOptCoefficient(s: LossSurface): number {
  const G = allocationG(s);
  return s.A * Math.pow(G, -s.alpha) + s.B * Math.pow(G, s.beta);
}

/**
 * Inverse of L_opt: the budget whose compute-optimal loss is L,
 * C(L) = 6·((L − E)/K)^(−(α+β)/(αβ)). Requires L > E.
 */
export function computeForLoss(s: LossSurface, L: number): number {
  if (!(L > s.E)) {
    throw new RangeError(`computeForLoss: loss ${L} must exceed the irreducible loss E = ${s.E}`);
  }
  const K = lossOptCoefficient(s);
  return FLOPS_PER_PARAM_TOKEN * Math.pow((L - s.E) / K, -(s.alpha + s.beta) / (s.alpha * s.beta));
}
