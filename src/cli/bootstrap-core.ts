/**
 * The part of the seeded bootstrap that needs neither threads nor Node
 * (used by the CLI's bootstrap and by the web page's Web Workers): the
 * resampling scheme, the row indices of every replicate drawn from one
 * `Rng(seed)` stream, and the summary of the replicates' outcomes
 * (percentile intervals, failures, warnings). specs/cli.md "Bootstrap".
 */
import { FitError } from '../core/errors.ts';
import { Rng } from '../util/rng.ts';
import { percentileInterval } from '../util/stats.ts';
import type { ReplicateOutcome } from './bootstrap-replicates.ts';
import { QUANTITY_KEYS, type FitInput, type QuantityKey } from './fit-core.ts';

/** Default `--seed`. */
export const DEFAULT_BOOTSTRAP_SEED = 1;
/** Default `--level` of the percentile intervals. */
export const DEFAULT_INTERVAL_LEVEL = 0.95;

/** The bootstrap could not produce intervals (too few replicates succeeded). */
export class BootstrapError extends FitError {
  override name = 'BootstrapError';
}

/**
 * How replicates resample the runs:
 * - `within-curves`: in every IsoFLOP group, as many runs as it has, with
 *   replacement (the budgets are the design; every group keeps its size);
 * - `curves`: as many whole groups as there are, with replacement (a group
 *   drawn twice contributes its runs twice);
 * - `runs`: as many runs as there are, with replacement, ignoring groups.
 */
export type BootstrapScheme = 'within-curves' | 'curves' | 'runs';

/** Within-curve resampling needs every curve to keep at least this many distinct model sizes. */
export const MIN_DISTINCT_PER_CURVE = 3;
/** Whole-curve resampling needs at least this many curves. */
export const MIN_CURVES_TO_RESAMPLE = 5;
/** An interval narrower than this × its magnitude counts as zero width. */
export const ZERO_WIDTH_RELATIVE = 1e-12;

/** What each scheme resamples, in words (text summary, JSON `resampling`, report). */
export const SCHEME_DESCRIPTIONS: Readonly<Record<BootstrapScheme, string>> = Object.freeze({
  'within-curves': 'runs within each IsoFLOP curve',
  curves: 'whole IsoFLOP curves',
  runs: 'runs, ignoring IsoFLOP curves (case bootstrap)',
});

/**
 * A loud warning naming every quantity (RSS aside) whose interval has zero
 * width; empty when none. `exempt` quantities are fixed by design (pinned
 * with `--fix`): their zero width is correct and not warned about.
 */
export function zeroWidthWarnings(
  intervals: Readonly<Record<QuantityKey, readonly [number, number] | null>>,
  scheme: BootstrapScheme,
  exempt: readonly QuantityKey[] = [],
): string[] {
  const flat = QUANTITY_KEYS.filter((key) => {
    const iv = intervals[key];
    return key !== 'rss' && !exempt.includes(key) && iv !== null && iv[1] - iv[0] <= ZERO_WIDTH_RELATIVE * Math.max(Math.abs(iv[0]), Math.abs(iv[1]));
  });
  if (flat.length === 0) return [];
  return [
    `the bootstrap intervals of ${flat.join(', ')} have zero width: the resampled data sets (${SCHEME_DESCRIPTIONS[scheme]}) ` +
      'all gave the same value, so these intervals say nothing about the uncertainty',
  ];
}

/** The scheme for data grouped as `groupRows`, and why. */
export function chooseScheme(N: Float64Array, groupRows: readonly (readonly number[])[]): { scheme: BootstrapScheme; reason: string } {
  let fewest = Infinity;
  for (const rows of groupRows) fewest = Math.min(fewest, new Set(rows.map((r) => N[r]!)).size);
  const G = groupRows.length;
  if (fewest >= MIN_DISTINCT_PER_CURVE) {
    return { scheme: 'within-curves', reason: `every one of the ${G} IsoFLOP curves has ≥ ${MIN_DISTINCT_PER_CURVE} distinct model sizes` };
  }
  const few = `a curve has only ${fewest} distinct model size${fewest === 1 ? '' : 's'}`;
  if (G >= MIN_CURVES_TO_RESAMPLE) return { scheme: 'curves', reason: `${few}, and there are ${G} curves (≥ ${MIN_CURVES_TO_RESAMPLE})` };
  return { scheme: 'runs', reason: `${few}, and only ${G} curves (< ${MIN_CURVES_TO_RESAMPLE})` };
}

/** Row indices of one replicate under `scheme` (see {@link BootstrapScheme}). */
export function resampleScheme(scheme: BootstrapScheme, groupRows: readonly (readonly number[])[], total: number, rng: Rng): Int32Array {
  if (scheme === 'within-curves') return resampleIndices(groupRows, total, rng);
  if (scheme === 'runs') {
    const out = new Int32Array(total);
    for (let i = 0; i < total; i++) out[i] = rng.int(total);
    return out;
  }
  const picked: number[] = [];
  for (let g = 0; g < groupRows.length; g++) for (const r of groupRows[rng.int(groupRows.length)]!) picked.push(r);
  return Int32Array.from(picked);
}

/** One kind of failure and how many replicates it stopped. */
export interface ReplicateFailure {
  /** The error class and its message (`DegenerateDataError: …`), for scripts reading the JSON. */
  readonly message: string;
  /** The message alone, for what a person reads. */
  readonly text: string;
  readonly count: number;
}

/** Bootstrap samples and intervals of every quantity in `QUANTITY_KEYS`. */
export interface BootstrapSummary {
  readonly scheme: BootstrapScheme;
  /** Why the scheme was chosen. */
  readonly schemeReason: string;
  /** Loud warnings about the intervals (e.g. zero width), empty when none. */
  readonly warnings: readonly string[];
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Distinct failure messages, most frequent first. */
  readonly failures: readonly ReplicateFailure[];
  /** Values of the successful replicates; null for quantities the method does not report. */
  readonly samples: Readonly<Record<QuantityKey, Float64Array | null>>;
  /** Percentile interval [lo, hi]; null for quantities the method does not report. */
  readonly intervals: Readonly<Record<QuantityKey, readonly [number, number] | null>>;
}

/**
 * Row indices of one replicate: within each group, `size` draws with replacement.
 * @param groupRows row indices of each group, in a fixed order
 */
export function resampleIndices(groupRows: readonly (readonly number[])[], total: number, rng: Rng): Int32Array {
  const out = new Int32Array(total);
  let k = 0;
  for (const rows of groupRows) {
    for (let i = 0; i < rows.length; i++) out[k++] = rows[rng.int(rows.length)]!;
  }
  return out;
}

/** Row indices of each group, groups in ascending order of their key and rows in file order. */
export function groupRowIndices(groups: Float64Array): number[][] {
  const map = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const rows = map.get(g);
    if (rows) rows.push(i);
    else map.set(g, [i]);
  });
  return [...map.keys()].sort((x, y) => x - y).map((g) => map.get(g)!);
}

// One home for the quantile and the percentile interval (src/util/stats.ts).
export { percentileInterval, quantileSorted } from '../util/stats.ts';

/** The scheme for the data and the row indices of every replicate, drawn in order from one `Rng(seed)`. */
export function drawReplicates(input: FitInput, replicates: number, seed: number): { scheme: BootstrapScheme; reason: string; indices: Int32Array[] } {
  const rng = new Rng(seed);
  const groupRows = groupRowIndices(input.groups);
  const { scheme, reason } = chooseScheme(input.N, groupRows);
  const indices = Array.from({ length: replicates }, () => resampleScheme(scheme, groupRows, input.N.length, rng));
  return { scheme, reason, indices };
}

/**
 * Intervals, failures and warnings from the outcomes of every replicate (in replicate order).
 * @throws BootstrapError when fewer than two replicates succeed
 */
export function summariseReplicates(
  outcomes: readonly ReplicateOutcome[],
  o: { readonly replicates: number; readonly seed: number; readonly level: number; readonly scheme: BootstrapScheme; readonly reason: string },
): BootstrapSummary {
  const { replicates, seed, level, scheme, reason } = o;
  const ok = outcomes.filter((x): x is Extract<ReplicateOutcome, { ok: true }> => x.ok);
  const failureCounts = new Map<string, ReplicateFailure>();
  for (const x of outcomes) {
    if (x.ok) continue;
    const message = `${x.kind}: ${x.text}`;
    const seen = failureCounts.get(message);
    failureCounts.set(message, { message, text: x.text, count: (seen?.count ?? 0) + 1 });
  }
  const failures = [...failureCounts.values()].sort((x, y) => y.count - x.count);
  if (ok.length < 2) {
    const why = failures.length > 0 ? `; the most common failure: ${failures[0]!.text}` : '';
    throw new BootstrapError(`--bootstrap ${replicates}: only ${ok.length} of ${replicates} replicates could be fitted${why}`);
  }

  const samples = {} as Record<QuantityKey, Float64Array | null>;
  const intervals = {} as Record<QuantityKey, readonly [number, number] | null>;
  QUANTITY_KEYS.forEach((key, j) => {
    if (ok.some((x) => x.values[j] === null)) {
      samples[key] = null;
      intervals[key] = null;
      return;
    }
    const v = Float64Array.from(ok, (x) => x.values[j] as number);
    samples[key] = v;
    intervals[key] = percentileInterval(v, level);
  });
  const warnings = zeroWidthWarnings(intervals, scheme);
  return {
    scheme,
    schemeReason: reason,
    warnings,
    replicates,
    seed,
    level,
    succeeded: ok.length,
    failed: replicates - ok.length,
    failures,
    samples,
    intervals,
  };
}
