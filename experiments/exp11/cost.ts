/**
 * Cost model (specs/experiments.md §B.5): one H100 SXM at its dense BF16 peak,
 * 50 % model FLOPs utilisation, 2.00 US$ per GPU-hour.
 */

/** Dense BF16 tensor peak of one H100 SXM, FLOP/s (the 1,979 TFLOPS headline assumes 2:4 sparsity). */
export const PEAK_FLOPS_PER_GPU = 989.4e12;
/** Model FLOPs utilisation. */
export const MFU = 0.5;
/** Price of one GPU-hour in US$. */
export const USD_PER_GPU_HOUR = 2.0;
/** US$ per FLOP = price / (peak · MFU · 3600) ≈ 1.1231e−18. */
export const USD_PER_FLOP = USD_PER_GPU_HOUR / (PEAK_FLOPS_PER_GPU * MFU * 3600);

/** The `summary.json` keys of experiments that report dollars. */
export function costSummary(): { peak_flops_per_gpu: number; mfu: number; usd_per_gpu_hour: number; usd_per_flop: number } {
  return { peak_flops_per_gpu: PEAK_FLOPS_PER_GPU, mfu: MFU, usd_per_gpu_hour: USD_PER_GPU_HOUR, usd_per_flop: USD_PER_FLOP };
}

/** Dollars for a number of FLOPs. */
export function flopsToUsd(flops: number): number {
  return flops * USD_PER_FLOP;
}
