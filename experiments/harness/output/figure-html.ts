import { normalizeJson } from './json.ts';
import { escapeHtml, jsonForScript } from '../../../src/plot/html.ts';
import { OFFLINE_PLOTLY_CONFIG, type PlotlyFigure } from '../../../src/plot/plotly.ts';

/** A Plotly figure object: the `data` traces and the `layout`. */
export type FigureSpec = PlotlyFigure;

/** Plotly config of every experiment figure page: offline (no cloud or logo link), trimmed mode bar, responsive. */
export const FIGURE_PAGE_CONFIG = OFFLINE_PLOTLY_CONFIG;

/**
 * A standalone HTML page for one figure that opens offline: it loads
 * plotly.js from `plotlySrc` (a relative URL to the one shared copy) and
 * inlines the figure JSON. If the script cannot load, the page says so.
 */
export function figureHtml(title: string, figure: FigureSpec, plotlySrc: string): string {
  const spec = jsonForScript(normalizeJson(figure, { undefinedValues: 'omit' }));
  const config = JSON.stringify(FIGURE_PAGE_CONFIG);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script src="${escapeHtml(plotlySrc)}"></script>
<style>html,body{margin:0;padding:0;background:#fff}#figure{width:100vw;height:100vh}</style>
</head>
<body>
<div id="figure"></div>
<script>
(function () {
  var fig = ${spec};
  var el = document.getElementById('figure');
  if (typeof Plotly === 'undefined') {
    el.textContent = 'plotly.js did not load from ${escapeHtml(plotlySrc).replace(/'/g, "\\'")}; the figure data are in the page source and in the matching .json file.';
    return;
  }
  var h = fig.layout && fig.layout.height;
  if (h) el.style.height = h + 'px';
  Plotly.newPlot(el, fig.data, fig.layout, ${config});
})();
</script>
</body>
</html>
`;
}
