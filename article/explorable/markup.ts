/**
 * Static markup of the explorable, written into the page at build time; the
 * bundle (main.ts) wires it up. Every control is a native, labelled,
 * keyboard-operable input with its value shown beside it.
 */
import { escapeHtml } from '../../src/plot/html.ts';
import { FIGURE_SCENARIOS } from './scenarios.ts';
import { LIMITS, PRESETS, PRESET_LABELS } from './state.ts';

interface Slider {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number | 'any';
  ticks?: ReadonlyArray<{ value: number; label: string }>;
  hint: string;
}

const log2 = (x: number): number => Math.log10(x);

export const SLIDERS: readonly Slider[] = [
  { id: 'alpha', label: 'α (exponent of N)', ...LIMITS.exponent, hint: 'exponent of the parameter term' },
  { id: 'beta', label: 'β (exponent of D)', ...LIMITS.exponent, hint: 'exponent of the data term' },
  {
    id: 'k',
    label: 'Grid ±k×',
    min: LIMITS.log10k.min,
    max: LIMITS.log10k.max,
    step: 0.005,
    ticks: [
      { value: log2(2), label: 'XS' },
      { value: log2(4), label: 'S' },
      { value: log2(8), label: 'L' },
      { value: log2(16), label: 'XL' },
    ],
    hint: 'half-width of the sampling grid, log scale',
  },
  { id: 'n', label: 'Points per curve', min: LIMITS.n.min, max: LIMITS.n.max, step: 1, hint: 'samples on each IsoFLOP curve' },
  {
    id: 'offset',
    label: 'Center offset (× D*)',
    min: LIMITS.log10offset.min,
    max: LIMITS.log10offset.max,
    step: 0.005,
    hint: 'every grid centered at this multiple of D*, log scale; above 1× the grids sample more tokens and smaller models than the optimum, below 1× fewer tokens and larger models',
  },
  {
    id: 'drift',
    label: 'Drift to (× D* at the largest budget)',
    min: LIMITS.log10drift.min,
    max: LIMITS.log10drift.max,
    step: 0.005,
    hint: 'center moves from D* at the smallest budget to this multiple at the largest, log scale; above 1× the larger budgets sample more tokens than the optimum, below 1× fewer',
  },
  {
    id: 'C',
    label: 'Extrapolation budget C (FLOPs)',
    min: LIMITS.log10C.min,
    max: LIMITS.log10C.max,
    step: 0.01,
    hint: 'budget at which the fitted laws are compared, log scale',
  },
  { id: 'sigma', label: 'Loss noise σ (nats)', min: LIMITS.sigma.min, max: LIMITS.sigma.max, step: 0.001, hint: 'Gaussian noise on every loss, fixed seed' },
];

function slider(s: Slider): string {
  const list = s.ticks ? ` list="ex-ticks-${s.id}"` : '';
  const ticks = s.ticks
    ? `<datalist id="ex-ticks-${s.id}">${s.ticks.map((t) => `<option value="${t.value}" label="${t.label}"></option>`).join('')}</datalist><span class="ex-ticks" aria-hidden="true">${s.ticks
        .map((t) => `<span style="left:${(((t.value - s.min) / (s.max - s.min)) * 100).toFixed(2)}%">${t.label}</span>`)
        .join('')}</span>`
    : '';
  return `<div class="ex-control"><label for="ex-${s.id}">${escapeHtml(s.label)}</label><div class="ex-slider"><input type="range" id="ex-${s.id}" data-control="${s.id}" min="${s.min}" max="${s.max}" step="${s.step}"${list} aria-describedby="ex-${s.id}-hint">${ticks}</div><output id="ex-${s.id}-value" for="ex-${s.id}" data-value="${s.id}"></output><span class="sr-only" id="ex-${s.id}-hint">${escapeHtml(s.hint)}</span></div>`;
}

/**
 * "Load scenario" buttons. The figure number is a placeholder that the
 * render step fills with the figure's number in the page.
 */
function scenarioButtons(): string {
  const buttons = FIGURE_SCENARIOS.map(
    (sc, i) =>
      `<button type="button" data-action="scenario" data-scenario="${i}"><span class="figref" data-ref="${sc.figure}"></span>: ${escapeHtml(sc.label)}</button>`,
  ).join('');
  return `<div class="ex-scenarios" role="group" aria-label="Load the setting of a figure"><span class="ex-scenarios-label">Load a figure's setting:</span>${buttons}</div>`;
}

/** Placeholder of a figure number inside the explorable markup. */
export const FIGREF_PATTERN = /<span class="figref" data-ref="([^"]+)"><\/span>/g;

function readoutRow(label: string, key: string, cols: readonly string[]): string {
  return `<tr><th scope="row">${label}</th>${cols.map((c) => `<td data-out="${c}.${key}">–</td>`).join('')}</tr>`;
}

/** The widget: controls, two plots with text summaries, the readout table. */
export function explorableMarkup(): string {
  const presets = PRESETS.map((p) => `<option value="${p}">${PRESET_LABELS[p]}</option>`).join('');
  const cols = ['true', 'a2', 'vpnls'];
  return `<!--nodigits--><div class="explorable" id="explorable" data-engine="none" data-state="loading">
<div class="ex-controls" role="group" aria-label="Explorable controls">
<div class="ex-control"><label for="ex-preset">Preset surface</label><select id="ex-preset" data-control="preset">${presets}</select><output data-value="preset"></output></div>
${SLIDERS.map(slider).join('\n')}
<p class="ex-help">Offset and drift move the sampling centers along each IsoFLOP curve. Above 1× a grid is centered on more tokens (and a smaller model) than the optimum, below 1× on fewer tokens (and a larger model). A constant offset moves every budget alike; a drift starts centered at the smallest budget and reaches the chosen multiple at the largest.</p>
${scenarioButtons()}
<div class="ex-buttons"><button type="button" id="ex-resample" data-action="resample">New noise sample</button><button type="button" id="ex-reset" data-action="reset">Reset</button><span class="ex-engine" data-engine-badge>loading</span></div>
</div>
<div class="ex-views">
<div class="ex-view"><div class="ex-plot" id="ex-plot-curves" data-figure="explorable-curves" role="img" aria-label="IsoFLOP curves: loss against tokens per budget with samples, Approach 2 parabolas, sampling centers, true and inferred optima"></div><p class="ex-summary" data-summary="curves" aria-live="polite"></p></div>
<div class="ex-view"><div class="ex-plot" id="ex-plot-law" data-figure="explorable-law" role="img" aria-label="Compute-optimal tokens against compute: true line, Approach 2 and VPNLS fits, fitting range shaded"></div><p class="ex-summary" data-summary="law" aria-live="polite"></p></div>
</div>
<div class="ex-readout" aria-live="polite">
<table class="ex-table"><thead><tr><th scope="col"></th><th scope="col">True</th><th scope="col">Approach 2</th><th scope="col">VPNLS</th></tr></thead><tbody>
${readoutRow('Exponent a of N*', 'a', cols)}
${readoutRow('Exponent b of D*', 'b', cols)}
${readoutRow('Exponent error b̂/b − 1', 'bErr', cols)}
${readoutRow('Intercept error of the D* law', 'iErr', cols)}
${readoutRow('D* at C', 'D', cols)}
${readoutRow('D* error at C', 'dErr', cols)}
${readoutRow('Deadweight compute at C (DCL)', 'dcl', cols)}
${readoutRow('N* at C', 'N', cols)}
${readoutRow('N* error at C', 'nErr', cols)}
</tbody></table>
<p class="ex-predicted">Closed-form Approach 2 D* error: centered grid <span data-out="pred.centered">–</span>; with the current constant offset <span data-out="pred.offset">–</span> (drift not included).</p>
<p class="ex-message" data-out="message" role="status"></p>
<p class="ex-timing">Engine <span data-out="engine">–</span>; last recompute <span data-out="time">–</span>.</p>
</div>
</div><!--/nodigits-->`;
}
