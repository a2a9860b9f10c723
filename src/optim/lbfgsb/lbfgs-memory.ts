/**
 * The compact limited-memory BFGS matrix of Byrd, Lu, Nocedal & Zhu (1995),
 * §3 (after Byrd, Nocedal & Schnabel 1994):
 *
 *   B = θI − W·M·Wᵀ,  W = [Y  θS],
 *   M = [ −D   Lᵀ  ]⁻¹
 *       [  L  θSᵀS ]
 *
 * with S, Y the n × col matrices of the last col ≤ m corrections
 * s_k = x_{k+1} − x_k and y_k = g_{k+1} − g_k (oldest first), D = diag(s_iᵀy_i),
 * L the strictly lower triangle of SᵀY and θ = yᵀy / sᵀy of the newest pair.
 *
 * Ports the Fortran L-BFGS-B 3.0 routines `matupd` (store a pair), `formt`
 * (factor T = θSᵀS + L·D⁻¹·Lᵀ = JJᵀ) and `bmv` (product M·v). The pairs are
 * kept oldest first instead of in a circular buffer; the arithmetic is the same.
 */
import { cholesky, dot, solveUpper } from '../dense.ts';

export class LimitedMemory {
  /** Number of stored pairs (Fortran `col`). */
  col = 0;
  /** Scaling θ of the identity part of B (Fortran `theta`). */
  theta = 1;
  /** Stored s vectors, oldest first; entries ≥ col are scratch. */
  readonly S: Float64Array[];
  /** Stored y vectors, oldest first. */
  readonly Y: Float64Array[];
  /** SᵀY: (i, j) at i·m + j = s_iᵀy_j; only the lower triangle and diagonal are kept. */
  readonly sy: Float64Array;
  /** SᵀS, full symmetric: (i, j) at i·m + j. */
  readonly ss: Float64Array;
  /** Upper triangle holds Jᵀ, the Cholesky factor of T = θSᵀS + L·D⁻¹·Lᵀ. */
  readonly wt: Float64Array;
  /**
   * Serial number of the oldest stored pair; pair i has serial firstSerial + i.
   * Serials are never reused (not even after a reset), so a cache of products
   * of stored vectors can tell which of its entries still belong to held pairs.
   */
  firstSerial = 0;
  private nextSerial = 0;
  /** √(s_iᵀy_i) of the stored pairs, taken once per update instead of on every M·v. */
  private readonly sqrtD: Float64Array;

  constructor(
    readonly n: number,
    readonly m: number,
  ) {
    this.S = Array.from({ length: m }, () => new Float64Array(n));
    this.Y = Array.from({ length: m }, () => new Float64Array(n));
    this.sy = new Float64Array(m * m);
    this.ss = new Float64Array(m * m);
    this.wt = new Float64Array(m * m);
    this.sqrtD = new Float64Array(m);
  }

  /** Forget every pair: B = I (what the Fortran code does on every restart). */
  reset(): void {
    this.col = 0;
    this.theta = 1;
    this.firstSerial = this.nextSerial;
  }

  /**
   * Store the pair (s, y) (Fortran `matupd`), dropping the oldest when m are
   * held, set θ = yᵀy / sᵀy, and refactor T (Fortran `formt`).
   * @param yy yᵀy; @param sy sᵀy (> 0); @param ssNew sᵀs.
   * @returns 0, or a nonzero code when T is not positive definite.
   */
  update(s: Float64Array, y: Float64Array, yy: number, sy: number, ssNew: number): number {
    const { m } = this;
    if (this.col === m) {
      const oldS = this.S.shift()!;
      const oldY = this.Y.shift()!;
      this.S.push(oldS);
      this.Y.push(oldY);
      for (let i = 0; i < m - 1; i++) {
        for (let j = 0; j < m - 1; j++) {
          this.ss[i * m + j] = this.ss[(i + 1) * m + j + 1]!;
          this.sy[i * m + j] = this.sy[(i + 1) * m + j + 1]!;
        }
      }
      this.firstSerial++;
    } else {
      this.col++;
    }
    const c = this.col - 1;
    this.nextSerial = this.firstSerial + this.col;
    this.S[c]!.set(s);
    this.Y[c]!.set(y);
    this.theta = yy / sy;
    for (let j = 0; j < c; j++) {
      this.sy[c * m + j] = dot(s, this.Y[j]!);
      const v = dot(this.S[j]!, s);
      this.ss[j * m + c] = v;
      this.ss[c * m + j] = v;
    }
    this.ss[c * m + c] = ssNew;
    this.sy[c * m + c] = sy;
    for (let i = 0; i < this.col; i++) this.sqrtD[i] = Math.sqrt(this.sy[i * m + i]!);
    return this.formT();
  }

  /** Form T = θSᵀS + L·D⁻¹·Lᵀ in the upper triangle of wt and factor it (Fortran `formt`). */
  private formT(): number {
    const { m, col, theta, sy, ss, wt } = this;
    for (let j = 0; j < col; j++) wt[j] = theta * ss[j]!;
    for (let i = 1; i < col; i++) {
      for (let j = i; j < col; j++) {
        let d = 0;
        for (let k = 0; k < i; k++) d += (sy[i * m + k]! * sy[j * m + k]!) / sy[k * m + k]!;
        wt[i * m + j] = d + theta * ss[i * m + j]!;
      }
    }
    return cholesky(wt, m, 0, col) === 0 ? 0 : -3;
  }

  /**
   * p = M·v for a 2·col vector v = [v_Y; v_S] (Fortran `bmv`), using
   * M⁻¹ = [ D^½  0 ] [ −D^½  D^−½Lᵀ ]
   *       [ −LD^−½ J ] [  0     Jᵀ    ].
   * @returns 0, or a nonzero code when J is singular.
   */
  multiplyM(v: Float64Array, p: Float64Array): number {
    const { m, col, sy, wt, sqrtD } = this;
    if (col === 0) return 0;
    p[col] = v[col]!;
    for (let i = 1; i < col; i++) {
      let sum = 0;
      for (let k = 0; k < i; k++) sum += (sy[i * m + k]! * v[k]!) / sy[k * m + k]!;
      p[col + i] = v[col + i]! + sum;
    }
    if (solveUpper(wt, m, 0, col, p, col, true) !== 0) return -1;
    for (let i = 0; i < col; i++) p[i] = v[i]! / sqrtD[i]!;
    if (solveUpper(wt, m, 0, col, p, col, false) !== 0) return -1;
    for (let i = 0; i < col; i++) p[i] = -p[i]! / sqrtD[i]!;
    for (let i = 0; i < col; i++) {
      let sum = 0;
      for (let k = i + 1; k < col; k++) sum += (sy[k * m + i]! * p[col + k]!) / sy[i * m + i]!;
      p[i] += sum;
    }
    return 0;
  }
}
