/**
 * The ABI between the WebAssembly core (`assembly/index.ts`) and
 * `wasm.ts`: every export of build/*.wasm, written once. Pointers are byte
 * offsets into the module's memory; no objects cross. The aliases say the
 * WebAssembly value type of each argument and result, and
 * tests/unit/kernels/abi.test.ts checks this interface against the export
 * and type sections of build/debug.wasm and build/release.wasm: same names
 * (none missing, none extra), same argument counts and value types.
 *
 * Adding a kernel: export it from `assembly/index.ts`, add one line here.
 */

/** A byte offset into the module's memory (wasm32 `usize`: i32). */
export type Ptr = number;
/** A count, index or flag (i32). */
export type I32 = number;
/** A double (f64). */
export type F64 = number;

/** The exports of build/*.wasm. */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  /** First byte free for the caller's buffers (16-byte aligned). */
  heapBase(): I32;
  lossBatch(N: Ptr, D: Ptr, out: Ptr, n: I32, E: F64, A: F64, B: F64, alpha: F64, beta: F64): void;
  rss5(lnN: Ptr, lnD: Ptr, L: Ptr, n: I32, p: Ptr, grad: Ptr): F64;
  vpnlsGrid(lnN: Ptr, lnD: Ptr, L: Ptr, n: I32, alphas: Ptr, na: I32, betas: Ptr, nb: I32, scratch: Ptr, surface: Ptr, out: Ptr): void;
  gridScratchBytes(n: I32, na: I32, nb: I32): F64;
  vpnlsPoint(lnN: Ptr, lnD: Ptr, L: Ptr, n: I32, alpha: F64, beta: F64, mode: I32, scratch: Ptr, out: Ptr): void;
  pointScratchBytes(n: I32): F64;
  jacobian5(lnN: Ptr, lnD: Ptr, n: I32, p: Ptr, h: F64, central: I32, work: Ptr, out: Ptr): void;
  rssGradient5(lnN: Ptr, lnD: Ptr, L: Ptr, n: I32, p: Ptr, h: F64, central: I32, work: Ptr, grad: Ptr): F64;
  a3Grid(
    lnN: Ptr,
    lnD: Ptr,
    L: Ptr,
    n: I32,
    Es: Ptr,
    nE: I32,
    As: Ptr,
    nA: I32,
    Bs: Ptr,
    nB: I32,
    alphas: Ptr,
    na: I32,
    betas: Ptr,
    nb: I32,
    scratch: Ptr,
    out: Ptr,
  ): void;
  a3GridScratchBytes(n: I32, na: I32, nb: I32): F64;
  a3Objective(lnN: Ptr, lnD: Ptr, L: Ptr, n: I32, par: I32, logScale: I32, huber: I32, delta: F64, theta: Ptr, grad: Ptr): F64;
  fdlibmLog(x: F64): F64;
}
