/**
 * Moré–Thuente line search: find a step stp > 0 satisfying the strong Wolfe
 * conditions
 *
 *   φ(stp) ≤ φ(0) + ftol·stp·φ'(0)   and   |φ'(stp)| ≤ gtol·|φ'(0)|
 *
 * for φ(t) = f(x + t·d), by safeguarded cubic/quadratic interpolation.
 * A line-by-line port of MINPACK-2 `dcsrch` and `dcstep` as shipped with
 * L-BFGS-B 3.0, driven by reverse communication: the caller evaluates φ and
 * φ' at {@link MoreThuente.stp} whenever a call returns `'fg'`.
 *
 * Reference: J. J. Moré and D. J. Thuente, "Line search algorithms with
 * guaranteed sufficient decrease", ACM TOMS 20(3) (1994) 286–307.
 */

/** The constants L-BFGS-B's `lnsrlb` passes to `dcsrch`. */
export const LBFGSB_LINE_SEARCH = Object.freeze({ ftol: 1e-3, gtol: 0.9, xtol: 0.1 });

/**
 * What `dcsrch` asks for next: `'fg'` (evaluate at stp), `'convergence'`
 * (strong Wolfe holds), a `warning_*` (no further progress possible; stp is
 * the last point evaluated, which L-BFGS-B accepts), or `'error'` (bad input).
 */
export type LineSearchTask = 'fg' | 'convergence' | 'warning_rounding' | 'warning_xtol' | 'warning_stpmax' | 'warning_stpmin' | 'error';

const P5 = 0.5;
const P66 = 0.66;
const XTRAPL = 1.1;
const XTRAPU = 4.0;

/** Best step (stx, fx, dx), other end (sty, fy, dy) and whether a minimiser is bracketed. */
interface Interval {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  brackt: boolean;
}

/**
 * One safeguarded step (MINPACK-2 `dcstep`): update the interval with the
 * trial (stp, fp, dp) and return the next trial step within [stpmin, stpmax].
 */
function dcstep(iv: Interval, stp: number, fp: number, dp: number, stpmin: number, stpmax: number): number {
  const { stx, fx, dx, sty, fy, dy } = iv;
  const sgnd = dp * (dx / Math.abs(dx));
  let stpf: number;
  if (fp > fx) {
    // Case 1: higher function value; the minimum is bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const r = p / q;
    const stpc = stx + r * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    iv.brackt = true;
  } else if (sgnd < 0) {
    // Case 2: lower value, derivatives of opposite sign; bracketed.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const r = p / q;
    const stpc = stp + r * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    iv.brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same-sign derivatives, |derivative| decreases.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (iv.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      if (stp > stx) stpf = Math.min(stp + P66 * (sty - stp), stpf);
      else stpf = Math.max(stp + P66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.min(stpmax, stpf);
      stpf = Math.max(stpmin, stpf);
    }
  } else if (iv.brackt) {
    // Case 4: lower value, same-sign derivatives, |derivative| does not decrease.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    const r = p / q;
    stpf = stp + r * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }

  if (fp > fx) {
    iv.sty = stp;
    iv.fy = fp;
    iv.dy = dp;
  } else {
    if (sgnd < 0) {
      iv.sty = stx;
      iv.fy = fx;
      iv.dy = dx;
    }
    iv.stx = stp;
    iv.fx = fp;
    iv.dx = dp;
  }
  return stpf;
}

/**
 * State of one Moré–Thuente search (the saved variables of `dcsrch`).
 * Call {@link start} once, then {@link next} with φ, φ' at `stp` while the
 * task is `'fg'`.
 */
export class MoreThuente {
  /** Current trial step; evaluate here when the task is `'fg'`. */
  stp = 0;
  /** Description of the `'error'` task, if any. */
  error = '';
  private stage = 1;
  private finit = 0;
  private ginit = 0;
  private gtest = 0;
  private width = 0;
  private width1 = 0;
  private stmin = 0;
  private stmax = 0;
  private readonly iv: Interval = { stx: 0, fx: 0, dx: 0, sty: 0, fy: 0, dy: 0, brackt: false };

  constructor(
    private readonly ftol: number,
    private readonly gtol: number,
    private readonly xtol: number,
    private readonly stpmin: number,
    private stpmax: number,
  ) {}

  /** Best step so far (the end of the interval with the lowest φ). */
  get bestStep(): number {
    return this.iv.stx;
  }

  /** Begin at φ(0) = f, φ'(0) = g < 0 with first trial step stp. */
  start(f: number, g: number, stp: number): LineSearchTask {
    const { ftol, gtol, xtol, stpmin, stpmax } = this;
    this.stp = stp;
    if (stp < stpmin) this.error = 'STP < STPMIN';
    if (stp > stpmax) this.error = 'STP > STPMAX';
    if (g >= 0) this.error = 'INITIAL G >= 0';
    if (ftol < 0) this.error = 'FTOL < 0';
    if (gtol < 0) this.error = 'GTOL < 0';
    if (xtol < 0) this.error = 'XTOL < 0';
    if (stpmin < 0) this.error = 'STPMIN < 0';
    if (stpmax < stpmin) this.error = 'STPMAX < STPMIN';
    if (this.error !== '') return 'error';
    const iv = this.iv;
    iv.stx = 0;
    iv.fx = f;
    iv.dx = g;
    iv.sty = 0;
    iv.fy = f;
    iv.dy = g;
    iv.brackt = false;
    this.stage = 1;
    this.finit = f;
    this.ginit = g;
    this.gtest = ftol * g;
    this.width = stpmax - stpmin;
    this.width1 = this.width / P5;
    this.stmin = 0;
    this.stmax = stp + XTRAPU * stp;
    return 'fg';
  }

  /** Take φ(stp) = f and φ'(stp) = g; return the next task (and move stp if it is `'fg'`). */
  next(f: number, g: number): LineSearchTask {
    const iv = this.iv;
    const { gtest, finit, ginit, xtol, stpmin, stpmax } = this;
    let stp = this.stp;
    const ftest = finit + stp * gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;

    let task: LineSearchTask = 'fg';
    if (iv.brackt && (stp <= this.stmin || stp >= this.stmax)) task = 'warning_rounding';
    if (iv.brackt && this.stmax - this.stmin <= xtol * this.stmax) task = 'warning_xtol';
    if (stp === stpmax && f <= ftest && g <= gtest) task = 'warning_stpmax';
    if (stp === stpmin && (f > ftest || g >= gtest)) task = 'warning_stpmin';
    if (f <= ftest && Math.abs(g) <= this.gtol * -ginit) task = 'convergence';
    if (task !== 'fg') return task;

    if (this.stage === 1 && f <= iv.fx && f > ftest) {
      // Modified function ψ(t) = φ(t) − φ(0) − ftol·t·φ'(0) while in stage 1.
      iv.fx -= iv.stx * gtest;
      iv.fy -= iv.sty * gtest;
      iv.dx -= gtest;
      iv.dy -= gtest;
      stp = dcstep(iv, stp, f - stp * gtest, g - gtest, this.stmin, this.stmax);
      iv.fx += iv.stx * gtest;
      iv.fy += iv.sty * gtest;
      iv.dx += gtest;
      iv.dy += gtest;
    } else {
      stp = dcstep(iv, stp, f, g, this.stmin, this.stmax);
    }

    if (iv.brackt) {
      if (Math.abs(iv.sty - iv.stx) >= P66 * this.width1) stp = iv.stx + P5 * (iv.sty - iv.stx);
      this.width1 = this.width;
      this.width = Math.abs(iv.sty - iv.stx);
    }
    if (iv.brackt) {
      this.stmin = Math.min(iv.stx, iv.sty);
      this.stmax = Math.max(iv.stx, iv.sty);
    } else {
      this.stmin = stp + XTRAPL * (stp - iv.stx);
      this.stmax = stp + XTRAPU * (stp - iv.stx);
    }
    stp = Math.max(stp, stpmin);
    stp = Math.min(stp, stpmax);
    if ((iv.brackt && (stp <= this.stmin || stp >= this.stmax)) || (iv.brackt && this.stmax - this.stmin <= xtol * this.stmax)) {
      stp = iv.stx;
    }
    this.stp = stp;
    return 'fg';
  }

  /**
   * Not part of MINPACK-2: the trial at `stp` gave a non-finite φ or φ'.
   * Treat it as a failed trial: move halfway back towards the best step
   * stx. If the trial lay beyond stx, the midpoint also becomes the new
   * stpmax, so no later trial goes past it (a trial below stx only occurs
   * inside a bracket, which already bounds the search).
   */
  rejectNonFinite(): void {
    const stx = this.iv.stx;
    const mid = stx + P5 * (this.stp - stx);
    if (this.stp > stx) this.stpmax = Math.min(this.stpmax, mid);
    this.stp = mid;
  }
}
