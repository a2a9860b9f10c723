/**
 * Bootstrap replicates without threads: refit resampled copies of the data.
 * The worker-pool task of ./bootstrap-worker.ts runs {@link runReplicates};
 * the web page's Web Workers (app/) call it directly. Only plain data goes in
 * and out, so results are identical whatever runs them.
 */
import { runFit, quantities, QUANTITY_KEYS, type FitInput, type MethodSpec, type Scales } from './fit-core.ts';

/** One chunk of replicates for one worker. */
export interface BootstrapChunk {
  readonly input: FitInput;
  readonly spec: MethodSpec;
  readonly scales: Scales;
  readonly targetCompute: number;
  readonly groupingNote: string;
  /** Row indices (into `input`) of each replicate. */
  readonly replicates: readonly Int32Array[];
}

/** The quantities of one replicate, in {@link QUANTITY_KEYS} order, or why it failed. */
export type ReplicateOutcome =
  | { readonly ok: true; readonly values: ReadonlyArray<number | null> }
  | { readonly ok: false; readonly kind: string; readonly text: string };

function pick(x: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = x[idx[i]!]!;
  return out;
}

/** Fits every replicate of the chunk; a failing replicate is reported, not thrown. */
export function runReplicates(chunk: BootstrapChunk): ReplicateOutcome[] {
  const { input, spec, scales, targetCompute, groupingNote } = chunk;
  return chunk.replicates.map((idx): ReplicateOutcome => {
    const sample: FitInput = { N: pick(input.N, idx), D: pick(input.D, idx), L: pick(input.L, idx), groups: pick(input.groups, idx) };
    try {
      const q = quantities(runFit(sample, spec, scales, targetCompute, groupingNote));
      return { ok: true, values: QUANTITY_KEYS.map((k) => q[k]) };
    } catch (err) {
      return err instanceof Error ? { ok: false, kind: err.name, text: err.message } : { ok: false, kind: 'Error', text: String(err) };
    }
  });
}
