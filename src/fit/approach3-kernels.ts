/**
 * Which kernels Approach 3 uses (specs/kernels.md, "Approach 3"):
 * - 'per-point': the seed grid calls rss5 once per grid point and the
 *   objectives other than the RSS run as a loop in src/fit/approach3-objective.ts;
 * - 'fused': the seed grid is one approach3Grid call (power columns per α
 *   and per β) and every objective one approach3Objective call per
 *   iteration (WebAssembly with the wasm backend).
 * Both give the same bits (tests/parity/approach3-kernels.test.ts); the
 * default is 'fused' (faster, same outputs: every experiment's files are
 * byte-identical either way); 'per-point' stays as the bench's baseline.
 */
export type Approach3Kernels = 'per-point' | 'fused';

export const APPROACH3_KERNELS: Approach3Kernels = 'fused';
