import { describe, expect, it } from 'vitest';
import { americanize, declutter, signedPct, symlog, symlogAxis, thinTicks } from '../../../article/declarations/figures/figure-helpers.ts';
import { panelCells, phoneLayout, wrapText } from '../../../article/engine/phone-layout.ts';
import { panelGrid } from '../../../src/plot/figure.ts';

const panel = (title: string, y = 'Loss (nats)') => ({ title, x: { title: 'log₁₀ D' }, y: { title: y }, traces: [{ type: 'scatter', x: [1, 2], y: [1, 2] }] });

describe('phone layout of multi-panel figures', () => {
  const fig = panelGrid({ rows: 2, cols: 2, panels: [panel('A'), panel('B'), panel('C'), panel('D')] });
  const phone = phoneLayout(fig)!;

  it('stacks every panel full width in one column, top row first, without overlap', () => {
    const cells = panelCells({ ...fig.layout, ...phone });
    expect(cells.map((c) => c.x)).toEqual(cells.map(() => [0, 1]));
    for (let i = 1; i < cells.length; i++) expect(cells[i].y[1]).toBeLessThan(cells[i - 1].y[0]);
    expect(Number(phone.height)).toBeGreaterThan(Number(fig.layout.height));
  });

  it('moves each panel title with its panel', () => {
    const cells = panelCells({ ...fig.layout, ...phone });
    const titles = (phone.annotations as Array<{ text: string; x: number; y: number }>).filter((a) => /<b>[A-D]<\/b>/.test(a.text));
    expect(titles.map((t) => t.text)).toEqual(['<b>A</b>', '<b>B</b>', '<b>C</b>', '<b>D</b>']);
    titles.forEach((t, i) => {
      expect(t.x).toBeCloseTo(0.5, 9);
      expect(t.y).toBeCloseTo(cells[i].y[1], 9);
    });
  });

  it('gives a stacked panel the axis title its row or column carries on desktop', () => {
    const d = declutter(fig);
    const p = phoneLayout(d)!;
    const cells = panelCells({ ...d.layout, ...p });
    for (const c of cells) {
      expect((p[c.xKey] as { title?: { text: string } }).title?.text).toBe('log₁₀ D');
      expect((p[c.yKey] as { title?: { text: string } }).title?.text).toBe('Loss (nats)');
    }
  });

  it('leaves single-panel figures alone', () => {
    expect(phoneLayout(panelGrid({ rows: 1, cols: 1, panels: [panel('A')] }))).toBeNull();
  });

  it('wraps long titles at spaces and keeps bold markup on each line', () => {
    expect(wrapText('<b>Deadweight compute loss at the Llama 3 405B budget</b>', 32)).toBe(
      '<b>Deadweight compute loss at the</b><br><b>Llama 3 405B budget</b>',
    );
    expect(wrapText('short', 32)).toBe('short');
  });
});

describe('figure clean-up for the page', () => {
  it('keeps differing y titles of a row unless a row title replaces them', () => {
    const fig = panelGrid({ rows: 1, cols: 2, panels: [panel('E', '|E error| (%)'), panel('A', '|A error| (%)')] });
    const kept = declutter(fig).layout as Record<string, { title?: { text?: string } }>;
    expect([kept.yaxis.title?.text, kept.yaxis2.title?.text]).toEqual(['|E error| (%)', '|A error| (%)']);
    const row = declutter(fig, { rowTitle: '|relative error| (%)' }).layout as Record<string, { title?: { text?: string } }>;
    expect([row.yaxis.title?.text, row.yaxis2.title]).toEqual(['|relative error| (%)', undefined]);
  });

  it('drops tick labels that would crowd their neighbour', () => {
    const fig = { data: [], layout: { xaxis: { tickvals: [0.301, 0.505, 1, 1.5, 2], ticktext: ['±2×', '±3.2×', '±10×', '±32×', '±100×'] } } };
    expect((thinTicks(fig).layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['±2×', '±10×', '±32×', '±100×']);
  });

  it('writes American spelling in reused figures', () => {
    const fig = americanize({ data: [{ name: 'sampling centre' }], layout: { title: { text: 'centred sampling, optimiser' } } });
    expect(fig.data[0].name).toBe('sampling center');
    expect((fig.layout.title as { text: string }).text).toBe('centered sampling, optimizer');
  });

  it('labels bars without a negative zero', () => {
    expect(signedPct(-1e-12)).toBe('0%');
    expect(signedPct(-0.327)).toBe('\u22120.3%');
    expect(signedPct(2.61, 2)).toBe('+2.61%');
  });

  it('maps signed values to a symmetric-log axis that keeps their order and sign', () => {
    const xs = [-20, -0.5, -0.01, 0, 0.004, 0.01, 3];
    const ys = xs.map((x) => symlog(x, 0.01));
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThan(ys[i - 1]);
    expect(symlog(-3, 0.01)).toBe(-symlog(3, 0.01));
    const axis = symlogAxis(20, 0.01, '%') as { ticktext: string[] };
    expect(axis.ticktext).toContain('0');
    expect(axis.ticktext).toContain('\u221210%');
  });
});
