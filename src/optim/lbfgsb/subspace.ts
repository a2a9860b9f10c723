/**
 * Subspace minimisation of L-BFGS-B: with the variables that are active at
 * the generalized Cauchy point xcp held fixed, minimise the quadratic model
 * over the free variables by the direct primal method, then go back towards
 * the box if the unconstrained subspace step leaves it.
 *
 * Byrd, Lu, Nocedal & Zhu (1995), §5.1 "A direct primal method"; ports of the
 * Fortran L-BFGS-B 3.0 routines `freev`, `formk`, `cmprlb` and `subsm`, with
 * the projection-then-backtrack step of J. L. Morales and J. Nocedal,
 * "Remark on Algorithm 778: L-BFGS-B", ACM TOMS 38(1) (2011), article 7.
 */
import { cholesky, solveUpper } from '../dense.ts';
import type { LimitedMemory } from './lbfgs-memory.ts';
import type { Box, Iwhere } from './box.ts';

/** Scratch for the subspace step: the factored 2m × 2m matrix K, a 2m-vector and an n-vector. */
export interface SubspaceWork {
  /** Upper triangle holds the LELᵀ factors of K (Fortran `wn`), leading dimension 2m. */
  readonly wn: Float64Array;
  readonly wv: Float64Array;
  readonly xp: Float64Array;
  /** Free variables first (index[0..nfree−1]), then the active ones (Fortran `index`). */
  readonly index: Int32Array;
  /** The products K is made of, kept between iterations; see {@link ProductCache}. */
  readonly products: ProductCache;
}

/**
 * The inner products of stored pairs over the free or the active variables
 * that K is made of, m × m row-major, pair i at row i (oldest first):
 * yyFree (j ≤ i) Σ_free y_i·y_j, ssActive (j ≤ i) Σ_active s_i·s_j, and
 * syMixed Σ_active s_i·y_j for j < i, Σ_free s_i·y_j for j ≥ i. Each is a
 * function of the two pairs and of `index`/`nfree` alone, summed in the same
 * order every time, so an entry whose pairs are still held and whose
 * partition is unchanged is reused as is: the same bits as recomputing it.
 * Per iteration this leaves O(m·n) new products instead of O(m²·n).
 */
export interface ProductCache {
  readonly yyFree: Float64Array;
  readonly ssActive: Float64Array;
  readonly syMixed: Float64Array;
  /** The partition the entries were summed over (copy of index; nfree, −1 = nothing cached). */
  readonly index: Int32Array;
  nfree: number;
  /** Serial of the pair in row 0 and number of rows held (see LimitedMemory.firstSerial). */
  firstSerial: number;
  col: number;
  /** The memory the serials belong to. */
  owner: LimitedMemory | undefined;
}

export function makeSubspaceWork(n: number, m: number): SubspaceWork {
  return {
    wn: new Float64Array(4 * m * m),
    wv: new Float64Array(2 * m),
    xp: new Float64Array(n),
    index: new Int32Array(n),
    products: {
      yyFree: new Float64Array(m * m),
      ssActive: new Float64Array(m * m),
      syMixed: new Float64Array(m * m),
      index: new Int32Array(n),
      nfree: -1,
      firstSerial: 0,
      col: 0,
      owner: undefined,
    },
  };
}

/**
 * Split the variables into free (iwhere ≤ 0) and active (iwhere > 0) at the
 * Cauchy point (Fortran `freev`); the active ones are listed from the end.
 * @returns the number of free variables.
 */
export function partitionFreeVariables(iwhere: Iwhere, index: Int32Array): number {
  let nfree = 0;
  let iact = iwhere.length;
  for (let i = 0; i < iwhere.length; i++) {
    if (iwhere[i]! <= 0) index[nfree++] = i;
    else index[--iact] = i;
  }
  return nfree;
}

/** Σ a[index[q]]·b[index[q]] over q in [from, to). */
function sumOver(index: Int32Array, a: Float64Array, b: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let q = from; q < to; q++) s += a[index[q]!]! * b[index[q]!]!;
  return s;
}

function sameEntries(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Bring the {@link ProductCache} up to date for the pairs now held and the
 * current partition: shift the rows of pairs still held to their new slots
 * (as LimitedMemory shifts SᵀS), sum only the products that involve a new
 * pair, or all of them when the partition or the memory changed.
 */
function updateProducts(mem: LimitedMemory, nfree: number, work: SubspaceWork): ProductCache {
  const { col, S, Y, m } = mem;
  const { index } = work;
  const cache = work.products;
  const { yyFree, ssActive, syMixed } = cache;
  const n = index.length;
  let keep = 0;
  if (cache.owner === mem && cache.nfree === nfree && sameEntries(cache.index, index)) {
    // Serials only grow, so base ≥ 0; after a reset base ≥ cache.col and nothing is kept.
    const base = mem.firstSerial - cache.firstSerial;
    keep = Math.max(0, Math.min(cache.col - base, col));
    if (keep > 0 && base > 0) {
      // Row-major forward copy: the source (i + base, j + base) is never behind the target.
      for (let i = 0; i < keep; i++) {
        for (let j = 0; j < keep; j++) {
          const from = (i + base) * m + j + base;
          yyFree[i * m + j] = yyFree[from]!;
          ssActive[i * m + j] = ssActive[from]!;
          syMixed[i * m + j] = syMixed[from]!;
        }
      }
    }
  } else {
    cache.index.set(index);
    cache.nfree = nfree;
    cache.owner = mem;
  }
  for (let iy = 0; iy < col; iy++) {
    // Row iy needs new products in every column ≥ keep, and in all columns when iy itself is new.
    const from = iy < keep ? keep : 0;
    for (let jy = from; jy <= iy; jy++) {
      yyFree[iy * m + jy] = sumOver(index, Y[iy]!, Y[jy]!, 0, nfree);
      ssActive[iy * m + jy] = sumOver(index, S[iy]!, S[jy]!, nfree, n);
    }
    for (let jy = from; jy < iy; jy++) syMixed[iy * m + jy] = sumOver(index, S[iy]!, Y[jy]!, nfree, n);
    for (let jy = Math.max(iy, from); jy < col; jy++) syMixed[iy * m + jy] = sumOver(index, S[iy]!, Y[jy]!, 0, nfree);
  }
  cache.firstSerial = mem.firstSerial;
  cache.col = col;
  return cache;
}

/**
 * Form and factor the middle matrix of the reduced system (Fortran `formk`):
 *
 *   K = [ −D − YᵀZZᵀY/θ     L_aᵀ − R_zᵀ ]
 *       [  L_a − R_z        θSᵀAAᵀS     ]
 *
 * where Z and A select the free and active variables, L_a is the strictly
 * lower triangle of SᵀAAᵀY and R_z the upper triangle of SᵀZZᵀY. K is
 * stored as its LELᵀ factorisation
 *
 *   [ LLᵀ                L⁻¹(−L_aᵀ + R_zᵀ) ]   then the Cholesky factor of
 *   [ (−L_a + R_z)L⁻ᵀ    θSᵀAAᵀS           ]   the (2,2) Schur block.
 *
 * Like the Fortran code, the inner products of pairs still held are reused
 * from the previous iteration when the free set did not change ({@link ProductCache});
 * each is the same sum in the same order as forming it afresh.
 * @returns 0, or −1 / −2 when a Cholesky factorisation fails.
 */
export function formReducedMatrix(mem: LimitedMemory, nfree: number, work: SubspaceWork): number {
  const { col, theta, sy, m } = mem;
  const { wn } = work;
  const ld = 2 * m;
  const { yyFree, ssActive, syMixed } = updateProducts(mem, nfree, work);
  for (let iy = 0; iy < col; iy++) {
    const is = col + iy;
    for (let jy = 0; jy <= iy; jy++) {
      wn[jy * ld + iy] = yyFree[iy * m + jy]! / theta;
      wn[(col + jy) * ld + is] = ssActive[iy * m + jy]! * theta;
    }
    for (let jy = 0; jy < iy; jy++) wn[jy * ld + is] = -syMixed[iy * m + jy]!;
    for (let jy = iy; jy < col; jy++) wn[jy * ld + is] = syMixed[iy * m + jy]!;
    wn[iy * ld + iy] += sy[iy * m + iy]!;
  }
  if (cholesky(wn, ld, 0, col) !== 0) return -1;
  const col2 = 2 * col;
  // Each column of the upper-right block becomes L⁻¹·column: the solveUpper (transposed)
  // arithmetic, done in place. The diagonal is a successful Cholesky factor's, so never 0.
  for (let js = col; js < col2; js++) {
    for (let j = 0; j < col; j++) {
      let s = wn[j * ld + js]!;
      for (let k = 0; k < j; k++) s -= wn[k * ld + j]! * wn[k * ld + js]!;
      wn[j * ld + js] = s / wn[j * ld + j]!;
    }
  }
  for (let is = col; is < col2; is++) {
    for (let js = is; js < col2; js++) {
      let s = 0;
      for (let k = 0; k < col; k++) s += wn[k * ld + is]! * wn[k * ld + js]!;
      wn[is * ld + js] += s;
    }
  }
  return cholesky(wn, ld, col, col) === 0 ? 0 : -2;
}

/**
 * Reduced gradient at the Cauchy point, r = −Zᵀ(B(xcp − x) + g) (Fortran
 * `cmprlb`), with B(xcp − x) = θ(xcp − x) − W·M·c and c = Wᵀ(xcp − x) from
 * the Cauchy step. r is compact: r[i] belongs to variable index[i].
 * @returns 0, or −8 when M·c hits a singular factor.
 */
export function reducedGradient(
  box: Box,
  mem: LimitedMemory,
  x: Float64Array,
  g: Float64Array,
  xcp: Float64Array,
  c: Float64Array,
  nfree: number,
  r: Float64Array,
  work: SubspaceWork,
): number {
  const { col, theta, S, Y } = mem;
  const { index, wv } = work;
  if (!box.constrained && col > 0) {
    for (let i = 0; i < x.length; i++) r[i] = -g[i]!;
    return 0;
  }
  for (let i = 0; i < nfree; i++) {
    const k = index[i]!;
    r[i] = -theta * (xcp[k]! - x[k]!) - g[k]!;
  }
  if (mem.multiplyM(c, wv) !== 0) return -8;
  for (let j = 0; j < col; j++) {
    const a1 = wv[j]!;
    const a2 = theta * wv[col + j]!;
    for (let i = 0; i < nfree; i++) {
      const k = index[i]!;
      r[i] += Y[j]![k]! * a1 + S[j]![k]! * a2;
    }
  }
  return 0;
}

/**
 * Subspace step (Fortran 3.0 `subsm`). On entry `z` is the Cauchy point and
 * `d` the reduced gradient r; on exit z is the new trial point.
 *
 * The Newton step on the free variables is d = (1/θ)r + (1/θ²)ZᵀW·K⁻¹·WᵀZr.
 * z + d is projected onto the box; if that projection moved some variable
 * and the projected point is not a descent direction from x
 * ((P(z + d) − x)ᵀg > 0), fall back to the 1995 rule: z + α·d with the
 * largest α ≤ 1 that stays feasible (Morales & Nocedal 2011).
 * @returns 0, or a nonzero code when K is singular.
 */
export function subspaceStep(
  box: Box,
  mem: LimitedMemory,
  nfree: number,
  z: Float64Array,
  d: Float64Array,
  x: Float64Array,
  g: Float64Array,
  work: SubspaceWork,
): number {
  if (nfree <= 0) return 0;
  const { col, theta, S, Y, m } = mem;
  const { wn, wv, xp, index } = work;
  const { lower: l, upper: u, nbd } = box;
  const col2 = 2 * col;
  for (let i = 0; i < col; i++) {
    let t1 = 0;
    let t2 = 0;
    for (let j = 0; j < nfree; j++) {
      const k = index[j]!;
      t1 += Y[i]![k]! * d[j]!;
      t2 += S[i]![k]! * d[j]!;
    }
    wv[i] = t1;
    wv[col + i] = theta * t2;
  }
  if (solveUpper(wn, 2 * m, 0, col2, wv, 0, true) !== 0) return -1;
  for (let i = 0; i < col; i++) wv[i] = -wv[i]!;
  if (solveUpper(wn, 2 * m, 0, col2, wv, 0, false) !== 0) return -1;
  for (let jy = 0; jy < col; jy++) {
    for (let i = 0; i < nfree; i++) {
      const k = index[i]!;
      d[i] = d[i]! + (Y[jy]![k]! * wv[jy]!) / theta + S[jy]![k]! * wv[col + jy]!;
    }
  }
  const inv = 1 / theta;
  for (let i = 0; i < nfree; i++) d[i] *= inv;

  // Morales–Nocedal: try the projection of the Newton point first.
  let hitBound = false;
  xp.set(z);
  for (let i = 0; i < nfree; i++) {
    const k = index[i]!;
    const dk = d[i]!;
    const xk = z[k]!;
    const code = nbd[k]!;
    if (code === 1) {
      z[k] = Math.max(l[k]!, xk + dk);
      if (z[k] === l[k]) hitBound = true;
    } else if (code === 2) {
      z[k] = Math.min(u[k]!, Math.max(l[k]!, xk + dk));
      if (z[k] === l[k] || z[k] === u[k]) hitBound = true;
    } else if (code === 3) {
      z[k] = Math.min(u[k]!, xk + dk);
      if (z[k] === u[k]) hitBound = true;
    } else {
      z[k] = xk + dk;
    }
  }
  if (!hitBound) return 0;
  let ddP = 0;
  for (let i = 0; i < z.length; i++) ddP += (z[i]! - x[i]!) * g[i]!;
  if (!(ddP > 0)) return 0;

  // Not a descent direction: backtrack from the Cauchy point along d instead.
  z.set(xp);
  let alpha = 1;
  let temp1 = alpha;
  let ibd = -1;
  for (let i = 0; i < nfree; i++) {
    const k = index[i]!;
    const dk = d[i]!;
    const code = nbd[k]!;
    if (code === 0) continue;
    if (dk < 0 && code <= 2) {
      const temp2 = l[k]! - z[k]!;
      if (temp2 >= 0) temp1 = 0;
      else if (dk * alpha < temp2) temp1 = temp2 / dk;
    } else if (dk > 0 && code >= 2) {
      const temp2 = u[k]! - z[k]!;
      if (temp2 <= 0) temp1 = 0;
      else if (dk * alpha > temp2) temp1 = temp2 / dk;
    }
    if (temp1 < alpha) {
      alpha = temp1;
      ibd = i;
    }
  }
  if (alpha < 1) {
    const dk = d[ibd]!;
    const k = index[ibd]!;
    if (dk > 0) {
      z[k] = u[k]!;
      d[ibd] = 0;
    } else if (dk < 0) {
      z[k] = l[k]!;
      d[ibd] = 0;
    }
  }
  for (let i = 0; i < nfree; i++) {
    const k = index[i]!;
    z[k] += alpha * d[i]!;
  }
  return 0;
}
