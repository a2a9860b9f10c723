/** Types shared by the benchmark modules. */

export type Impl = 'wasm' | 'ts';

/**
 * One row of results/bench/bench.json, in the shape of specs/performance.md.
 * `peak_rss_mb` appears only on the memory case and `note` only where a row
 * needs one (skipped check, end-to-end command not available).
 */
export interface CaseRow {
  name: string;
  impl: Impl;
  median_ms: number | null;
  min_ms: number | null;
  max_ms: number | null;
  runs: number;
  work: number;
  ns_per_unit: number | null;
  checked_against: Impl | null;
  peak_rss_mb?: number;
  note?: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
}

export interface BenchReport {
  machine: Machine;
  cases: CaseRow[];
}

/** Outcome of comparing a WebAssembly answer with its TypeScript twin's. */
export interface CheckOutcome {
  readonly ok: boolean;
  /** What was compared and the largest difference, e.g. "64 cells bit-identical". */
  readonly detail: string;
}

/** A row as printed: the JSON row plus what the table shows beside it. */
export interface PrintedRow {
  readonly row: CaseRow;
  /** The unit of `work`, e.g. "candidate·point". */
  readonly unit: string;
  /** How the WASM answer was checked (empty for TS rows). */
  readonly check: string;
}

/** One timed call and how to reduce its result to a number (NaN fails the run). */
export interface Runner {
  readonly call: () => unknown;
  readonly digest: (result: unknown) => number;
}

/** How long and how often to time a case. */
export interface TimingPlan {
  /** Calls before timing, at least this many … */
  readonly warmupCalls: number;
  /** … and for at least this long, so that V8 has tiered the code up. */
  readonly warmupMs: number;
  /** Timed calls: at least minRuns and at least budgetMs of them … */
  readonly minRuns: number;
  readonly budgetMs: number;
  /** … but never more than maxRuns, and stop after capMs once 3 runs are in. */
  readonly maxRuns: number;
  readonly capMs: number;
  /** Backends alternate in blocks of calls lasting about this long. */
  readonly blockMs: number;
}

export interface BenchOptions {
  /** Short runs of every case (CI smoke test). */
  readonly quick: boolean;
  /** Run only these cases (all when empty). */
  readonly cases: readonly string[];
  /** Also time `npm run exp -- --all` and `npm run article`. */
  readonly e2e: boolean;
  /** Progress messages (stderr). */
  readonly log: (message: string) => void;
}
