import type { LossSurface } from '../surface/loss-surface.ts';

/**
 * Pooled (N, D, L) data prepared once per fit: logs computed in TS so both
 * backends see identical inputs. `id` lets the WebAssembly backend copy the
 * data into its memory once and reuse it for every kernel call of a fit.
 */
export interface PreparedData {
  readonly n: number;
  readonly lnN: Float64Array;
  readonly lnD: Float64Array;
  readonly L: Float64Array;
  readonly id: number;
}

/** Best cell of a VPNLS grid scan. */
export interface GridResult {
  /** Row-major index alphaIndex·nb + betaIndex. */
  readonly bestIndex: number;
  readonly alphaIndex: number;
  readonly betaIndex: number;
  readonly alpha: number;
  readonly beta: number;
  readonly rss: number;
  readonly E: number;
  readonly A: number;
  readonly B: number;
  /** RSS of every cell (na·nb, α outer) when asked for, else null. */
  readonly surface: Float64Array | null;
}

/** The VPNLS objective at one (α, β). */
export interface PointResult {
  readonly rss: number;
  readonly E: number;
  readonly A: number;
  readonly B: number;
  /** Envelope-theorem gradient of the RSS in α and β at the inner optimum. */
  readonly gradAlpha: number;
  readonly gradBeta: number;
}

/** Inner solve of the VPNLS objective: non-negative or unconstrained least squares. */
export type InnerSolve = 'nnls' | 'ols';

/** Finite-difference scheme and absolute step. */
export interface DiffOptions {
  readonly scheme: 'forward' | 'central';
  readonly step: number;
}

/** Axes of an Approach 3 seed grid (one candidate list per parameter; SeedGrid5 in src/fit/grids5.ts). */
export interface Approach3Axes {
  readonly E: Float64Array;
  readonly A: Float64Array;
  readonly B: Float64Array;
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
}

/** The point of least RSS of an Approach 3 seed grid. */
export interface Approach3GridBest {
  /** Index in E-major order (E, A, B, α, β; first of ties), or −1 when no RSS is finite. */
  readonly index: number;
  readonly rss: number;
}

/** Which Approach 3 objective (src/fit/approach3-objective.ts): parameterisation, residual scale, Huber δ (null: squared error). */
export interface Approach3Mode {
  readonly lse: boolean;
  readonly logScale: boolean;
  readonly huberDelta: number | null;
}

/**
 * The numeric kernels. Implemented twice with identical signatures: in
 * WebAssembly (`assembly/`) and as the pure-TypeScript twin (`twin/`).
 * Parameter vectors are [E, A, B, α, β].
 */
export interface Kernels {
  readonly backend: 'wasm' | 'ts';
  /** L(N, D) for every point. */
  lossBatch(surface: LossSurface, N: Float64Array, D: Float64Array, out?: Float64Array): Float64Array;
  /** Closed-form NNLS on every (α, β) of the grid; best cell and optionally every RSS. */
  vpnlsGrid(data: PreparedData, alphas: Float64Array, betas: Float64Array, options?: { surface?: boolean }): GridResult;
  /** The VPNLS objective at one (α, β) with explicit residuals. */
  vpnlsPoint(data: PreparedData, alpha: number, beta: number, inner: InnerSolve): PointResult;
  /** RSS of the 5-parameter model at p; fills grad with the analytic gradient if given. */
  rss5(data: PreparedData, p: Float64Array, grad?: Float64Array): number;
  /** Finite-difference Jacobian of the predictions (n × 5, row-major). */
  jacobian5(data: PreparedData, p: Float64Array, diff: DiffOptions, out?: Float64Array): Float64Array;
  /** Finite-difference gradient of the RSS into grad; returns the RSS at p. */
  rssGradient5(data: PreparedData, p: Float64Array, diff: DiffOptions, grad: Float64Array): number;
  /** Best point of an Approach 3 seed grid by RSS on L, each candidate's RSS bit-identical to rss5's. */
  approach3Grid(data: PreparedData, axes: Approach3Axes): Approach3GridBest;
  /** The Approach 3 objective at θ with its analytic gradient into grad (5), fused in one call. */
  approach3Objective(data: PreparedData, mode: Approach3Mode, theta: Float64Array, grad: Float64Array): number;
}
