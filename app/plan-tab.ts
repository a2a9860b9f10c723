/**
 * The Plan tab: the planner's inputs (the options of src/plan/options.ts,
 * the same as `scaling-fit plan`'s flags), run in a Web Worker with progress
 * and cancel; the result rendered from the JSON record that `plan --json`
 * prints, so the page and the CLI show the same numbers.
 */
import type { MethodRecord, PlanRecord } from '../src/plan/format.ts';
import type { PlanOptions, PlanSurface } from '../src/plan/options.ts';
import { SURFACES, type SurfaceName } from '../src/surface/named-surfaces.ts';
import { download, el, FormError, numberField, renderTable, show, showError, value, type Cell } from './dom.ts';
import { Cancelled, type WorkerPool } from './workers.ts';
import type { FitState } from './fit-tab.ts';

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${x > 0 ? '+' : ''}${(100 * x).toPrecision(3)}%`);
const sci = (x: number): string => Number(x.toPrecision(4)).toExponential().replace('e+', 'e');

function list(id: string, label: string): number[] {
  const text = value(id);
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new FormError(`${label} expects comma-separated numbers, got "${text}"`);
  return parts.map((p) => {
    const x = Number(p);
    if (!Number.isFinite(x) || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(p)) throw new FormError(`${label}: "${p}" is not a number`);
    return x;
  });
}

export interface PlanTabHooks {
  onPlan(json: string, ms: number): void;
}

export class PlanTab {
  private running = false;
  private lastJson: string | null = null;

  constructor(
    private readonly pool: WorkerPool,
    private readonly fitted: () => FitState | null,
    private readonly hooks: PlanTabHooks,
  ) {
    el('plan-run').addEventListener('click', () => void this.run());
    el('plan-cancel').addEventListener('click', () => this.pool.cancel());
    el('plan-download').addEventListener('click', () => this.lastJson && download('plan.json', this.lastJson, 'application/json'));
    el('plan-preset').addEventListener('change', () => {
      const s = SURFACES[el<HTMLSelectElement>('plan-preset').value as SurfaceName];
      for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) el<HTMLInputElement>(`plan-${k}`).value = String(s[k]);
    });
    el('plan-surface-kind').addEventListener('change', () => this.surfaceNote());
    this.surfaceNote();
  }

  /** Says which surface a plan will assume; fills the five fields with the fitted one. */
  surfaceNote(): void {
    const kind = el<HTMLSelectElement>('plan-surface-kind').value;
    const f = this.fitted();
    const note = el('plan-surface-note');
    if (kind === 'fitted') {
      if (f?.surface) {
        for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) el<HTMLInputElement>(`plan-${k}`).value = String(f.surface[k]);
        note.textContent = `The surface fitted in the Fit tab to ${f.data.source} (natural units${f.run.outcome.surface === null ? '; a VPNLS fit, since Approach 2 has no surface' : ''}).`;
      } else note.textContent = 'No surface has been fitted in the Fit tab yet.';
    } else
      note.textContent =
        kind === 'preset' ? 'A named surface of the study (specs/conventions.md §1).' : 'Your five numbers, natural units (N in parameters, D in tokens).';
  }

  private surface(): PlanSurface {
    const kind = el<HTMLSelectElement>('plan-surface-kind').value;
    if (kind === 'preset') return el<HTMLSelectElement>('plan-preset').value as SurfaceName;
    if (kind === 'fitted') {
      const f = this.fitted();
      if (!f?.surface) throw new FormError('Surface: fit data in the Fit tab first (or choose a preset or five numbers)');
      return { ...f.surface };
    }
    const get = (k: string, label: string): number => {
      const x = numberField(`plan-${k}`, label);
      if (x === undefined) throw new FormError(`${label} is empty`);
      return x;
    };
    return { E: get('E', 'E'), A: get('A', 'A'), B: get('B', 'B'), alpha: get('alpha', 'α'), beta: get('beta', 'β') };
  }

  /** The planner options of the form; fields left empty take the planner's defaults. */
  options(): PlanOptions {
    const n = (id: string, label: string): number | undefined => numberField(id, label);
    const min = n('plan-budget-min', 'Smallest budget');
    const max = n('plan-budget-max', 'Largest budget');
    const count = n('plan-budget-count', 'Budgets');
    const o: Record<string, unknown> = {
      budgets: min === undefined && max === undefined && count === undefined ? undefined : { min, max, count },
      pointsPerCurve: n('plan-points', 'Runs per curve'),
      widthFactor: n('plan-width', 'Grid width'),
      centerScale: n('plan-center-scale', 'Centre below N*'),
      driftRate: n('plan-drift', 'Drift'),
      noiseStd: n('plan-noise', 'Loss noise σ'),
      targetCompute: n('plan-target', 'Target compute'),
      surface: this.surface(),
      seed: n('plan-seed', 'Seed'),
      replicates: n('plan-replicates', 'Sweeps'),
      level: n('plan-level', 'Interval level'),
      tableWidths: value('plan-table-widths') === '' ? undefined : list('plan-table-widths', 'Table widths'),
      tablePoints: value('plan-table-points') === '' ? undefined : list('plan-table-points', 'Table runs per curve'),
      tableReplicates: n('plan-table-replicates', 'Sweeps per design'),
      tolerance: n('plan-tolerance', 'Tolerance'),
    };
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as PlanOptions;
  }

  async run(): Promise<void> {
    if (this.running) return;
    let options: PlanOptions;
    try {
      options = this.options();
    } catch (err) {
      showError('plan-error', (err as Error).message);
      return;
    }
    showError('plan-error', null);
    this.running = true;
    const bar = el<HTMLProgressElement>('plan-progress');
    bar.value = 0;
    el<HTMLButtonElement>('plan-run').disabled = true;
    el<HTMLButtonElement>('plan-cancel').disabled = false;
    el('plan-status').textContent = 'running…';
    document.body.dataset.plan = 'running';
    const t0 = performance.now();
    try {
      const r = await this.pool.runPlan(options, (done, total) => {
        bar.max = total;
        bar.value = done;
        el('plan-status').textContent = `${done} / ${total} simulated sweeps`;
      });
      const ms = performance.now() - t0;
      this.lastJson = r.json;
      this.render(JSON.parse(r.json) as PlanRecord, r.text);
      el('plan-status').textContent = `done in ${(ms / 1000).toFixed(2)} s`;
      document.body.dataset.plan = 'done';
      this.hooks.onPlan(r.json, ms);
    } catch (err) {
      if (err instanceof Cancelled) {
        el('plan-status').textContent = 'cancelled';
        document.body.dataset.plan = 'cancelled';
      } else {
        el('plan-status').textContent = '';
        showError('plan-error', err instanceof Error ? err.message : String(err));
        document.body.dataset.plan = 'error';
      }
    } finally {
      this.running = false;
      el<HTMLButtonElement>('plan-run').disabled = false;
      el<HTMLButtonElement>('plan-cancel').disabled = true;
    }
  }

  private render(rec: PlanRecord, text: string): void {
    const mc = rec.monte_carlo;
    const b = rec.approach2_bias;
    const lvl = `${Math.round(100 * mc.level)}%`;
    const err = (m: MethodRecord, k: 'N_error' | 'D_error'): string => {
      const e = m[k];
      return e ? `${pct(e.median)} [${pct(e.lo)}, ${pct(e.hi)}]` : 'no fit';
    };
    const rows: Cell[][] = [
      ['true N*, D* at the target', `${sci(rec.target.N)} parameters, ${sci(rec.target.D)} tokens`, `C = ${sci(rec.target.compute)} FLOPs`],
      [
        'sweep compute',
        `${sci(rec.design.compute)} FLOPs`,
        `${rec.design.budgets.length} budgets × ${rec.design.points_per_curve} runs, ±${rec.design.width_factor}×`,
      ],
      [
        'Approach 2, closed form (centred, no noise)',
        { text: `N* ${pct(b.closed_form.N_error)}, D* ${pct(b.closed_form.D_error)}`, key: 'closed_form', value: b.closed_form.D_error },
        `vertex shift ${b.delta_w.toPrecision(4)} decades`,
      ],
      [
        'Approach 2, this design without noise',
        b.noise_free ? `N* ${pct(b.noise_free.N_error)}, D* ${pct(b.noise_free.D_error)}` : `cannot be fitted: ${b.noise_free_error}`,
        b.centred ? 'centred: equals the closed form' : 'off-centre grid',
      ],
      [
        `VPNLS, ${mc.replicates} noisy sweeps`,
        `N* ${err(mc.vpnls, 'N_error')}`,
        `D* ${err(mc.vpnls, 'D_error')}${mc.vpnls.failed ? `; ${mc.vpnls.failed} failed` : ''}`,
      ],
      [
        `Approach 2, ${mc.replicates} noisy sweeps`,
        `N* ${err(mc.approach2, 'N_error')}`,
        `D* ${err(mc.approach2, 'D_error')}${mc.approach2.failed ? `; ${mc.approach2.failed} failed` : ''}`,
      ],
    ];
    renderTable('plan-summary', ['', `error at the target: median [${lvl} interval]`, ''], rows);
    const t = rec.table;
    el('plan-table-note').textContent =
      `${t.replicates} noisy sweeps per design (same seed). Cells: the largest |error| of N* and D* across the ${lvl} interval; ✓ within ±${(100 * t.tolerance).toPrecision(3)}%.`;
    const worst = (m: MethodRecord, ok: boolean): string =>
      m.succeeded + m.failed === 0
        ? '—'
        : m.worst === null
          ? 'failed'
          : `±${(100 * m.worst).toPrecision(3)}%${m.failed ? ` (${m.failed} failed)` : ''}${ok ? ' ✓' : ''}`;
    renderTable(
      'plan-table',
      ['grid', 'runs/curve', 'compute (FLOPs)', 'Approach 2 closed-form D*', 'VPNLS', 'Approach 2'],
      t.rows.map((r) => [
        `±${r.width_factor}×`,
        String(r.points_per_curve),
        sci(r.compute),
        pct(r.closed_form.D_error),
        worst(r.vpnls, r.meets.vpnls),
        worst(r.approach2, r.meets.approach2),
      ]),
      (i) => (i === t.cheapest.vpnls ? 'best' : ''),
    );
    const cheap = (m: 'vpnls' | 'approach2', label: string): string => {
      const i = t.cheapest[m];
      return i === null
        ? `${label}: no design in the table meets the tolerance.`
        : `${label}: ±${t.rows[i].width_factor}× grid, ${t.rows[i].points_per_curve} runs per curve, ${sci(t.rows[i].compute)} FLOPs.`;
    };
    el('plan-cheapest').textContent = `Cheapest design meeting the tolerance — ${cheap('vpnls', 'VPNLS (highlighted)')} ${cheap('approach2', 'Approach 2')}`;
    el('plan-text').textContent = text;
    show('plan-results', true);
  }
}
