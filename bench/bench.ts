/**
 * Runs the benchmark: every in-process case (checked against the twin,
 * then timed on each backend), the threaded grid, cold start, peak memory
 * and, with --e2e, the end-to-end commands. Returns the report rows; the
 * CLI (run.ts) prints and writes them.
 */
import { loadavg } from 'node:os';
import type { BenchOptions, BenchReport, CaseRow, CheckOutcome, Impl, PrintedRow, TimingPlan } from './types.ts';
import { loadLibrary, type Library } from './library.ts';
import { inProcessCases, tsGrid, type BenchCase } from './cases.ts';
import { FULL_PLAN, QUICK_PLAN, measure, measureAsync, summarise, type Timing } from './timing.ts';
import { compareBest } from './checks.ts';
import { axis, isoflop } from './data.ts';
import { threadedGrid } from './threads.ts';
import { coldStart, endToEnd, peakMemory } from './processes.ts';
import { machine } from './report.ts';

export const THREADS_CASE = 'vpnls_grid_1024_n75_2threads';
export const COLD_CASES = ['cold_instantiate', 'cold_start_grid_256_n75', 'cold_second_grid_256_n75'] as const;
export const MEMORY_CASE = 'memory_grid_1024_n10000';
export const E2E_CASES = ['e2e_exp_all', 'e2e_article'] as const;

export interface BenchRun {
  readonly report: BenchReport;
  readonly printed: PrintedRow[];
  /** Cases whose WASM answer did not match the twin's. */
  readonly failures: string[];
  readonly loadStart: number;
}

function row(name: string, impl: Impl, t: Timing, work: number, checked: Impl | null): CaseRow {
  return {
    name,
    impl,
    median_ms: t.medianMs,
    min_ms: t.minMs,
    max_ms: t.maxMs,
    runs: t.runs,
    work,
    ns_per_unit: (t.medianMs * 1e6) / work,
    checked_against: checked,
  };
}

/** Every case name the benchmark knows, in run order. */
export function caseNames(lib: Library): string[] {
  return [...inProcessCases(lib).map((c) => c.name), THREADS_CASE, ...COLD_CASES, MEMORY_CASE, ...E2E_CASES];
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const loadStart = loadavg()[0];
  const lib = loadLibrary();
  const known = caseNames(lib);
  const unknown = options.cases.filter((c) => !known.includes(c));
  if (unknown.length > 0) throw new RangeError(`unknown case ${unknown.join(', ')}; cases: ${known.join(', ')}`);
  const want = (name: string): boolean => (options.cases.length === 0 ? true : options.cases.includes(name));
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const printed: PrintedRow[] = [];
  const failures: string[] = [];
  const record = (name: string, outcome: CheckOutcome | null): void => {
    if (outcome && !outcome.ok) failures.push(`${name}: ${outcome.detail}`);
  };

  for (const c of inProcessCases(lib)) {
    if (!want(c.name)) continue;
    printed.push(...runCase(c, plan, options, record));
  }
  if (want(THREADS_CASE)) printed.push(await runThreads(lib, plan, options, record));
  if (COLD_CASES.some(want)) printed.push(...runCold(lib, options, record).filter((p) => want(p.row.name)));
  if (want(MEMORY_CASE)) printed.push(runMemory(lib, options, record));
  if (options.e2e && E2E_CASES.some(want)) {
    options.log('end to end: npm run exp -- --all, npm run article');
    for (const e of endToEnd(want)) {
      printed.push({
        row: {
          name: e.name,
          impl: 'wasm',
          median_ms: e.ms,
          min_ms: e.ms,
          max_ms: e.ms,
          runs: e.ms === null ? 0 : 1,
          work: 1,
          ns_per_unit: e.ms === null ? null : e.ms * 1e6,
          checked_against: null,
          ...(e.note ? { note: e.note } : {}),
        },
        unit: 'run',
        check: '',
      });
    }
  }
  return { report: { machine: machine(), cases: printed.map((p) => p.row) }, printed, failures, loadStart };
}

function runCase(c: BenchCase, plan: TimingPlan, options: BenchOptions, record: (name: string, o: CheckOutcome | null) => void): PrintedRow[] {
  options.log(`${c.name}: checking WASM against the twin`);
  const outcome = c.check();
  record(c.name, outcome);
  options.log(`${c.name}: timing ${c.impls.join(' and ')}`);
  const timings = measure(
    c.name,
    c.impls.map((impl) => c.run(impl)),
    plan,
  );
  return c.impls.map((impl, j) => {
    const against: Impl | null = outcome ? (impl === 'wasm' ? 'ts' : 'wasm') : null;
    return { row: row(c.name, impl, timings[j], c.work, against), unit: c.unit, check: impl === 'wasm' ? (outcome?.detail ?? 'no twin') : '' };
  });
}

async function runThreads(lib: Library, plan: TimingPlan, options: BenchOptions, record: (name: string, o: CheckOutcome | null) => void): Promise<PrintedRow> {
  const ax = axis(lib, 1024);
  const iso = isoflop(lib, 75);
  options.log(`${THREADS_CASE}: starting 2 workers`);
  const grid = await threadedGrid(lib.wasmPath, iso.data, ax, ax, 2);
  try {
    const outcome = compareBest(await grid.run(), tsGrid(lib, 1024, 75));
    record(THREADS_CASE, outcome);
    options.log(`${THREADS_CASE}: timing`);
    const t = await measureAsync(
      THREADS_CASE,
      async () => {
        const r = await grid.run();
        return r.bestIndex >= 0 ? r.rss + r.bestIndex : NaN;
      },
      plan,
    );
    return { row: row(THREADS_CASE, 'wasm', t, 1024 * 1024 * 75, 'ts'), unit: 'candidate·point', check: `${outcome.detail} (α rows split in 2 blocks)` };
  } finally {
    await grid.close();
  }
}

function runCold(lib: Library, options: BenchOptions, record: (name: string, o: CheckOutcome | null) => void): PrintedRow[] {
  const processes = options.quick ? 2 : 15;
  options.log(`cold start: ${processes} fresh node processes`);
  const cold = coldStart(lib.wasmPath, 256, 75, processes);
  const ref = tsGrid(lib, 256, 75);
  const bad = cold.answers.map((a) => compareBest({ ...a, alphaIndex: 0, betaIndex: 0, alpha: 0, beta: 0 }, ref)).find((o) => !o.ok);
  const outcome: CheckOutcome = bad ?? { ok: true, detail: `every process: best cell, RSS and E, A, B bit-identical` };
  record('cold_start_grid_256_n75', outcome);
  const work = 256 * 256 * 75;
  return [
    { row: row('cold_instantiate', 'wasm', cold.instantiate, 1, null), unit: 'module', check: 'read + compile + instantiate build/release.wasm' },
    { row: row('cold_start_grid_256_n75', 'wasm', cold.firstGrid, work, 'ts'), unit: 'candidate·point', check: `instantiate + first grid; ${outcome.detail}` },
    { row: row('cold_second_grid_256_n75', 'wasm', cold.secondGrid, work, 'ts'), unit: 'candidate·point', check: 'second grid of the same process' },
  ];
}

function runMemory(lib: Library, options: BenchOptions, record: (name: string, o: CheckOutcome | null) => void): PrintedRow {
  const runs = options.quick ? 1 : 3;
  options.log(`${MEMORY_CASE}: ${runs} grid(s) in a fresh process`);
  const m = peakMemory(lib.wasmPath, 1024, 10000, runs);
  let outcome: CheckOutcome | null = null;
  let note = `resident set before the grid ${m.rssBeforeMb.toFixed(0)} MB`;
  if (options.quick) {
    note += '; not checked in --quick (the twin takes ~30 s here)';
  } else {
    options.log(`${MEMORY_CASE}: the twin's answer (slow)`);
    const ax = axis(lib, 1024);
    outcome = compareBest({ ...m, alphaIndex: 0, betaIndex: 0, alpha: 0, beta: 0 }, lib.ts.vpnlsGrid(isoflop(lib, 10000).data, ax, ax));
    record(MEMORY_CASE, outcome);
  }
  const t = summarise(m.times);
  return {
    row: { ...row(MEMORY_CASE, 'wasm', t, 1024 * 1024 * 10000, outcome ? 'ts' : null), peak_rss_mb: Number(m.peakRssMb.toFixed(1)), note },
    unit: 'candidate·point',
    check: outcome?.detail ?? '',
  };
}
