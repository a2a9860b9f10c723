/**
 * The Plotly config every generated page starts from (the article, the
 * experiment figure pages and the `fit --report` page): nothing on the page
 * may reach the network. plotly.js 4 shows a "Share chart…" button that
 * uploads the figure to Plotly's cloud unless `showSendToCloud` is false, and
 * the logo links to plotly.com; older releases also had "Edit in Chart
 * Studio" and an "Edit chart" link, switched off here too so a plotly.js
 * upgrade cannot bring them back. Browser-safe (no Node imports); loading
 * plotly.js itself is in `plotly-asset.ts` (Node).
 */

/** A Plotly trace: `type`, data arrays and style attributes. */
export type Trace = Record<string, unknown>;

/** A figure as Plotly takes it: the traces and the layout, plain JSON. */
export interface PlotlyFigure {
  data: Trace[];
  layout: Record<string, unknown>;
}

/** Mode-bar buttons that open a network connection or a dialog that leads to one. */
export const NETWORK_MODEBAR_BUTTONS = Object.freeze(['sendChartToCloud', 'sendDataToCloud', 'editInChartStudio']);

/** Buttons that only clutter the article's static figures. */
const CLUTTER_BUTTONS = ['select2d', 'lasso2d', 'autoScale2d'];

/** Offline Plotly config; pages spread it and add their own settings. */
export const OFFLINE_PLOTLY_CONFIG = Object.freeze({
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  plotlyServerURL: '',
  responsive: true,
  modeBarButtonsToRemove: Object.freeze([...NETWORK_MODEBAR_BUTTONS, ...CLUTTER_BUTTONS]),
});
