import type { Kernels, PreparedData } from './types.ts';
import { KernelError } from '../core/errors.ts';
import { checkFinite } from '../core/validate.ts';
import {
  checkApproach3Axes,
  checkApproach3Theta,
  checkDiff,
  checkGridAxes,
  checkKernelMemory,
  checkLossInputs,
  checkOut,
  checkParams,
  checkSurface,
  KERNEL_MEMORY_LIMIT,
} from './checks.ts';
import type { CoreExports } from './abi.ts';
import { gridResult } from './grid-result.ts';

const PAGE = 65536;
/** wasm32 addresses 4 GiB; leave a page of headroom. */
const MAX_BYTES = KERNEL_MEMORY_LIMIT;

const align16 = (b: number): number => Math.ceil(b / 16) * 16;

/**
 * Bump allocation in the module's memory, owned by JS: the current data set
 * sits at the heap base and is copied in only when a different data set is
 * used; per-call buffers follow it and are released when the call returns.
 * Memory grows on demand; views are made afresh after every allocation
 * because growth detaches the old ArrayBuffer.
 */
class Arena {
  private top = 0;
  private view: Float64Array | null = null;
  private dataId = 0;
  private dataEnd: number;
  readonly base: number;
  constructor(private readonly core: CoreExports) {
    this.base = align16(core.heapBase());
    this.dataEnd = this.base;
    this.top = this.base;
  }

  private ensure(end: number, what: string): void {
    if (end > MAX_BYTES) checkKernelMemory(end, what);
    const have = this.core.memory.buffer.byteLength;
    if (end > have) this.core.memory.grow(Math.ceil((end - have) / PAGE));
  }

  /** Offsets of the data set's lnN, lnD and L, copying them in if needed. */
  data(d: PreparedData): { lnN: number; lnD: number; L: number } {
    const bytes = align16(d.n * 8);
    const lnN = this.base;
    const lnD = lnN + bytes;
    const L = lnD + bytes;
    if (this.dataId !== d.id) {
      this.ensure(L + bytes, 'data');
      const f = new Float64Array(this.core.memory.buffer);
      f.set(d.lnN, lnN / 8);
      f.set(d.lnD, lnD / 8);
      f.set(d.L, L / 8);
      this.dataId = d.id;
      this.dataEnd = L + bytes;
    }
    this.top = this.dataEnd;
    return { lnN, lnD, L };
  }

  /** Start per-call allocation without a data set (it may be overwritten). */
  reset(): void {
    this.dataId = 0;
    this.dataEnd = this.base;
    this.top = this.base;
  }

  alloc(bytes: number, what: string): number {
    const at = this.top;
    this.top = align16(at + bytes);
    this.ensure(this.top, what);
    return at;
  }

  write(at: number, values: ArrayLike<number>): void {
    new Float64Array(this.core.memory.buffer, at, values.length).set(values);
  }

  /** A view of the whole memory, made afresh only after growth (no allocation per call). */
  f64(): Float64Array {
    const buffer = this.core.memory.buffer;
    if (this.view === null || this.view.buffer !== buffer) this.view = new Float64Array(buffer);
    return this.view;
  }

  read(at: number, length: number): Float64Array {
    return new Float64Array(this.core.memory.buffer, at, length);
  }
}

/** A trap escaping a kernel whose inputs passed validation is a bug: a KernelError naming the kernel. */
function kernelFailure(kernel: string, e: unknown): unknown {
  if (e instanceof WebAssembly.RuntimeError) {
    return new KernelError(`WebAssembly kernel ${kernel} trapped (${e.message}); the inputs passed validation, so this is a bug`, kernel, e);
  }
  return e;
}

function guarded<T>(kernel: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw kernelFailure(kernel, e);
  }
}

/** Kernels backed by an instantiated core module. */
export function wasmKernels(core: CoreExports): Kernels {
  const arena = new Arena(core);
  const params = (p: Float64Array): number => {
    const at = arena.alloc(40, 'parameters');
    arena.write(at, p);
    return at;
  };
  return {
    backend: 'wasm',
    lossBatch(surface, N, D, out) {
      checkSurface(surface);
      checkLossInputs(N, D);
      const res = checkOut('out', out, N.length);
      return guarded('lossBatch', () => {
        arena.reset();
        const n = N.length;
        const pN = arena.alloc(n * 8, 'N');
        const pD = arena.alloc(n * 8, 'D');
        const pOut = arena.alloc(n * 8, 'out');
        arena.write(pN, N);
        arena.write(pD, D);
        core.lossBatch(pN, pD, pOut, n, surface.E, surface.A, surface.B, surface.alpha, surface.beta);
        res.set(arena.read(pOut, n));
        return res;
      });
    },
    vpnlsGrid(data, alphas, betas, options = {}) {
      checkGridAxes(alphas, betas);
      return guarded('vpnlsGrid', () => {
        const d = arena.data(data);
        const na = alphas.length;
        const nb = betas.length;
        const pa = arena.alloc(na * 8, 'alphas');
        const pb = arena.alloc(nb * 8, 'betas');
        const scratch = arena.alloc(core.gridScratchBytes(data.n, na, nb), 'vpnls grid');
        const surf = options.surface ? arena.alloc(na * nb * 8, 'rss surface') : 0;
        const out = arena.alloc(40, 'grid result');
        arena.write(pa, alphas);
        arena.write(pb, betas);
        core.vpnlsGrid(d.lnN, d.lnD, d.L, data.n, pa, na, pb, nb, scratch, surf, out);
        const [idx, rss, E, A, B] = arena.read(out, 5);
        return gridResult(idx, rss, E, A, B, alphas, betas, surf ? arena.read(surf, na * nb).slice() : null);
      });
    },
    vpnlsPoint(data, alpha, beta, inner) {
      checkFinite('alpha', alpha);
      checkFinite('beta', beta);
      return guarded('vpnlsPoint', () => {
        const d = arena.data(data);
        const scratch = arena.alloc(core.pointScratchBytes(data.n), 'vpnls point');
        const out = arena.alloc(48, 'point result');
        core.vpnlsPoint(d.lnN, d.lnD, d.L, data.n, alpha, beta, inner === 'nnls' ? 0 : 1, scratch, out);
        const [rss, E, A, B, gradAlpha, gradBeta] = arena.read(out, 6);
        return { rss, E, A, B, gradAlpha, gradBeta };
      });
    },
    rss5(data, p, grad) {
      checkParams(p);
      if (grad) checkOut('grad', grad, 5);
      return guarded('rss5', () => {
        const d = arena.data(data);
        const pp = params(p);
        const pg = grad ? arena.alloc(40, 'gradient') : 0;
        const rss = core.rss5(d.lnN, d.lnD, d.L, data.n, pp, pg);
        if (grad) grad.set(arena.read(pg, 5));
        return rss;
      });
    },
    jacobian5(data, p, diff, out) {
      checkParams(p);
      checkDiff(diff);
      const res = checkOut('out', out, data.n * 5);
      return guarded('jacobian5', () => {
        const d = arena.data(data);
        const pp = params(p);
        const work = arena.alloc(40, 'work');
        const pj = arena.alloc(data.n * 40, 'jacobian');
        core.jacobian5(d.lnN, d.lnD, data.n, pp, diff.step, diff.scheme === 'central' ? 1 : 0, work, pj);
        res.set(arena.read(pj, data.n * 5));
        return res;
      });
    },
    rssGradient5(data, p, diff, grad) {
      checkParams(p);
      checkDiff(diff);
      const g = checkOut('grad', grad, 5);
      return guarded('rssGradient5', () => {
        const d = arena.data(data);
        const pp = params(p);
        const work = arena.alloc(40, 'work');
        const pg = arena.alloc(40, 'gradient');
        const rss = core.rssGradient5(d.lnN, d.lnD, d.L, data.n, pp, diff.step, diff.scheme === 'central' ? 1 : 0, work, pg);
        g.set(arena.read(pg, 5));
        return rss;
      });
    },
    approach3Grid(data, axes) {
      checkApproach3Axes(axes);
      return guarded('approach3Grid', () => {
        const d = arena.data(data);
        const list = [axes.E, axes.A, axes.B, axes.alpha, axes.beta];
        const at = list.map((v) => arena.alloc(v.length * 8, 'approach3 grid axes'));
        const scratch = arena.alloc(core.a3GridScratchBytes(data.n, axes.alpha.length, axes.beta.length), 'approach3 grid');
        const out = arena.alloc(16, 'approach3 grid result');
        list.forEach((v, i) => arena.write(at[i], v));
        core.a3Grid(
          d.lnN,
          d.lnD,
          d.L,
          data.n,
          at[0],
          axes.E.length,
          at[1],
          axes.A.length,
          at[2],
          axes.B.length,
          at[3],
          axes.alpha.length,
          at[4],
          axes.beta.length,
          scratch,
          out,
        );
        const [index, rss] = arena.read(out, 2);
        return { index, rss };
      });
    },
    approach3Objective(data, mode, theta, grad) {
      checkApproach3Theta(mode, theta);
      const g = checkOut('grad', grad, 5);
      // Called every optimiser iteration: no closure, no view or array allocated.
      try {
        const d = arena.data(data);
        const pt = arena.alloc(80, 'theta and gradient');
        const m = arena.f64();
        const t8 = pt / 8;
        for (let i = 0; i < 5; i++) m[t8 + i] = theta[i];
        const huber = mode.huberDelta !== null;
        const f = core.a3Objective(
          d.lnN,
          d.lnD,
          d.L,
          data.n,
          mode.lse ? 1 : 0,
          mode.logScale ? 1 : 0,
          huber ? 1 : 0,
          huber ? (mode.huberDelta as number) : 0,
          pt,
          pt + 40,
        );
        for (let i = 0; i < 5; i++) g[i] = m[t8 + 5 + i];
        return f;
      } catch (e) {
        throw kernelFailure('approach3Objective', e);
      }
    },
  };
}
