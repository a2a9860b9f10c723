import { describe, expect, it } from 'vitest';
import { PLOT_CONFIG } from '../../../article/declarations/figures/palette.ts';
import { EXPLORABLE_PLOT_CONFIG } from '../../../article/explorable/style.ts';
import { REPORT_PLOTLY_CONFIG } from '../../../src/cli/report.ts';
import { FIGURE_PAGE_CONFIG, figureHtml } from '../../../experiments/harness/output/figure-html.ts';
import { NETWORK_MODEBAR_BUTTONS, OFFLINE_PLOTLY_CONFIG } from '../../../src/plot/plotly.ts';

const pages = {
  article: PLOT_CONFIG,
  explorable: EXPLORABLE_PLOT_CONFIG,
  'experiment figure page': FIGURE_PAGE_CONFIG,
  'fit --report page': REPORT_PLOTLY_CONFIG,
};

describe('Plotly config of every generated page', () => {
  for (const [page, config] of Object.entries(pages)) {
    it(`${page}: no logo link, no cloud or Chart Studio controls`, () => {
      expect(config.displaylogo).toBe(false);
      expect(config.showSendToCloud).toBe(false);
      expect(config.showLink).toBe(false);
      expect(config.showEditInChartStudio).toBe(false);
      for (const b of NETWORK_MODEBAR_BUTTONS) expect(config.modeBarButtonsToRemove).toContain(b);
    });
  }

  it('the experiment figure page embeds the offline config', () => {
    const html = figureHtml('t', { data: [], layout: {} }, 'plotly.min.js');
    const m = /Plotly\.newPlot\(el, fig\.data, fig\.layout, (\{.*\})\);/.exec(html);
    expect(m).not.toBeNull();
    expect(JSON.parse(m![1])).toEqual(JSON.parse(JSON.stringify(OFFLINE_PLOTLY_CONFIG)));
  });
});
