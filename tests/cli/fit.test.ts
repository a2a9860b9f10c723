import { describe, expect, it } from 'vitest';
import { SURFACES, nOpt } from '../../src/index.ts';
import { EPOCH_CSV, EXAMPLE_CSV, HAVE_SHARED_DATA, LLAMA_CSV, runJson, runMain, sig4 } from './helpers.ts';
import { EPOCH_VPNLS } from '../helpers/reference.ts';

/** The keys of the JSON object, in order (specs/cli.md). */
const SCHEMA_KEYS = [
  'method',
  'E',
  'A',
  'B',
  'alpha',
  'beta',
  'a',
  'b',
  'a0',
  'b0',
  'rss',
  'n_points',
  'status',
  'message',
  'iterations',
  'n_scale',
  'd_scale',
  'target',
  'data',
  'approach2_bias',
];

describe.skipIf(!HAVE_SHARED_DATA)('fit: the real-data reference (specs/conventions.md §5)', () => {
  it('reproduces the Epoch AI Chinchilla VPNLS fit to 4 significant digits', async () => {
    const j = await runJson([EPOCH_CSV, '--drop-highest-loss', '5', '--max-compute', '1e21', '--n-scale', '1e6', '--d-scale', '1e9', '--method', 'vpnls']);
    const { rss: _rss, ...ref } = EPOCH_VPNLS;
    for (const [k, v] of Object.entries(ref)) {
      expect(sig4(j[k]), k).toBe(sig4(v));
      expect(Math.abs(j[k] / v - 1), k).toBeLessThan(5e-5);
    }
    expect(j.n_points).toBe(217);
    expect(j.status).toBe('converged');
    expect(j.method).toBe('vpnls_lbfgsb_grad_nnls');
    expect([j.n_scale, j.d_scale]).toEqual([1e6, 1e9]);
    expect(j.data.filters).toEqual(['5 highest-loss rows dropped', 'C < 1e21']);
  });

  it('says in the summary that E, A, B refer to the scaled units', async () => {
    const r = await runMain([EPOCH_CSV, '--drop-highest-loss', '5', '--max-compute', '1e21', '--n-scale', '1e6', '--d-scale', '1e9']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('N in units of 1e6 parameters, D in units of 1e9 tokens (E, A, B refer to these units)');
    expect(r.stdout).toMatch(/E +1\.90509/);
    expect(r.stderr).toBe('');
  });

  it('reports the same allocation whatever the scales (they only change E, A, B units)', async () => {
    const args = [EPOCH_CSV, '--drop-highest-loss', '5', '--max-compute', '1e21', '--target-compute', '1e24'];
    const scaled = await runJson([...args, '--n-scale', '1e6', '--d-scale', '1e9']);
    const raw = await runJson(args);
    expect(scaled.alpha).toBeCloseTo(raw.alpha, 3);
    expect(scaled.target.N / raw.target.N).toBeCloseTo(1, 2);
    expect(scaled.target.D / raw.target.D).toBeCloseTo(1, 2);
    // A in natural units is A_scaled · 1e6^α.
    expect((scaled.A * Math.pow(1e6, scaled.alpha)) / raw.A).toBeCloseTo(1, 2);
  });
});

describe.skipIf(!HAVE_SHARED_DATA)('fit: Llama 3 IsoFLOP data, every method', () => {
  const base = [LLAMA_CSV, '--where', 'condition=raw_loss'];
  const variants: Array<[string, string[], string]> = [
    ['vpnls (L-BFGS-B)', ['--method', 'vpnls'], 'vpnls_lbfgsb_grad_nnls'],
    ['vpnls (Nelder-Mead)', ['--method', 'vpnls', '--optimizer', 'nelder-mead'], 'vpnls_nelder_mead'],
    ['vpnls (grid only)', ['--method', 'vpnls', '--optimizer', 'none', '--grid-size', '64'], 'vpnls_grid64'],
    ['approach3', ['--method', 'approach3'], 'approach3'],
    [
      'approach3 LSE, log-loss, Huber',
      ['--method', 'approach3', '--lse', '--log-loss', '--objective', 'huber', '--huber-delta', '1e-3'],
      'approach3_lse_logloss_huber',
    ],
    ['grid', ['--method', 'grid', '--grid-size', '5'], 'grid_search'],
    ['approach2', ['--method', 'approach2'], 'approach2'],
  ];
  for (const [label, extra, method] of variants) {
    it(`fits with ${label}`, async () => {
      const j = await runJson([...base, ...extra]);
      expect(Object.keys(j).slice(0, SCHEMA_KEYS.length)).toEqual(SCHEMA_KEYS);
      expect(j.method).toBe(method);
      expect(j.n_points).toBe(133);
      for (const k of ['a', 'b', 'a0', 'b0']) expect(Number.isFinite(j[k]), k).toBe(true);
      expect(j.a + j.b).toBeCloseTo(1, 9);
      expect(j.target.compute).toBe(1e25); // largest budget 1e22 × 1000
      expect(j.target.N).toBeGreaterThan(0);
      expect(j.target.D).toBeGreaterThan(0);
      expect(j.target.D_over_N).toBeCloseTo(j.target.D / j.target.N, 6);
      if (method === 'approach2') {
        for (const k of ['E', 'A', 'B', 'alpha', 'beta', 'rss']) expect(j[k], k).toBeNull();
        expect(j.target.loss).toBeNull();
      } else {
        for (const k of ['E', 'A', 'B', 'alpha', 'beta', 'rss']) expect(Number.isFinite(j[k]), k).toBe(true);
        expect(j.target.loss).toBeGreaterThan(0);
      }
    });
  }

  it('groups Approach 2 by the budget column', async () => {
    const j = await runJson([...base, '--method', 'approach2']);
    expect(j.data.grouped_by).toBe('the budget column "budget"');
    expect(j.data.n_groups).toBe(10);
    expect(j.approach2_groups.map((g: { C: number }) => g.C)).toEqual([6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21, 1e22]);
    expect(j.approach2_groups.reduce((s: number, g: { n_points: number }) => s + g.n_points, 0)).toBe(133);
    // The per-group vertices lie on the fitted power law on average (a least-squares line through them).
    const resid = j.approach2_groups.map((g: { C: number; N: number }) => Math.log10(g.N) - (j.a * Math.log10(g.C) + j.a0));
    expect(Math.abs(resid.reduce((s: number, r: number) => s + r, 0))).toBeLessThan(1e-9);
  });

  it('agrees between VPNLS and Approach 3 on these data', async () => {
    const vp = await runJson([...base, '--method', 'vpnls']);
    const a3 = await runJson([...base, '--method', 'approach3']);
    expect(a3.alpha).toBeCloseTo(vp.alpha, 5);
    expect(a3.beta).toBeCloseTo(vp.beta, 5);
  });

  it('honours --target-compute and the compute window', async () => {
    // The file has no compute column, so C = 6ND; --compute-col budget windows on the nominal budgets instead.
    for (const extra of [[], ['--compute-col', 'budget']]) {
      const j = await runJson([...base, ...extra, '--target-compute', '3e24', '--min-compute', '1e19', '--max-compute', '3e21']);
      expect(j.target.compute).toBe(3e24);
      expect(j.data.n_groups).toBe(7); // 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21
      expect(j.data.filters).toEqual(['condition = "raw_loss"', 'C ≥ 1e19', 'C < 3e21']);
    }
  });
});

describe('fit: the shipped synthetic example', () => {
  it('recovers the asymmetric surface with VPNLS and shows the Approach 2 bias', async () => {
    const vp = await runJson([EXAMPLE_CSV]);
    const a2 = await runJson([EXAMPLE_CSV, '--method', 'approach2']);
    const s = SURFACES.asymmetric;
    expect(vp.alpha).toBeCloseTo(s.alpha, 2);
    expect(vp.beta).toBeCloseTo(s.beta, 2);
    expect(vp.target.compute).toBe(1e24);
    const truth = nOpt(s, 1e24);
    expect(Math.abs(vp.target.N / truth - 1)).toBeLessThan(0.03);
    // Drifting centres and a wide grid: Approach 2 misses N* by far more.
    expect(Math.abs(a2.target.N / truth - 1)).toBeGreaterThan(0.1);
    expect(vp.approach2_bias.W).toBeCloseTo(Math.log10(8), 4); // ±8×, up to the rounding of N to whole parameters
    expect(vp.approach2_bias.n).toBe(15);
    expect(vp.approach2_bias.N_error).toBeGreaterThan(0.1);
    expect(a2.approach2_bias.exponents_from).toBe('a VPNLS fit of the same data');
  });

  it('prints a readable summary with parameters, exponents and the target allocation', async () => {
    const r = await runMain([EXAMPLE_CSV]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const text of [
      'VPNLS (vpnls_lbfgsb_grad_nnls) on',
      '75 points in 5 IsoFLOP groups',
      'alpha',
      'beta',
      'RSS',
      'status   converged',
      'At C = 1e24 FLOPs (largest budget 1e21 × 1000)',
      'N*',
      'D*',
      'D*/N*',
      'L_opt',
      'Approach 2 on this grid (±8.0×',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });

  it('reports where L-BFGS-B stopped under optimizer_diagnostics, null for fits without it', async () => {
    const vp = await runJson([EXAMPLE_CSV, '--method', 'vpnls']);
    expect(vp.optimizer_diagnostics.proj_grad_inf).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(vp.optimizer_diagnostics.last_rel_change)).toBe(true);
    for (const method of ['approach2', 'grid']) {
      expect((await runJson([EXAMPLE_CSV, '--method', method])).optimizer_diagnostics, method).toBeNull();
    }
    expect((await runJson([EXAMPLE_CSV, '--method', 'vpnls', '--optimizer', 'nelder-mead'])).optimizer_diagnostics).toBeNull();
  });

  it('reads CSV from stdin (no file, or "-")', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(EXAMPLE_CSV, 'utf8');
    const fromFile = await runJson([EXAMPLE_CSV]);
    for (const argv of [[], ['-']]) {
      const j = await runJson(argv, text);
      expect(j.data.source).toBe('<stdin>');
      expect(j.alpha).toBe(fromFile.alpha);
    }
  });

  it('maps columns by flag and groups by rounded compute without a budget column', async () => {
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(EXAMPLE_CSV, 'utf8')).trim().split('\n').slice(1);
    // Rename the columns and drop the budget column; compute is 6ND with rounding noise.
    const text = [
      'size,toks,final',
      ...lines.map((l) => {
        const [, N, D, L] = l.split(',');
        return `${N},${D},${L}`;
      }),
    ].join('\n');
    const j = await runJson(['--params-col', 'size', '--tokens-col', 'toks', '--loss-col', 'final', '--method', 'approach2'], text);
    expect(j.data.grouped_by).toBe('compute rounded to 2 significant digits');
    expect(j.data.n_groups).toBe(5);
    const withBudget = await runJson([EXAMPLE_CSV, '--method', 'approach2']);
    expect(j.a).toBeCloseTo(withBudget.a, 6);
  });

  it('prints help and exits 0', async () => {
    const r = await runMain(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--method', '--bootstrap', '--report', '--where', '--n-scale', '--target-compute', '--json']) expect(r.stdout).toContain(flag);
  });
});
