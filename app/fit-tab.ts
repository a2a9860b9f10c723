/**
 * The Fit tab: CSV in (file chooser, drop, paste, the shipped examples),
 * columns detected and filtered by the data module exactly as the CLI does,
 * the fit pipeline of `fit` (src/cli/fit-run.ts), the numbers of its JSON,
 * the report's figures, bootstrap intervals in Web Workers, and downloads of
 * the JSON and the HTML report. Errors are shown in the CLI's words.
 */
import { summariseReplicates, drawReplicates, type BootstrapSummary } from '../src/cli/bootstrap-core.ts';
import type { BootstrapChunk } from '../src/cli/bootstrap-replicates.ts';
import { DEFAULT_HUBER_DELTA, registryMethod, type MethodSpec } from '../src/cli/fit-core.ts';
import { fitRun, locatedInFile, prepareRun, runReport, type FitRun, type FitRunSettings } from '../src/cli/fit-run.ts';
import { fixRefusal, pinnedSpec } from '../src/cli/fix.ts';
import { formatJson, formatSummary, jsonRecord, pinnedQuantities, type RunReport } from '../src/cli/output.ts';
import { reportFigures, reportHtml } from '../src/cli/report.ts';
import { COLUMN_ALIASES, COLUMN_ROLES, resolveColumns, type ColumnOverrides, type ColumnRole } from '../src/data/columns.ts';
import { parseCsv, type CsvTable } from '../src/data/csv.ts';
import { buildIsoflopData, type IsoflopData, type RowFilter } from '../src/data/isoflop-table.ts';
import { escapeHtml } from '../src/plot/html.ts';
import { METHODS } from '../src/fit/methods.ts';
import { describePinned, type PinnedParameters } from '../src/fit/pinned.ts';
import { PARAMETER_NAMES } from '../src/fit/result.ts';
import { OFFLINE_PLOTLY_CONFIG } from '../src/plot/plotly.ts';
import type { LossSurface } from '../src/surface/loss-surface.ts';
import { download, el, FormError, numberField, renderTable, show, showError, value, type Cell } from './dom.ts';
import { Cancelled, type WorkerPool } from './workers.ts';

interface PlotlyLike {
  newPlot(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
  purge(el: HTMLElement): void;
}

/** Every choice of `fit --method …` and its flags that the page offers; labels and recipes come from the method registry. */
const CHOICES: ReadonlyArray<{ readonly flags: string; readonly spec: Partial<MethodSpec> }> = [
  { flags: '--method vpnls (default)', spec: { method: 'vpnls' } },
  { flags: '--optimizer nelder-mead', spec: { method: 'vpnls', optimizer: 'nelder-mead' } },
  { flags: '--optimizer none', spec: { method: 'vpnls', optimizer: 'none' } },
  ...[false, true].flatMap((lse) =>
    [false, true].flatMap((logLoss) =>
      (['mse', 'huber'] as const).map((objective) => ({
        flags: ['--method approach3', lse ? '--lse' : '', logLoss ? '--log-loss' : '', objective === 'huber' ? '--objective huber' : '']
          .filter((f) => f !== '')
          .join(' '),
        spec: { method: 'approach3' as const, lse, logLoss, objective },
      })),
    ),
  ),
  { flags: '--method grid', spec: { method: 'grid' } },
  { flags: '--method approach2', spec: { method: 'approach2' } },
];

function fullSpec(partial: Partial<MethodSpec>): MethodSpec {
  return { method: 'vpnls', optimizer: 'lbfgsb', objective: 'mse', huberDelta: DEFAULT_HUBER_DELTA, lse: false, logLoss: false, gridSize: null, ...partial };
}

/** The picker's entries: the registry's label and recipe of the method each choice runs. */
export const METHOD_CHOICES = CHOICES.map((c, i) => {
  const spec = fullSpec(c.spec);
  const method = METHODS[spec.method === 'approach2' ? 'approach2' : registryMethod(spec).id];
  return { value: String(i), label: `${method.label} (${c.flags})`, recipe: method.recipe, spec };
});

function methodSpec(value: string): MethodSpec {
  return (METHOD_CHOICES.find((m) => m.value === value) ?? METHOD_CHOICES[0]!).spec;
}

/** Significant digits shown: enough that every shown number is within 1e-9 of the JSON's (relative). */
export const SHOWN_DIGITS = 10;

function shown(x: number | null): string {
  if (x === null) return '—';
  return Number(x.toPrecision(SHOWN_DIGITS)).toString();
}

type Interval = readonly [number, number] | null;

/** The parts of `fit --json` (jsonRecord, specs/cli.md) the tab shows. */
interface FitRecordView {
  readonly [key: string]: unknown;
  readonly status: string;
  readonly message: string;
  readonly iterations: number;
  readonly target: Record<string, number | null>;
  readonly warnings: string[];
  readonly approach2_bias: {
    readonly W: number;
    readonly n: number;
    readonly N_error: number;
    readonly D_error: number;
    readonly exponents_from: string;
  } | null;
  readonly bootstrap?: { readonly level: number; readonly intervals: Record<string, unknown> & { readonly target: Record<string, Interval> } };
}

interface Loaded {
  readonly name: string;
  readonly text: string;
}

export interface FitState {
  run: FitRun;
  report: RunReport;
  data: IsoflopData;
  settings: FitRunSettings;
  /** The surface in natural units (Approach 2: the VPNLS companion), for the Plan tab. */
  surface: LossSurface | null;
  json: string;
}

export interface FitTabHooks {
  /** Called after every successful fit (and bootstrap): total time with drawing, and the time to the numbers (parse, filter, fit). */
  onFit(s: FitState, ms: number, computeMs: number): void;
  onBootstrap(ms: number, replicates: number): void;
}

export class FitTab {
  private loaded: Loaded | null = null;
  private table: CsvTable | null = null;
  state: FitState | null = null;
  private bootstrapping = false;

  constructor(
    private readonly pool: WorkerPool,
    private readonly plotlySource: () => string,
    private readonly hooks: FitTabHooks,
  ) {
    const select = el<HTMLSelectElement>('method');
    select.innerHTML = METHOD_CHOICES.map((m) => `<option value="${m.value}" title="${escapeHtml(m.recipe)}">${escapeHtml(m.label)}</option>`).join('');
    el<HTMLInputElement>('csv-file').addEventListener('change', async (ev) => {
      const f = (ev.target as HTMLInputElement).files?.[0];
      if (f) this.load({ name: f.name, text: await f.text() });
    });
    const drop = el('drop');
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', async (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files?.[0];
      if (f) this.load({ name: f.name, text: await f.text() });
    });
    // The chooser keeps showing the last file chosen; clear it when the data come from elsewhere.
    const clearChooser = (): void => void (el<HTMLInputElement>('csv-file').value = '');
    el('csv-paste-use').addEventListener('click', () => {
      clearChooser();
      this.load({ name: '<pasted>', text: el<HTMLTextAreaElement>('csv-text').value });
    });
    document.querySelectorAll<HTMLButtonElement>('[data-example]').forEach((b) =>
      b.addEventListener('click', () => {
        const s = el(`example-${b.dataset.example}`);
        clearChooser();
        this.load({ name: s.dataset.name ?? 'example.csv', text: s.textContent ?? '' });
      }),
    );
    el('fit-run').addEventListener('click', () => this.fit());
    el('boot-run').addEventListener('click', () => void this.bootstrap());
    el('boot-cancel').addEventListener('click', () => this.pool.cancel());
    el('download-json').addEventListener('click', () => this.state && download(`${this.baseName()}-fit.json`, this.state.json, 'application/json'));
    el('download-report').addEventListener('click', () => {
      const s = this.state;
      if (!s) return;
      download(`${this.baseName()}-report.html`, reportHtml(s.run.input, s.report, s.run.comp!, this.plotlySource()), 'text/html');
    });
    el('method').addEventListener('change', () => this.showPinAvailability());
    for (const id of [
      'where',
      'drop-highest',
      'min-compute',
      'max-compute',
      'n-scale',
      'd-scale',
      'method',
      'target',
      ...PARAMETER_NAMES.map((p) => `fix-${p}`),
    ]) {
      el(id).addEventListener('change', () => this.loaded && this.fit());
    }
    this.showPinAvailability();
  }

  /** Pin fields are enabled for the methods `fit --fix` accepts; otherwise disabled, with the CLI's reason. */
  private showPinAvailability(): void {
    const refusal = fixRefusal(methodSpec(el<HTMLSelectElement>('method').value).method);
    for (const p of PARAMETER_NAMES) el<HTMLInputElement>(`fix-${p}`).disabled = refusal !== null;
    el('fix-note').textContent = refusal === null ? '' : `Not for this method: ${refusal}.`;
    show('fix-note', refusal !== null);
  }

  /**
   * The pins of the filled fields, read and checked by the CLI's own `--fix`
   * code (same words); none for Approach 2 and the grid, whose fields are disabled.
   */
  private pins(method: MethodSpec['method']): PinnedParameters | undefined {
    if (fixRefusal(method) !== null) return undefined;
    const items = PARAMETER_NAMES.filter((p) => value(`fix-${p}`) !== '').map((p) => `${p}=${value(`fix-${p}`)}`);
    return pinnedSpec(items.length > 0 ? items : undefined, method);
  }

  private baseName(): string {
    return (this.loaded?.name ?? 'data').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'data';
  }

  /** Reads a CSV (a file, the pasted text or an example), shows its columns and fits it. */
  load(file: Loaded): void {
    this.loaded = file;
    el('data-source').textContent = `${file.name}: ${file.text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1} data rows`;
    this.table = null;
    el('columns').innerHTML = '';
    this.fit();
  }

  private columnOverrides(): ColumnOverrides {
    const o: Partial<Record<ColumnRole, string>> = {};
    document.querySelectorAll<HTMLSelectElement>('select[data-role]').forEach((s) => {
      if (s.value !== '') o[s.dataset.role as ColumnRole] = s.value;
    });
    return o;
  }

  private settings(overrides: ColumnOverrides): FitRunSettings {
    const where: RowFilter[] = value('where')
      .split(';')
      .map((w) => w.trim())
      .filter((w) => w !== '')
      .map((w) => {
        const eq = w.indexOf('=');
        if (eq <= 0 || w.slice(0, eq).trim() === '') throw new FormError(`Rows where expects COLUMN=VALUE, got "${w}"`);
        return { column: w.slice(0, eq).trim(), value: w.slice(eq + 1) };
      });
    const positive = (x: number): boolean => x > 0;
    const minCompute = numberField('min-compute', 'Min compute', (x) => x >= 0, '≥ 0');
    const maxCompute = numberField('max-compute', 'Max compute', positive, 'positive');
    if (minCompute !== undefined && maxCompute !== undefined && !(minCompute < maxCompute)) throw new FormError('Min compute must be below Max compute');
    const spec = methodSpec(el<HTMLSelectElement>('method').value);
    const fix = this.pins(spec.method);
    return {
      columns: overrides,
      where,
      minCompute,
      maxCompute,
      dropHighestLoss: numberField('drop-highest', 'Drop highest-loss rows', (x) => Number.isInteger(x) && x >= 0, 'a non-negative integer'),
      scales: { n: numberField('n-scale', 'N scale', positive, 'positive') ?? 1, d: numberField('d-scale', 'D scale', positive, 'positive') ?? 1 },
      spec: fix !== undefined ? { ...spec, fix } : spec,
      targetCompute: numberField('target', 'Target compute', positive, 'positive (FLOPs)') ?? null,
    };
  }

  /** Column pickers: the detected column of each role preselected, any header name selectable. */
  private showColumns(table: CsvTable, overrides: ColumnOverrides): void {
    let detected: Partial<Record<ColumnRole, string | null>> = {};
    try {
      const map = resolveColumns(table, overrides);
      detected = Object.fromEntries(COLUMN_ROLES.map((r) => [r, map[r]?.name ?? null]));
    } catch {
      detected = Object.fromEntries(COLUMN_ROLES.map((r) => [r, overrides[r] ?? null]));
    }
    const rows = COLUMN_ROLES.map((role) => {
      const current = overrides[role] ?? '';
      const opts = [
        `<option value="">${detected[role] ? `auto: ${escapeHtml(detected[role]!)}` : 'auto: none'}</option>`,
        ...table.header.map((h) => `<option${h === current ? ' selected' : ''}>${escapeHtml(h)}</option>`),
      ];
      return `<tr><td>${role}</td><td data-detected="${role}">${escapeHtml(detected[role] ?? '—')}</td><td><select data-role="${role}">${opts.join('')}</select></td><td class="note">${COLUMN_ALIASES[role].join(', ')}</td></tr>`;
    });
    el('columns').innerHTML = `<tr><th>role</th><th>column used</th><th>choose</th><th>names found automatically</th></tr>${rows.join('')}`;
    document.querySelectorAll<HTMLSelectElement>('select[data-role]').forEach((s) => s.addEventListener('change', () => this.fit()));
  }

  /** Parses, filters and fits; shows the numbers or the error. */
  fit(): void {
    const file = this.loaded;
    if (!file) return;
    const t0 = performance.now();
    const overrides = this.table ? this.columnOverrides() : {};
    try {
      const table = parseCsv(file.text, file.name);
      this.table = table;
      this.showColumns(table, overrides);
      const settings = this.settings(overrides);
      const data = buildIsoflopData(table, {
        columns: settings.columns,
        where: settings.where,
        ...(settings.dropHighestLoss !== undefined ? { dropHighestLoss: settings.dropHighestLoss } : {}),
        ...(settings.minCompute !== undefined ? { minCompute: settings.minCompute } : {}),
        ...(settings.maxCompute !== undefined ? { maxCompute: settings.maxCompute } : {}),
      });
      let run: FitRun;
      try {
        run = fitRun(prepareRun(data, settings), settings, true);
      } catch (err) {
        throw locatedInFile(err, data.source);
      }
      const computeMs = performance.now() - t0;
      this.setState(run, data, settings, null);
      showError('fit-error', null);
      this.hooks.onFit(this.state!, performance.now() - t0, computeMs);
    } catch (err) {
      this.state = null;
      show('fit-results', false);
      showError('fit-error', err instanceof Error ? err.message : String(err));
      document.body.dataset.fitError = '1';
    }
  }

  private setState(run: FitRun, data: IsoflopData, settings: FitRunSettings, bootstrap: BootstrapSummary | null): void {
    const report = runReport(data, settings, run, bootstrap);
    const surface = run.outcome.surface ?? run.comp?.surface ?? null;
    this.state = { run, report, data, settings, surface, json: formatJson(report) };
    delete document.body.dataset.fitError;
    this.render();
  }

  private render(): void {
    const s = this.state!;
    const rec = jsonRecord(s.report) as unknown as FitRecordView;
    const boot = rec.bootstrap;
    const iv = (k: string, t?: string): string => {
      const x = t ? boot?.intervals.target[t] : (boot?.intervals[k] as Interval | undefined);
      return x ? `[${shown(x[0])}, ${shown(x[1])}]` : '';
    };
    const numCell = (key: string, x: number | null): Cell => ({ text: shown(x), value: x, key, cls: 'n' });
    const rows: Cell[][] = [];
    const unitsNote = s.settings.scales.n !== 1 || s.settings.scales.d !== 1 ? ' (scaled units)' : '';
    // Pinned quantities (and a, b when both exponents are) say "pinned" where an interval would be, as the CLI's summary does.
    const pinned: readonly string[] = pinnedQuantities(s.report.outcome);
    const third = (k: string): Cell => (pinned.includes(k) ? { text: 'pinned', cls: 'pinned' } : iv(k));
    for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const)
      rows.push([`${k}${k === 'A' || k === 'B' || k === 'E' ? unitsNote : ''}`, numCell(k, rec[k] as number | null), third(k)]);
    for (const k of ['a', 'b', 'a0', 'b0', 'rss'] as const) rows.push([k === 'rss' ? 'RSS' : k, numCell(k, rec[k] as number | null), third(k)]);
    rows.push(['status', { text: String(rec.status), key: 'status', value: rec.status }, String(rec.message)]);
    rows.push(['iterations', numCell('iterations', rec.iterations), '']);
    const t = rec.target;
    rows.push(['target C (FLOPs)', numCell('target.compute', t.compute), s.report.data.targetRule]);
    rows.push(['N* (parameters)', numCell('target.N', t.N), iv('', 'N')]);
    rows.push(['D* (tokens)', numCell('target.D', t.D), iv('', 'D')]);
    rows.push(['D*/N*', numCell('target.D_over_N', t.D_over_N), iv('', 'D_over_N')]);
    rows.push(['L_opt', numCell('target.loss', t.loss), iv('', 'loss')]);
    renderTable('fit-table', ['quantity', 'value', boot ? `${Math.round(100 * boot.level)}% interval` : ''], rows);
    const pins = s.report.outcome.surfaceFit?.pinned;
    el('fit-pinned').textContent =
      pins === undefined ? '' : `Pinned (--fix): ${describePinned(pins)}, held fixed in the fit${boot ? ' and in every bootstrap replicate' : ''}.`;
    show('fit-pinned', pins !== undefined);
    const bias = rec.approach2_bias;
    const pinnedExponents = (['alpha', 'beta'] as const).filter((k) => pins?.[k] !== undefined).map((k) => (k === 'alpha' ? 'α' : 'β'));
    const callout = el('bias-callout');
    if (bias) {
      callout.hidden = false;
      callout.innerHTML = '';
      callout.append(
        `Approach 2 on this grid (±${Math.pow(10, bias.W).toPrecision(3)}×, ${bias.n} points per curve, centred, no noise) would misplace N* by `,
        Object.assign(document.createElement('b'), { textContent: `${shown(100 * bias.N_error)}%` }),
        ' and D* by ',
        Object.assign(document.createElement('b'), { textContent: `${shown(100 * bias.D_error)}%` }),
        ` at every budget (closed form, α and β from ${bias.exponents_from}${pinnedExponents.length > 0 ? `, ${pinnedExponents.join(' and ')} pinned` : ''}).`,
      );
      callout.querySelectorAll('b')[0]!.setAttribute('data-key', 'approach2_bias.N_error_pct');
      callout.querySelectorAll('b')[1]!.setAttribute('data-key', 'approach2_bias.D_error_pct');
    } else callout.hidden = true;
    el('fit-warnings').innerHTML = '';
    for (const w of rec.warnings) el('fit-warnings').append(Object.assign(document.createElement('li'), { textContent: `warning: ${w}` }));
    el('fit-summary').textContent = formatSummary(s.report);
    show('fit-results', true);
    this.drawFigures();
  }

  private drawFigures(): void {
    const s = this.state!;
    const Plotly = (window as unknown as { Plotly?: PlotlyLike }).Plotly;
    const host = el('fit-figures');
    host.querySelectorAll<HTMLElement>('.figure').forEach((f) => Plotly?.purge(f));
    host.innerHTML = '';
    if (!Plotly) {
      host.textContent = 'plotly.js did not load; the numbers above are complete.';
      return;
    }
    const figures = reportFigures(s.run.input, s.report, s.run.comp!);
    const draws = figures.map((f) => {
      const h = document.createElement('h3');
      h.textContent = f.title;
      const div = document.createElement('div');
      div.className = 'figure';
      div.id = f.id;
      const cap = document.createElement('p');
      cap.className = 'caption';
      cap.textContent = f.caption;
      host.append(h, div, cap);
      return Plotly.newPlot(div, f.figure.data as unknown[], f.figure.layout, { ...OFFLINE_PLOTLY_CONFIG });
    });
    void Promise.all(draws).then(() => {
      document.body.dataset.figuresDrawn = String(figures.length);
    });
  }

  /** Bootstrap intervals: indices drawn here from one Rng(seed), replicates fitted in the workers. */
  async bootstrap(): Promise<void> {
    const s = this.state;
    if (!s || this.bootstrapping) return;
    let replicates: number;
    let seed: number;
    let level: number;
    try {
      replicates = numberField('boot-n', 'Replicates', (x) => Number.isInteger(x) && x >= 2 && x <= 100_000, 'an integer from 2 to 100000') ?? 200;
      seed = numberField('boot-seed', 'Seed', (x) => Number.isSafeInteger(x) && x >= 0, 'a non-negative integer') ?? 1;
      level = numberField('boot-level', 'Level', (x) => x > 0 && x < 1, 'between 0 and 1 (e.g. 0.95)') ?? 0.95;
    } catch (err) {
      el('boot-status').textContent = (err as Error).message;
      return;
    }
    const t0 = performance.now();
    this.bootstrapping = true;
    const bar = el<HTMLProgressElement>('boot-progress');
    bar.max = replicates;
    bar.value = 0;
    el<HTMLButtonElement>('boot-run').disabled = true;
    el<HTMLButtonElement>('boot-cancel').disabled = false;
    el('boot-status').textContent = `0 / ${replicates}`;
    document.body.dataset.bootstrap = 'running';
    const { run } = s;
    try {
      const { scheme, reason, indices } = drawReplicates(run.input, replicates, seed);
      // Small chunks keep the progress bar moving; chunking does not change the numbers.
      const size = Math.max(1, Math.min(25, Math.ceil(replicates / (4 * this.pool.size))));
      const chunks: BootstrapChunk[] = [];
      for (let k = 0; k < replicates; k += size) {
        chunks.push({
          input: run.input,
          spec: s.settings.spec,
          scales: s.settings.scales,
          targetCompute: run.targetCompute,
          groupingNote: run.groupingNote,
          replicates: indices.slice(k, k + size),
        });
      }
      let done = 0;
      const outcomes = await this.pool.runChunks(chunks, (n) => {
        done += n;
        bar.value = done;
        el('boot-status').textContent = `${done} / ${replicates}`;
      });
      const summary = summariseReplicates(outcomes, { replicates, seed, level, scheme, reason });
      this.setState(run, s.data, s.settings, summary);
      const ms = performance.now() - t0;
      el('boot-status').textContent = `${summary.succeeded} of ${replicates} replicates fitted in ${(ms / 1000).toFixed(1)} s (${summary.scheme})`;
      document.body.dataset.bootstrap = 'done';
      this.hooks.onBootstrap(ms, replicates);
      this.hooks.onFit(this.state!, 0, 0);
    } catch (err) {
      if (err instanceof Cancelled) {
        el('boot-status').textContent = 'cancelled';
        document.body.dataset.bootstrap = 'cancelled';
      } else {
        el('boot-status').textContent = `error: ${err instanceof Error ? err.message : String(err)}`;
        document.body.dataset.bootstrap = 'error';
      }
    } finally {
      this.bootstrapping = false;
      el<HTMLButtonElement>('boot-run').disabled = false;
      el<HTMLButtonElement>('boot-cancel').disabled = true;
    }
  }
}
