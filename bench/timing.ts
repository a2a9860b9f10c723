/**
 * The timing loop: warm-up, then repeated timed calls with
 * process.hrtime.bigint(). After every call (outside the timed interval) the
 * result is reduced to a number, checked (a NaN or infinity fails the
 * benchmark) and added to a sink, so the work cannot be optimised away.
 */
import type { Runner, TimingPlan } from './types.ts';

export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
}

/** Full runs: ≥ 30 timed calls and ≥ 1 s (≤ 20 s) per backend in 100 ms blocks, after ≥ 5 calls and ≥ 200 ms of warm-up. */
export const FULL_PLAN: TimingPlan = Object.freeze({ warmupCalls: 5, warmupMs: 200, minRuns: 30, budgetMs: 1000, maxRuns: 1000, capMs: 20_000, blockMs: 100 });
/** --quick: a few calls of each case, enough to show it runs and is checked. */
export const QUICK_PLAN: TimingPlan = Object.freeze({ warmupCalls: 1, warmupMs: 10, minRuns: 3, budgetMs: 30, maxRuns: 20, capMs: 300, blockMs: 10 });

let sink = 0;

/** The running sum of every checked result (printed nowhere; keeps the work observable). */
export function resultSink(): number {
  return sink;
}

function checked(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new Error(`${name}: a timed call returned ${value}`);
  sink += value;
  return value;
}

/** Median of a sorted array. */
export function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * Time several runners (the backends of one case) in alternating blocks of
 * about blockMs each (A…A, B…B, A…A, …), so that load from other processes
 * on the machine falls on all of them alike. Alternating call by call would
 * bias short calls: each would start with caches emptied (and garbage left)
 * by the other backend's call. So a block of calls shorter than blockMs/4
 * starts with one untimed call. Each runner is warmed up first. Stops when
 * every runner has minRuns calls and budgetMs per runner has passed, when
 * every runner has maxRuns calls, or after capMs once every runner has 3.
 */
export function measure(name: string, runners: readonly Runner[], plan: TimingPlan): Timing[] {
  const now = (): bigint => process.hrtime.bigint();
  const last = runners.map(() => Infinity);
  for (const [j, { call, digest }] of runners.entries()) {
    // At least warmupCalls calls and warmupMs, but a slow case stops after
    // 5·warmupMs (one call of a second is warm enough).
    const warmStart = now();
    for (let i = 0; ; i++) {
      const elapsed = Number(now() - warmStart) / 1e6;
      if (i >= 1 && elapsed >= 5 * plan.warmupMs) break;
      if (i >= plan.warmupCalls && elapsed >= plan.warmupMs) break;
      const t0 = now();
      checked(name, digest(call()));
      last[j] = Number(now() - t0) / 1e6;
    }
  }
  const times: number[][] = runners.map(() => []);
  const start = now();
  const enough = (): boolean => {
    const runs = Math.min(...times.map((t) => t.length));
    const elapsed = Number(now() - start) / 1e6;
    return runs >= plan.maxRuns || (runs >= plan.minRuns && elapsed >= plan.budgetMs * runners.length) || (runs >= 3 && elapsed >= plan.capMs);
  };
  while (!enough()) {
    for (const [j, { call, digest }] of runners.entries()) {
      if (times[j].length >= plan.maxRuns) continue;
      if (last[j] < plan.blockMs / 4) checked(name, digest(call()));
      const blockStart = now();
      do {
        const t0 = now();
        const result = call();
        const t1 = now();
        checked(name, digest(result));
        last[j] = Number(t1 - t0) / 1e6;
        times[j].push(last[j]);
      } while (Number(now() - blockStart) / 1e6 < plan.blockMs && times[j].length < plan.maxRuns);
    }
  }
  return times.map(summarise);
}

/** Median, min and max of per-call times in ms. */
export function summarise(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: median(sorted), minMs: sorted[0], maxMs: sorted[sorted.length - 1], runs: sorted.length };
}

/** {@link measure} for a call that returns a promise (work done in worker threads). */
export async function measureAsync(name: string, call: () => Promise<number>, plan: TimingPlan): Promise<Timing> {
  const now = (): bigint => process.hrtime.bigint();
  const warmStart = now();
  for (let i = 0; ; i++) {
    const elapsed = Number(now() - warmStart) / 1e6;
    if (i >= 1 && elapsed >= 5 * plan.warmupMs) break;
    if (i >= plan.warmupCalls && elapsed >= plan.warmupMs) break;
    checked(name, await call());
  }
  const times: number[] = [];
  const start = now();
  for (;;) {
    const t0 = now();
    const v = await call();
    const t1 = now();
    checked(name, v);
    times.push(Number(t1 - t0) / 1e6);
    const elapsed = Number(t1 - start) / 1e6;
    if (times.length >= plan.maxRuns) break;
    if (times.length >= plan.minRuns && elapsed >= plan.budgetMs) break;
    if (times.length >= 3 && elapsed >= plan.capMs) break;
  }
  return summarise(times);
}
