/**
 * Generalized Cauchy point of L-BFGS-B: the first local minimiser of the
 * quadratic model m(x) = f + gᵀ(x − x_k) + ½(x − x_k)ᵀB(x − x_k) along the
 * projected steepest-descent path x(t) = P(x_k − t·g, l, u).
 *
 * Byrd, Lu, Nocedal & Zhu (1995), §4 "The generalized Cauchy point",
 * Algorithm CP; a line-by-line port of the Fortran L-BFGS-B 3.0 routines
 * `cauchy` and `hpsolb` (heap of breakpoints), including the 3.0 safeguard
 * f'' ← max(ε·f''_0, f'') (Morales & Nocedal 2011).
 */
import { dot } from '../dense.ts';
import type { LimitedMemory } from './lbfgs-memory.ts';
import type { Box, Iwhere } from './box.ts';

/** Scratch arrays for {@link generalizedCauchyPoint}: n-vectors t, d, order; 2m-vectors p, v, wbp. */
export interface CauchyWork {
  /** Segments explored by the last call (an output, kept here so a call allocates nothing). */
  nseg: number;
  readonly t: Float64Array;
  readonly d: Float64Array;
  readonly order: Int32Array;
  readonly p: Float64Array;
  readonly v: Float64Array;
  readonly wbp: Float64Array;
}

export function makeCauchyWork(n: number, m: number): CauchyWork {
  return {
    nseg: 0,
    t: new Float64Array(n),
    d: new Float64Array(n),
    order: new Int32Array(n),
    p: new Float64Array(2 * m),
    v: new Float64Array(2 * m),
    wbp: new Float64Array(2 * m),
  };
}

/**
 * Heap of the first n breakpoints t[0..n−1] (min at the root), a port of
 * Fortran `hpsolb`: if `build`, first arrange them into a heap; then move the
 * least to t[n−1] and restore the heap on t[0..n−2].
 */
function popLeastBreakpoint(n: number, t: Float64Array, order: Int32Array, build: boolean): void {
  // 1-based indices as in the Fortran; element k lives at [k − 1].
  if (build) {
    for (let k = 2; k <= n; k++) {
      const ddum = t[k - 1]!;
      const indxin = order[k - 1]!;
      let i = k;
      while (i > 1) {
        const j = Math.floor(i / 2);
        if (!(ddum < t[j - 1]!)) break;
        t[i - 1] = t[j - 1]!;
        order[i - 1] = order[j - 1]!;
        i = j;
      }
      t[i - 1] = ddum;
      order[i - 1] = indxin;
    }
  }
  if (n > 1) {
    let i = 1;
    const out = t[0]!;
    const indxou = order[0]!;
    const ddum = t[n - 1]!;
    const indxin = order[n - 1]!;
    for (;;) {
      let j = i + i;
      if (j > n - 1) break;
      if (t[j]! < t[j - 1]!) j++;
      if (!(t[j - 1]! < ddum)) break;
      t[i - 1] = t[j - 1]!;
      order[i - 1] = order[j - 1]!;
      i = j;
    }
    t[i - 1] = ddum;
    order[i - 1] = indxin;
    t[n - 1] = out;
    order[n - 1] = indxou;
  }
}

/**
 * Compute the generalized Cauchy point xcp from x, g and the limited-memory
 * matrix B, updating `iwhere` (coordinates that reach a bound become 1 or 2)
 * and setting c = Wᵀ(xcp − x) (2·col entries), which the subspace step needs.
 *
 * Between breakpoints t_{j−1} ≤ t ≤ t_j the model along the path has slope
 * f' = gᵀd + dᵀB·z and curvature f'' = dᵀBd; its minimiser Δt* = −f'/f'' is
 * taken if it lies before the next breakpoint, else the coordinate that
 * reaches its bound is fixed and f', f'' are updated in O(m) (eqs. 4.9–4.11).
 *
 * @returns info = 0, or nonzero when a triangular solve in M·v is singular
 *   (the caller then resets the memory); the number of segments explored is
 *   left in `work.nseg`.
 */
export function generalizedCauchyPoint(
  box: Box,
  x: Float64Array,
  g: Float64Array,
  iwhere: Iwhere,
  mem: LimitedMemory,
  sbgnrm: number,
  epsmch: number,
  xcp: Float64Array,
  c: Float64Array,
  work: CauchyWork,
): number {
  const { lower: l, upper: u, nbd } = box;
  const { t, d, order, p, v, wbp } = work;
  const { col, theta, S, Y } = mem;
  work.nseg = 0;
  const n = x.length;
  const col2 = 2 * col;
  c.fill(0, 0, col2);
  if (sbgnrm <= 0) {
    xcp.set(x);
    return 0;
  }
  let bnded = true;
  let nfree = n;
  let nbreak = 0;
  let ibkmin = 0;
  let bkmin = 0;
  let f1 = 0;
  p.fill(0, 0, col2);

  for (let i = 0; i < n; i++) {
    const neggi = -g[i]!;
    let tl = 0;
    let tu = 0;
    if (iwhere[i] !== 3 && iwhere[i] !== -1) {
      if (nbd[i]! <= 2) tl = x[i]! - l[i]!;
      if (nbd[i]! >= 2) tu = u[i]! - x[i]!;
      const xlower = nbd[i]! <= 2 && tl <= 0;
      const xupper = nbd[i]! >= 2 && tu <= 0;
      iwhere[i] = 0;
      if (xlower) {
        if (neggi <= 0) iwhere[i] = 1;
      } else if (xupper) {
        if (neggi >= 0) iwhere[i] = 2;
      } else if (Math.abs(neggi) <= 0) {
        iwhere[i] = -3;
      }
    }
    if (iwhere[i] !== 0 && iwhere[i] !== -1) {
      d[i] = 0;
      continue;
    }
    d[i] = neggi;
    f1 -= neggi * neggi;
    for (let j = 0; j < col; j++) {
      p[j] += Y[j]![i]! * neggi;
      p[col + j] += S[j]![i]! * neggi;
    }
    if (nbd[i]! <= 2 && nbd[i] !== 0 && neggi < 0) {
      t[nbreak] = tl / -neggi;
      order[nbreak] = i;
      if (nbreak === 0 || t[nbreak]! < bkmin) {
        bkmin = t[nbreak]!;
        ibkmin = nbreak;
      }
      nbreak++;
    } else if (nbd[i]! >= 2 && neggi > 0) {
      t[nbreak] = tu / neggi;
      order[nbreak] = i;
      if (nbreak === 0 || t[nbreak]! < bkmin) {
        bkmin = t[nbreak]!;
        ibkmin = nbreak;
      }
      nbreak++;
    } else {
      nfree--;
      if (Math.abs(neggi) > 0) bnded = false;
    }
  }

  if (theta !== 1) for (let j = 0; j < col; j++) p[col + j] *= theta;
  xcp.set(x);
  if (nbreak === 0 && nfree === n) return 0;

  let f2 = -theta * f1;
  const f2Org = f2;
  if (col > 0) {
    if (mem.multiplyM(p, v) !== 0) return -1;
    f2 -= dot(v, p, col2);
  }
  let dtm = -f1 / f2;
  let tsum = 0;
  let nseg = 1;
  let allFixed = false;

  if (nbreak > 0) {
    let nleft = nbreak;
    let iter = 1;
    let tj = 0;
    for (;;) {
      const tj0 = tj;
      let ibp: number;
      if (iter === 1) {
        tj = bkmin;
        ibp = order[ibkmin]!;
      } else {
        if (iter === 2 && ibkmin !== nbreak - 1) {
          t[ibkmin] = t[nbreak - 1]!;
          order[ibkmin] = order[nbreak - 1]!;
        }
        popLeastBreakpoint(nleft, t, order, iter === 2);
        tj = t[nleft - 1]!;
        ibp = order[nleft - 1]!;
      }
      const dt = tj - tj0;
      if (dtm < dt) break;

      tsum += dt;
      nleft--;
      iter++;
      const dibp = d[ibp]!;
      d[ibp] = 0;
      let zibp: number;
      if (dibp > 0) {
        zibp = u[ibp]! - x[ibp]!;
        xcp[ibp] = u[ibp]!;
        iwhere[ibp] = 2;
      } else {
        zibp = l[ibp]! - x[ibp]!;
        xcp[ibp] = l[ibp]!;
        iwhere[ibp] = 1;
      }
      if (nleft === 0 && nbreak === n) {
        dtm = dt;
        allFixed = true;
        break;
      }
      nseg++;
      const dibp2 = dibp * dibp;
      f1 = f1 + dt * f2 + dibp2 - theta * dibp * zibp;
      f2 = f2 - theta * dibp2;
      if (col > 0) {
        for (let j = 0; j < col2; j++) c[j] += dt * p[j]!;
        for (let j = 0; j < col; j++) {
          wbp[j] = Y[j]![ibp]!;
          wbp[col + j] = theta * S[j]![ibp]!;
        }
        if (mem.multiplyM(wbp, v) !== 0) {
          work.nseg = nseg;
          return -1;
        }
        const wmc = dot(c, v, col2);
        const wmp = dot(p, v, col2);
        const wmw = dot(wbp, v, col2);
        for (let j = 0; j < col2; j++) p[j] -= dibp * wbp[j]!;
        f1 += dibp * wmc;
        f2 += 2.0 * dibp * wmp - dibp2 * wmw;
      }
      f2 = Math.max(epsmch * f2Org, f2);
      if (nleft > 0) {
        dtm = -f1 / f2;
        continue;
      }
      dtm = bnded ? 0 : -f1 / f2;
      break;
    }
  }

  if (!allFixed) {
    if (dtm <= 0) dtm = 0;
    tsum += dtm;
    for (let i = 0; i < n; i++) xcp[i] += tsum * d[i]!;
  }
  if (col > 0) for (let j = 0; j < col2; j++) c[j] += dtm * p[j]!;
  work.nseg = nseg;
  return 0;
}
