/**
 * The public API of `scaling-fit`: every name here is a deliberate part of the
 * package (checked in as api/scaling-fit.api.d.ts; tests/api/api-report.test.ts
 * fails when it changes). Browser-safe: nothing here pulls ml-matrix or Node
 * modules at load time. Also public: `scaling-fit/analysis` (Hessians and
 * condition numbers, ml-matrix), `scaling-fit/data` (CSV files, Node) and
 * `scaling-fit/cli` (the command, Node).
 */

// The loss surface L(N, D) = E + A/N^α + B/D^β and its compute-optimal allocation.
export type { LossSurface } from './surface/loss-surface.ts';
export { FLOPS_PER_PARAM_TOKEN, loss, nOpt, dOpt, lossOpt, exponentA, exponentB, intercepts, computeForLoss } from './surface/loss-surface.ts';
export { SURFACES, imbalanceSurface, type SurfaceName } from './surface/named-surfaces.ts';
export { allocationCost, type AllocationCost } from './surface/allocation-cost.ts';

// IsoFLOP sampling: budgets, sampling grids (XS–XL), centre offsets, noise.
export { sampleIsoflops, type IsoflopSamples, type SampleOptions } from './sampling/isoflop.ts';
export { DEFAULT_BUDGETS, NAMED_GRIDS, type SamplingGrid, type SamplingGridName } from './sampling/grids.ts';
export { BIASES, type BiasName, type SamplingBias } from './sampling/center-offset.ts';

// Fitting: VPNLS, Approach 3, the 5-D grid search, Approach 2 and its closed-form bias.
export { fitVpnls, VPNLS_GRID, type VpnlsOptions, type VpnlsRefinement, type ExponentGrid } from './fit/vpnls.ts';
export { fitApproach3, type Approach3Options, type Approach3Start } from './fit/approach3.ts';
export { fitGridSearch, type GridSearchOptions } from './fit/grid-search.ts';
export { seedGrid5, APPROACH3_BOUNDS, type SeedGrid5 } from './fit/grids5.ts';
export type { SurfaceFitResult, FitStatus, FitDiagnostics, ParameterName } from './fit/result.ts';
export { fitApproach2, extrapolateApproach2, type Approach2Options, type Approach2Result } from './fit/approach2.ts';
export {
  approach2Bias,
  approach2VertexShift,
  approach2ExtrapolationError,
  approach2InterceptError,
  type Approach2BiasPrediction,
} from './fit/approach2-bias.ts';
export { PinnedParameterError, type PinnedParameters } from './fit/pinned.ts';
// The loss envelope L(C) = L∞ + A·C^(−γ) and the effective compute multiplier (specs/envelope.md).
export {
  fitEnvelope,
  envelopeInterval,
  envelopeLoss,
  envelopeCompute,
  type EnvelopeFit,
  type EnvelopeInterval,
  type EnvelopeOptions,
  type EnvelopeParameter,
  type EnvelopePins,
} from './fit/envelope.ts';
export { surfaceMultiplier, envelopeMultiplier } from './fit/compute-multiplier.ts';

// Errors: bad arguments throw InvalidInputError; fits that cannot run, a FitError subclass.
export {
  InvalidInputError,
  FitError,
  TooFewPointsError,
  TooFewBudgetsError,
  NoMinimumError,
  VertexOutOfRangeError,
  DegenerateDataError,
  NoScalingError,
  NonFiniteResultError,
  KernelError,
} from './core/errors.ts';

// The numeric kernels: WebAssembly core or TypeScript twins.
export { initKernels, getKernels, setKernels, kernelsFromModule, wasmUrl, onKernelWarning, tsKernels } from './kernels/index.ts';
export type { Kernels, InitOptions, WasmFlavour, WasmSource } from './kernels/index.ts';

// Seeded randomness (specs/random.md).
export { Rng } from './util/rng.ts';
export { DEFAULT_SEED } from './core/seed.ts';

// Every fitting method by its identifier (specs/fitting.md, "Method registry").
export { METHOD_IDS, fitSurfaceMethod, type MethodId, type SurfaceMethodId, type SurfaceMethodOptions } from './fit/methods.ts';

// The IsoFLOP sweep planner (specs/app.md): Approach 2's closed-form error for a design, a seeded Monte Carlo, a table of designs.
export { runPlan, type PlanResult, type DesignRow, type PlanProgress } from './plan/plan.ts';
export { PlanOptionsError, type PlanOptions, type BudgetRange, type PlanSurface } from './plan/options.ts';
export { formatPlanText } from './plan/format.ts';
