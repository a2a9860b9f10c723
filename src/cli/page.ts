/**
 * A self-contained HTML page of figures (plotly.js inlined once, so it opens
 * offline) for the `envelope` and `compare` reports: title, a summary in
 * <pre>, one section per figure. Sets `data-figures-drawn` on <body> when
 * every figure is drawn (`data-figures-error` if plotly.js failed), like the
 * fit report (specs/cli.md "Report").
 */
import { writeFile } from 'node:fs/promises';
import { escapeHtml, jsonForScript, scriptSafe } from '../plot/html.ts';
import { OFFLINE_PLOTLY_CONFIG, type PlotlyFigure } from '../plot/plotly.ts';
import { checkBundleCovers } from '../plot/plotly-bundle.ts';
import { UsageError, oneLine } from './errors.ts';

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

/**
 * The page; `callout` is one highlighted sentence (e.g. the verdict), or empty.
 * `plotlySource` must register every trace type of the figures (PlotlyTraceTypeError if not).
 */
export function figurePage(p: { title: string; meta: string; callout: string; summary: string; figures: readonly PageFigure[] }, plotlySource: string): string {
  checkBundleCovers(
    p.figures.map((f) => f.figure),
    plotlySource,
    p.title,
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
${p.callout === '' ? '' : `<p class="callout">${escapeHtml(p.callout)}</p>`}
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

/** Writes a report, turning file-system failures into a one-line usage error naming `--report`. */
export async function writeReport(path: string, html: string): Promise<void> {
  try {
    await writeFile(path, html);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : oneLine(err);
    throw new UsageError(`--report ${path}: cannot write the report: ${why}`);
  }
}
