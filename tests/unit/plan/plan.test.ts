/**
 * The sweep planner (src/plan/, specs/app.md): its closed form is experiment
 * 6's, its noise-free simulation agrees with it on centred grids, the
 * chinchilla ±16× reference of specs/conventions.md §5, a seeded Monte Carlo
 * that depends only on its options, the table's cost and cheapest design, and
 * `scaling-fit plan` printing exactly the library's record.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, run as runExp6, type Exp6Row } from '../../../experiments/exp6-closed-form.ts';
import type { RunContext } from '../../../experiments/harness/types.ts';
import { main } from '../../../src/cli/main.ts';
import {
  approach2DesignBias,
  budgetsOf,
  designOf,
  formatPlanJson,
  formatPlanText,
  planRecord,
  resolvePlanOptions,
  runPlan,
  simulateDesign,
  sweepCompute,
  PlanOptionsError,
  type SweepDesign,
} from '../../../src/plan/index.ts';
import { BIASES } from '../../../src/sampling/center-offset.ts';
import { SURFACES } from '../../../src/surface/named-surfaces.ts';

/** specs/conventions.md §5: Approach 2's D* error at 1e24 FLOPs, chinchilla surface, ±16× centred, 15 points (percent). */
const CHINCHILLA_XL_D_ERROR_PCT = -5.100244551712022;

function capture(): { io: Parameters<typeof main>[1]; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), readStdin: async () => '', stdinIsTTY: true, stderrIsTTY: false },
    out: () => out,
    err: () => err,
  };
}

/** Small plans keep the suite fast; the numbers under test do not depend on the replicate count. */
const SMALL = { replicates: 8, tableReplicates: 3, tableWidths: [4, 16], tablePoints: [5, 15] } as const;

describe('planner closed form', () => {
  it("equals experiment 6's prediction and simulation for the same grids (every W of its sweep, three surfaces)", async () => {
    const noop = { start: () => ({ tick() {}, done() {} }) };
    const result = await runExp6(defaultConfig, { progress: noop } as unknown as RunContext);
    expect(result.rows.length).toBe(60);
    for (const row of result.rows as Exp6Row[]) {
      const surface = SURFACES[row.surface as keyof typeof SURFACES];
      const design: SweepDesign = {
        budgets: defaultConfig.budgets,
        pointsPerCurve: row.n_points,
        widthFactor: 10 ** row.log_range,
        W: row.log_range,
        bias: BIASES.centered,
      };
      const b = approach2DesignBias(surface, design, 1e24);
      expect(b.deltaW).toBe(row.delta_w);
      expect(100 * b.closedForm.N).toBe(row.intercept_err_pred_pct);
      expect(100 * b.closedForm.D).toBe(row.d_extrap_err_pred_pct);
      // The planner's noise-free fit is the experiment's simulated Approach 2 on the same runs.
      expect(Math.abs(100 * b.noiseFree!.N - row.intercept_err_num_pct) / 100).toBeLessThan(1e-12);
      expect(b.centred).toBe(true);
    }
  });

  it('reports the conventions’ −5.10 % D* error at 1e24 for the chinchilla surface, ±16× centred (closed form and simulated)', () => {
    const r = runPlan({ surface: 'chinchilla', widthFactor: 16, targetCompute: 1e24, replicates: 0, tableReplicates: 0 });
    expect(100 * r.approach2Bias.closedForm.D).toBeCloseTo(CHINCHILLA_XL_D_ERROR_PCT, 10);
    expect(100 * r.approach2Bias.noiseFree!.D).toBeCloseTo(CHINCHILLA_XL_D_ERROR_PCT, 10);
    expect(formatPlanText(r)).toContain('D* -5.10%');
  });

  it('simulates an off-centre grid, where the closed form does not apply', () => {
    const o = resolvePlanOptions({ centerScale: 3, surface: 'symmetric' });
    const b = approach2DesignBias(o.surface, designOf(o), o.targetCompute);
    expect(b.centred).toBe(false);
    expect(b.closedForm.D).toBe(0); // α = β: no shift on a centred grid
    expect(b.noiseFree!.D).toBeGreaterThan(0.01); // but a 3× offset biases Approach 2 (specs/conventions.md §5: XL +1.51 %)
  });
});

describe('planner Monte Carlo and table', () => {
  it('depends only on its options: the same seed gives the same record, another seed another', () => {
    const a = formatPlanJson(runPlan({ ...SMALL, seed: 7 }));
    expect(formatPlanJson(runPlan({ ...SMALL, seed: 7 }))).toBe(a);
    expect(formatPlanJson(runPlan({ ...SMALL, seed: 8 }))).not.toBe(a);
  });

  it('gives VPNLS a small median error and Approach 2 its bias on the noisy chinchilla ±16× sweep', () => {
    const o = resolvePlanOptions({ replicates: 30 });
    const mc = simulateDesign(o.surface, designOf(o), { noiseStd: o.noiseStd, targetCompute: o.targetCompute, seed: o.seed, replicates: 30, level: 0.9 });
    expect(mc.vpnls.succeeded).toBe(30);
    expect(Math.abs(mc.vpnls.D!.median)).toBeLessThan(0.01);
    expect(mc.approach2.D!.median).toBeLessThan(-0.03);
    expect(mc.vpnls.D!.lo).toBeLessThanOrEqual(mc.vpnls.D!.median);
    expect(mc.vpnls.D!.hi).toBeGreaterThanOrEqual(mc.vpnls.D!.median);
  });

  it('costs a sweep n·ΣC and flags the cheapest design meeting the tolerance', () => {
    expect(budgetsOf({ min: 1e17, max: 1e21, count: 5 })).toEqual([1e17, 1e18, 1e19, 1e20, 1e21]);
    const r = runPlan({ ...SMALL, tolerance: 0.2 });
    for (const row of r.table) expect(row.compute).toBe(sweepCompute(designOf(r.options, row.widthFactor, row.pointsPerCurve)));
    const i = r.cheapest.vpnls;
    expect(i).not.toBeNull();
    const meeting = r.table.filter((row) => row.meets.vpnls);
    expect(r.table[i!]!.compute).toBe(Math.min(...meeting.map((row) => row.compute)));
    for (const row of meeting) expect(row.vpnls.worst!).toBeLessThanOrEqual(0.2);
    expect((planRecord(r).table as { cheapest: unknown }).cheapest).toEqual(r.cheapest);
  });

  it('refuses unusable options with the field named', () => {
    expect(() => resolvePlanOptions({ widthFactor: 1 })).toThrow(PlanOptionsError);
    expect(() => resolvePlanOptions({ budgets: { min: 1e20, max: 1e18, count: 3 } })).toThrow(/budgets\.max/);
    expect(() => resolvePlanOptions({ surface: 'nope' as 'chinchilla' })).toThrow(/presets/);
    expect(() => resolvePlanOptions({ tablePoints: [2] })).toThrow(/tablePoints\[0\]/);
  });
});

describe('scaling-fit plan', () => {
  it('prints the library’s record byte for byte with --json, the same options given as flags', async () => {
    const c = capture();
    const code = await main(
      [
        'plan',
        '--json',
        '--seed',
        '5',
        '--replicates',
        '8',
        '--table-replicates',
        '3',
        '--table-widths',
        '4,16',
        '--table-points',
        '5,15',
        '--noise',
        '0.01',
        '--width',
        '8',
        '--points',
        '9',
        '--drift',
        '0.2',
        '--surface',
        '1.7,400,410,0.34,0.28',
      ],
      c.io,
    );
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const lib = formatPlanJson(
      runPlan({
        ...SMALL,
        seed: 5,
        noiseStd: 0.01,
        widthFactor: 8,
        pointsPerCurve: 9,
        driftRate: 0.2,
        surface: { E: 1.7, A: 400, B: 410, alpha: 0.34, beta: 0.28 },
      }),
    );
    expect(c.out()).toBe(lib);
  });

  it('prints text by default and explains itself with --help', async () => {
    const t = capture();
    expect(await main(['plan', '--replicates', '2', '--table-replicates', '0'], t.io)).toBe(0);
    expect(t.out()).toContain('closed form (centred grid): N* +5.37%, D* -5.10%');
    const h = capture();
    expect(await main(['plan', '--help'], h.io)).toBe(0);
    for (const flag of [
      '--budget-min',
      '--budget-max',
      '--budget-count',
      '--points',
      '--width',
      '--center-scale',
      '--drift',
      '--noise',
      '--target-compute',
      '--surface',
      '--seed',
      '--json',
    ])
      expect(h.out()).toContain(flag);
  });

  it('names the flag of a bad value and exits 2', async () => {
    const c = capture();
    expect(await main(['plan', '--width', '1'], c.io)).toBe(2);
    expect(c.err()).toBe('scaling-fit: error: --width must be a number > 1 (±k× around the centre), got 1 (see --help)\n');
    const d = capture();
    expect(await main(['plan', '--points', 'many'], d.io)).toBe(2);
    expect(d.err()).toContain('--points: "many" is not a number');
    const e = capture();
    expect(await main(['plan', '--surface', '1,2,3'], e.io)).toBe(2);
    expect(e.err()).toContain('--surface expects five numbers');
  });
});
