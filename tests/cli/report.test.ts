import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plotlyBundlePath, plotlyBundleVersion, plotlyVersion } from '../../src/plot/plotly-asset.ts';
import { EXAMPLE_CSV, HAVE_SHARED_DATA, LLAMA_CSV, runMain } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scaling-fit-report-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface InlineFigure {
  id: string;
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
}

/** The figure specs the page draws (the JSON after `var figures =`). */
function figuresOf(html: string): InlineFigure[] {
  const m = /var figures = (\[.*\]);\n/.exec(html);
  if (!m) throw new Error('no figure data in the report');
  return JSON.parse(m[1]!) as InlineFigure[];
}

describe('fit --report', () => {
  it('writes a self-contained HTML page with the figures and plotly.js inlined once', async () => {
    const path = join(dir, 'example.html');
    const r = await runMain([EXAMPLE_CSV, '--bootstrap', '30', '--jobs', '1', '--report', path]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Report written to ${path}`);
    const html = await readFile(path, 'utf8');
    // The cartesian minified bundle of the same plotly.js version (issue #12: report ≤ 5 MB; it is ≈ 1.6 MB).
    const plotly = await readFile(plotlyBundlePath('cartesian'), 'utf8');
    expect(plotlyBundleVersion('cartesian')).toBe(plotlyVersion());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // plotly.js is inlined exactly once and nothing is loaded from elsewhere.
    const marker = plotly.slice(0, 200);
    expect(html.split(marker)).toHaveLength(2);
    expect((await stat(path)).size).toBeGreaterThan(plotly.length);
    expect((await stat(path)).size).toBeLessThanOrEqual(5_000_000);
    expect((await stat(path)).size).toBeLessThanOrEqual(2_000_000);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href="http/);

    const figs = figuresOf(html);
    expect(figs.map((f) => f.id)).toEqual(['fig-isoflop', 'fig-residuals', 'fig-power-laws', 'fig-bias-groups', 'fig-bias-width', 'fig-bootstrap']);
    for (const f of figs) {
      expect(html).toContain(`<div class="figure" id="${f.id}"></div>`);
      expect(f.data.length, f.id).toBeGreaterThan(0);
    }
    // IsoFLOP curves: 5 groups × (runs + fitted curve) + the optima.
    expect(figs[0]!.data).toHaveLength(11);
    // Power laws: both quantities extrapolated to the target, with the bootstrap band and the target marker.
    const pl = figs[2]!.data;
    const target = pl.filter((t) => String(t.name).endsWith('at the target'));
    expect(target.map((t) => (t.x as number[])[0])).toEqual([1e24, 1e24]);
    expect(target.every((t) => t.error_y !== undefined)).toBe(true);
    expect(pl.some((t) => String(t.name).includes('bootstrap band'))).toBe(true);
    expect(pl.some((t) => String(t.name).includes('Approach 2 on the same data'))).toBe(true);
    // The bias panel uses the data's own grid: 5 groups at ±8×, 15 points.
    const bars = figs[3]!.data[0]!;
    expect(bars.x).toHaveLength(5);
    expect((bars.x as string[])[0]).toContain('±8.0×, n=15');
    expect((bars.y as number[]).every((y) => y > 10)).toBe(true); // N* overestimated by > 10 % on this grid
    // Bootstrap histograms: one per reported quantity of a surface fit.
    expect(figs[5]!.data.filter((t) => t.type === 'histogram')).toHaveLength(9);

    expect(html).toContain('Approach 2 on this grid (±8.0×, 15 points per curve, centred) would misplace N* by');
    expect(html).toContain('<pre>VPNLS (vpnls_lbfgsb_grad_nnls) on');
  });

  it('leaves the bootstrap figure out without --bootstrap, and works with --json', async () => {
    const path = join(dir, 'plain.html');
    const r = await runMain([EXAMPLE_CSV, '--report', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).method).toBe('vpnls_lbfgsb_grad_nnls');
    const figs = figuresOf(await readFile(path, 'utf8'));
    expect(figs.map((f) => f.id)).not.toContain('fig-bootstrap');
  });

  it.skipIf(!HAVE_SHARED_DATA)('draws Approach 2 parabolas and a VPNLS companion for the bias when the method is Approach 2', async () => {
    const path = join(dir, 'llama.html');
    const r = await runMain([LLAMA_CSV, '--where', 'condition=raw_loss', '--method', 'approach2', '--report', path]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(path, 'utf8');
    const figs = figuresOf(html);
    expect(figs[0]!.data.some((t) => String(t.name).startsWith('parabola'))).toBe(true);
    expect(figs[0]!.data.some((t) => t.name === 'Approach 2 vertex')).toBe(true);
    expect(html).toContain('from a VPNLS fit of the same data');
  });
});
