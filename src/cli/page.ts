/**
 * The self-contained HTML page of every report (fit, envelope, compare):
 * plotly.js inlined once, so it opens offline; title, a meta line, an
 * optional callout, the summary in <pre>, one section per figure. Sets
 * `data-figures-drawn` on <body> when every figure is drawn
 * (`data-figures-error` if plotly.js failed; specs/cli.md "Report").
 * Browser-safe: the web page builds the report it offers for download here.
 */
import { escapeHtml, jsonForScript, scriptSafe } from '../plot/html.ts';
import { OFFLINE_PLOTLY_CONFIG, type PlotlyFigure } from '../plot/plotly.ts';
import { checkBundleCovers } from '../plot/plotly-bundle.ts';

export interface PageFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly figure: PlotlyFigure;
}

const STYLE = `
body{font-family:Inter,"Helvetica Neue",Arial,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;margin:36px 0 6px}
pre{background:#f4f4f4;padding:12px 14px;overflow-x:auto;font-size:12.5px;line-height:1.45}
.figure{width:100%;min-height:420px}.caption{color:#555;font-size:13px;margin:4px 0 0}
.callout{background:#fff7e6;border-left:4px solid #E69F00;padding:8px 12px}
.meta{color:#666;font-size:13px}`;

/** What a report page shows, top to bottom. */
export interface PageContent {
  readonly title: string;
  /** One plain-text line under the title. */
  readonly meta: string;
  /** The highlighted paragraph as HTML (`<p class="callout">…</p>`), or empty. */
  readonly calloutHtml: string;
  readonly summary: string;
  readonly figures: readonly PageFigure[];
}

/**
 * The page of the envelope and compare reports; `callout` is one highlighted
 * sentence of plain text (e.g. the verdict), or empty.
 */
export function figurePage(p: { title: string; meta: string; callout: string; summary: string; figures: readonly PageFigure[] }, plotlySource: string): string {
  const calloutHtml = p.callout === '' ? '' : `<p class="callout">${escapeHtml(p.callout)}</p>`;
  return pageHtml({ title: p.title, meta: p.meta, calloutHtml, summary: p.summary, figures: p.figures }, plotlySource, p.title);
}

/**
 * The one page shell of every report (fit, envelope, compare).
 * `plotlySource` must register every trace type of the figures
 * (PlotlyTraceTypeError naming `what` if not).
 */
export function pageHtml(p: PageContent, plotlySource: string, what: string): string {
  checkBundleCovers(
    p.figures.map((f) => f.figure),
    plotlySource,
    what,
  );
  const sections = p.figures
    .map(
      (f) =>
        `<section><h2 id="${f.id}-title">${escapeHtml(f.title)}</h2><div class="figure" id="${f.id}"></div><p class="caption">${escapeHtml(f.caption)}</p></section>`,
    )
    .join('\n');
  const spec = jsonForScript(p.figures.map((f) => ({ id: f.id, data: f.figure.data, layout: f.figure.layout })));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scaling-fit">
<title>${escapeHtml(p.title)}</title>
<style>${STYLE}</style>
<script>${scriptSafe(plotlySource)}</script>
</head>
<body>
<main>
<h1>${escapeHtml(p.title)}</h1>
<p class="meta">${escapeHtml(p.meta)}</p>
${p.calloutHtml}
<h2 id="summary">Summary</h2>
<pre>${escapeHtml(p.summary)}</pre>
${sections}
</main>
<script>
(function () {
  var figures = ${spec};
  var config = ${JSON.stringify(OFFLINE_PLOTLY_CONFIG)};
  if (typeof Plotly === 'undefined') {
    document.body.setAttribute('data-figures-error', 'plotly.js did not load');
    return;
  }
  Promise.all(figures.map(function (f) { return Plotly.newPlot(f.id, f.data, f.layout, config); }))
    .then(function () { document.body.setAttribute('data-figures-drawn', String(figures.length)); })
    .catch(function (e) { document.body.setAttribute('data-figures-error', String(e)); });
})();
</script>
</body>
</html>
`;
}
