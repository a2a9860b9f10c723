/**
 * The page's HTML: the two tabs and their controls, the stylesheet, and the
 * inlined assets (the WebAssembly core as base64, plotly.js, the example
 * CSVs, the worker bundle and the page bundle) under the article's
 * Content-Security-Policy plus `worker-src blob:` for the Web Workers.
 */
import { escapeHtml, scriptSafe } from '../src/plot/html.ts';
import type { ParameterName } from '../src/fit/result.ts';
import { SURFACES } from '../src/surface/named-surfaces.ts';
import {
  DEFAULT_PLAN_BUDGETS,
  DEFAULT_PLAN_NOISE,
  DEFAULT_PLAN_POINTS,
  DEFAULT_PLAN_REPLICATES,
  DEFAULT_PLAN_SEED,
  DEFAULT_PLAN_SURFACE,
  DEFAULT_PLAN_TARGET,
  DEFAULT_PLAN_TOLERANCE,
  DEFAULT_PLAN_WIDTH_FACTOR,
  DEFAULT_TABLE_POINTS,
  DEFAULT_TABLE_REPLICATES,
  DEFAULT_TABLE_WIDTHS,
  DEFAULT_PLAN_LEVEL,
} from '../src/plan/options.ts';

/**
 * The article's policy (inline scripts and styles, `wasm-unsafe-eval` for the
 * core, `unsafe-eval` for plotly.js, every network directive closed) with
 * `worker-src blob:` so the bootstrap and the planner run in Web Workers
 * started from the embedded worker bundle. Downloads are blob: links.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'unsafe-inline'",
  'font-src data:',
  'img-src data: blob:',
  "connect-src 'none'",
  'worker-src blob:',
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface AppAssets {
  readonly wasmBase64: string;
  readonly plotlyJs: string;
  readonly workerJs: string;
  readonly appJs: string;
  /** Example CSVs offered on the page: [file name, text]; the first one is loaded at start. */
  readonly examples: ReadonlyArray<readonly [string, string]>;
  /** Build line: version and date. */
  readonly byline: string;
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:Inter,"Helvetica Neue",Arial,sans-serif;color:#222;margin:0;background:#f6f6f4;font-size:15px;line-height:1.45}
header,main{max-width:1100px;margin:0 auto;padding:0 16px}
header h1{font-size:22px;margin:18px 0 2px}header p{margin:2px 0;color:#555;font-size:14px}
nav.tabs{display:flex;gap:4px;margin:14px 0 0;border-bottom:2px solid #ccc}
nav.tabs button{font:inherit;padding:8px 16px;border:1px solid #ccc;border-bottom:none;background:#eee;cursor:pointer;border-radius:6px 6px 0 0}
nav.tabs button[aria-selected="true"]{background:#fff;font-weight:600}
section.tab{background:#fff;padding:14px 16px 30px;border:1px solid #ddd;border-top:none}
section.tab[hidden]{display:none}
fieldset{border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:8px 12px;min-width:0}
legend{font-weight:600;font-size:14px}
label{display:inline-flex;flex-direction:column;font-size:13px;margin:4px 12px 4px 0;color:#444;max-width:100%}
input[type=text],input[type=number],select,textarea{font:inherit;font-size:14px;padding:4px 6px;border:1px solid #bbb;border-radius:4px;max-width:100%}
input.num{width:8.5em}
textarea{width:100%;min-height:6em;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
button{font:inherit;font-size:14px;padding:5px 12px;border:1px solid #888;border-radius:4px;background:#f2f2f2;cursor:pointer;margin:2px 6px 2px 0}
button.primary{background:#0b6aa2;color:#fff;border-color:#0b6aa2}
button:disabled{opacity:.5;cursor:default}
.drop{border:2px dashed #aaa;border-radius:8px;padding:12px;text-align:center;color:#555;margin:6px 0}
.drop.over{border-color:#0b6aa2;background:#eef6fb}
.error{background:#fdecea;border-left:4px solid #c62828;padding:8px 12px;margin:8px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.note{color:#555;font-size:13px}
.callout{background:#fff7e6;border-left:4px solid #E69F00;padding:8px 12px;margin:8px 0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:13.5px;margin:6px 0}
th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:left;white-space:nowrap}
td.n{font-family:ui-monospace,Menlo,Consolas,monospace;text-align:right}
tr.best td{background:#e8f5e9;font-weight:600}
.figure{width:100%;min-height:380px}
.caption{color:#555;font-size:13px;margin:2px 0 14px}
progress{width:14em;max-width:100%;vertical-align:middle}
.row{display:flex;flex-wrap:wrap;align-items:flex-end}
pre{background:#f4f4f4;padding:10px 12px;overflow-x:auto;font-size:12px;max-width:100%}
.engine{font-size:12px;color:#777}
@media (max-width:600px){header h1{font-size:19px}section.tab{padding:10px 8px 24px}nav.tabs button{padding:6px 10px}}
`;

/** A default value as a person types it: FLOP-sized numbers as 1e17, not 100000000000000000. */
const typed = (x: string | number): string => (typeof x === 'number' && Math.abs(x) >= 1e6 ? x.toExponential().replace('e+', 'e') : String(x));

const num = (id: string, label: string, value: string | number, extra = ''): string =>
  `<label>${label}<input type="text" inputmode="decimal" class="num" id="${id}" value="${escapeHtml(typed(value))}"${extra}></label>`;

/** The pin fields of the Fit tab: `fix-NAME` for each surface parameter, labelled as the table labels it. */
const PIN_FIELDS: ReadonlyArray<readonly [ParameterName, string]> = [
  ['E', 'E'],
  ['A', 'A'],
  ['B', 'B'],
  ['alpha', 'α (alpha)'],
  ['beta', 'β (beta)'],
];

function fitTab(examples: AppAssets['examples']): string {
  const exampleButtons = examples.map(([name], i) => `<button type="button" data-example="${i}">${escapeHtml(name)}</button>`).join('');
  return `<section class="tab" id="tab-fit" role="tabpanel" aria-labelledby="tabbtn-fit">
<p>Fit the loss surface L(N, D) = E + A/N<sup>α</sup> + B/D<sup>β</sup> to your IsoFLOP runs and read off the compute-optimal N* and D* at the budget you plan. The numbers are those of <code>scaling-fit FILE --json</code>: the page runs the same code, on the same WebAssembly core, in your browser; nothing leaves it.</p>
<fieldset><legend>Data</legend>
<div class="drop" id="drop">Drop a CSV file here, or <label style="display:inline">choose one <input type="file" id="csv-file" accept=".csv,text/csv,text/plain"></label></div>
<div>Examples: ${exampleButtons}</div>
<details id="paste-box"><summary>Paste CSV</summary><textarea id="csv-text" spellcheck="false" placeholder="params,tokens,loss&#10;..."></textarea><button type="button" id="csv-paste-use">Use pasted CSV</button></details>
<p class="note" id="data-source"></p>
<div class="scroll"><table id="columns"></table></div>
<div class="row">
<label>Rows where (COL=VALUE; …)<input type="text" id="where" value="" placeholder="condition=raw_loss"></label>
${num('drop-highest', 'Drop highest-loss rows', '')}
${num('min-compute', 'Min compute C', '')}
${num('max-compute', 'Max compute C (strict)', '')}
${num('n-scale', 'N scale', '1')}
${num('d-scale', 'D scale', '1')}
</div>
</fieldset>
<fieldset><legend>Fit</legend>
<div class="row">
<label>Method<select id="method"></select></label>
${num('target', 'Target compute (FLOPs; empty: largest budget × 1000)', '')}
<button type="button" class="primary" id="fit-run">Fit</button>
</div>
<div class="row" id="fix-row"><span class="note" style="flex-basis:100%">Pin parameters (optional, as <code>--fix NAME=VALUE</code>): each filled one is held at its value and the others are fitted; A and B in the units the fit sees.</span>
${PIN_FIELDS.map(([name, label]) => num(`fix-${name}`, label, '', ' placeholder="free"')).join('')}
</div>
<p class="note" id="fix-note" hidden></p>
</fieldset>
<div id="fit-error" class="error" hidden></div>
<div id="fit-results" hidden>
<p class="note" id="fit-pinned" hidden></p>
<p class="callout" id="bias-callout"></p>
<div class="scroll"><table id="fit-table"></table></div>
<ul id="fit-warnings" class="note"></ul>
<fieldset><legend>Bootstrap intervals</legend>
<div class="row">
${num('boot-n', 'Replicates', '200')}
${num('boot-seed', 'Seed', '1')}
${num('boot-level', 'Level', '0.95')}
<button type="button" id="boot-run">Run bootstrap</button>
<button type="button" id="boot-cancel" disabled>Cancel</button>
<progress id="boot-progress" max="1" value="0"></progress>
<span id="boot-status" class="note"></span>
</div>
</fieldset>
<div><button type="button" id="download-json">Download JSON (fit --json)</button><button type="button" id="download-report">Download HTML report (fit --report)</button></div>
<div id="fit-figures"></div>
<details><summary>Summary as the command line prints it</summary><pre id="fit-summary"></pre></details>
</div>
</section>`;
}

function planTab(): string {
  const presets = Object.keys(SURFACES)
    .map((k) => `<option value="${k}"${k === DEFAULT_PLAN_SURFACE ? ' selected' : ''}>${k}</option>`)
    .join('');
  const s = SURFACES[DEFAULT_PLAN_SURFACE];
  return `<section class="tab" id="tab-plan" role="tabpanel" aria-labelledby="tabbtn-plan" hidden>
<p>Plan a sweep before spending the compute: for the budgets, runs per curve, grid width and centring you intend, and the loss surface you expect, how far off will N* and D* at your target be? The same planner as <code>scaling-fit plan</code>; the same seed gives the same numbers.</p>
<fieldset><legend>Sweep design</legend><div class="row">
${num('plan-budget-min', 'Smallest budget (FLOPs)', DEFAULT_PLAN_BUDGETS.min)}
${num('plan-budget-max', 'Largest budget (FLOPs)', DEFAULT_PLAN_BUDGETS.max)}
${num('plan-budget-count', 'Budgets', DEFAULT_PLAN_BUDGETS.count)}
${num('plan-points', 'Runs per curve', DEFAULT_PLAN_POINTS)}
${num('plan-width', 'Grid width ±k×', DEFAULT_PLAN_WIDTH_FACTOR)}
${num('plan-center-scale', 'Centre below N* by ×', 1)}
${num('plan-drift', 'Drift (decades at the largest budget)', 0)}
</div></fieldset>
<fieldset><legend>Assumed world</legend><div class="row">
<label>Surface<select id="plan-surface-kind"><option value="preset" selected>preset</option><option value="custom">five numbers</option><option value="fitted">fitted in the Fit tab</option></select></label>
<label>Preset<select id="plan-preset">${presets}</select></label>
${num('plan-E', 'E', s.E)}${num('plan-A', 'A', s.A)}${num('plan-B', 'B', s.B)}${num('plan-alpha', 'α', s.alpha)}${num('plan-beta', 'β', s.beta)}
${num('plan-noise', 'Loss noise σ (nats)', DEFAULT_PLAN_NOISE)}
${num('plan-target', 'Target compute (FLOPs)', DEFAULT_PLAN_TARGET)}
</div><p class="note" id="plan-surface-note"></p></fieldset>
<fieldset><legend>Monte Carlo and design table</legend><div class="row">
${num('plan-seed', 'Seed', DEFAULT_PLAN_SEED)}
${num('plan-replicates', 'Sweeps', DEFAULT_PLAN_REPLICATES)}
${num('plan-level', 'Interval level', DEFAULT_PLAN_LEVEL)}
${num('plan-table-widths', 'Table widths ±k×', DEFAULT_TABLE_WIDTHS.join(','))}
${num('plan-table-points', 'Table runs per curve', DEFAULT_TABLE_POINTS.join(','))}
${num('plan-table-replicates', 'Sweeps per design', DEFAULT_TABLE_REPLICATES)}
${num('plan-tolerance', 'Tolerance (fraction)', DEFAULT_PLAN_TOLERANCE)}
</div>
<button type="button" class="primary" id="plan-run">Plan</button>
<button type="button" id="plan-cancel" disabled>Cancel</button>
<progress id="plan-progress" max="1" value="0"></progress>
<span id="plan-status" class="note"></span>
</fieldset>
<div id="plan-error" class="error" hidden></div>
<div id="plan-results" hidden>
<div class="scroll"><table id="plan-summary"></table></div>
<h3>Designs</h3>
<p class="note" id="plan-table-note"></p>
<div class="scroll"><table id="plan-table"></table></div>
<p id="plan-cheapest"></p>
<div><button type="button" id="plan-download">Download JSON (plan --json)</button></div>
<details><summary>As the command line prints it</summary><pre id="plan-text"></pre></details>
</div>
</section>`;
}

/** The complete document. */
export function appHtml(a: AppAssets): string {
  const examples = a.examples
    .map(([name, text], i) => `<script type="text/plain" id="example-${i}" data-name="${escapeHtml(name)}">${scriptSafe(text)}</script>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${APP_CSP}">
<title>scaling-fit: fit your IsoFLOP runs, plan a sweep</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Scaling laws in your browser: fit your runs, plan your sweep</h1>
<p>${escapeHtml(a.byline)} · works offline from this one file · <span class="engine" id="engine"></span></p>
<nav class="tabs" role="tablist"><button type="button" role="tab" id="tabbtn-fit" aria-controls="tab-fit" aria-selected="true">Fit your data</button><button type="button" role="tab" id="tabbtn-plan" aria-controls="tab-plan" aria-selected="false">Plan a sweep</button></nav>
</header>
<main>
${fitTab(a.examples)}
${planTab()}
</main>
<script type="application/octet-stream" id="core-wasm">${a.wasmBase64}</script>
${examples}
<script type="text/plain" id="worker-js">${scriptSafe(a.workerJs)}</script>
<script id="plotly-js">${scriptSafe(a.plotlyJs)}</script>
<script>${scriptSafe(a.appJs)}</script>
</body>
</html>
`;
}
