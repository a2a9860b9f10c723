import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  plotlyBundlePath,
  plotlyBundleTraceTypes,
  plotlyBundleVersion,
  plotlyForFigures,
  plotlyForTraceTypes,
  plotlyVersion,
} from '../../../src/plot/plotly-asset.ts';
import {
  bundleTraceTypes,
  checkBundleCovers,
  choosePlotlyBundle,
  figureTraceTypes,
  PLOTLY_BUNDLE_NAMES,
  PLOTLY_BUNDLE_PACKAGES,
  PlotlyBundleFormatError,
  PlotlyTraceTypeError,
} from '../../../src/plot/plotly-bundle.ts';

/** The trace modules a package's README lists ("Contains trace modules `bar`, `box`, ... and `violin`."). */
function readmeTraceTypes(pkg: string): Set<string> {
  const readme = readFileSync(createRequire(import.meta.url).resolve(`${pkg}/README.md`), 'utf8');
  const line = /Contains trace modules (.*)\./.exec(readme);
  if (!line) throw new Error(`${pkg}/README.md lists no trace modules`);
  return new Set([...line[1]!.matchAll(/`([a-z0-9]+)`/g)].map((m) => m[1]!));
}

describe('src/plot/plotly-bundle.ts', () => {
  it('reads the trace types of the cartesian bundle that its README lists', () => {
    const scanned = plotlyBundleTraceTypes('cartesian');
    expect([...scanned].sort()).toEqual([...readmeTraceTypes(PLOTLY_BUNDLE_PACKAGES.cartesian)].sort());
    expect(scanned.has('table')).toBe(false);
  });

  it('finds every cartesian trace type and table in the full bundle, which is the same release', () => {
    const full = plotlyBundleTraceTypes('full');
    for (const t of plotlyBundleTraceTypes('cartesian')) expect(full.has(t), t).toBe(true);
    expect(full.has('table')).toBe(true);
    expect(full.size).toBeGreaterThan(40);
    for (const b of PLOTLY_BUNDLE_NAMES) expect(plotlyBundleVersion(b), b).toBe(plotlyVersion());
  });

  it('counts a trace without a type as a scatter, as Plotly draws it', () => {
    expect([...figureTraceTypes([{ data: [{ x: [1] }, { type: 'bar' }] }, { data: [{ type: 'histogram' }] }])].sort()).toEqual(['bar', 'histogram', 'scatter']);
  });

  it('picks the cartesian bundle when it covers the types, the full one for a table, and throws a typed error otherwise', () => {
    const typesOf = plotlyBundleTraceTypes;
    expect(choosePlotlyBundle(['scatter', 'bar', 'box', 'heatmap', 'histogram'], typesOf, 't')).toBe('cartesian');
    expect(choosePlotlyBundle(['scatter', 'table'], typesOf, 't')).toBe('full');
    let err: unknown;
    try {
      choosePlotlyBundle(['scatter', 'no-such-trace', 'table'], typesOf, 'the page');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlotlyTraceTypeError);
    const e = err as PlotlyTraceTypeError;
    expect(e.where).toBe('the page');
    expect(e.bundle).toBe(PLOTLY_BUNDLE_PACKAGES.full);
    expect(e.missing).toEqual(['no-such-trace']);
    expect(e.message).toContain('the page: plotly.js bundle plotly.js-dist has no trace type no-such-trace');
  });

  it('checks figures against the text of the bundle a page inlines', () => {
    const cartesian = readFileSync(plotlyBundlePath('cartesian'), 'utf8');
    expect(() => checkBundleCovers([{ data: [{ type: 'scatter' }, { type: 'histogram' }] }], cartesian, 'report')).not.toThrow();
    expect(() => checkBundleCovers([{ data: [{ type: 'table' }] }], cartesian, 'report')).toThrow(PlotlyTraceTypeError);
    expect(() => checkBundleCovers([{ data: [{ type: 'scatter' }] }], 'console.log(1)', 'report')).toThrow(PlotlyBundleFormatError);
    expect(() => bundleTraceTypes('')).toThrow(PlotlyBundleFormatError);
  });

  it('loads the chosen bundle as text', async () => {
    const small = await plotlyForFigures([{ data: [{ type: 'bar' }, {}] }], 'page');
    expect(small.bundle).toBe('cartesian');
    expect(small.code).toBe(readFileSync(plotlyBundlePath('cartesian'), 'utf8'));
    expect(small.code.length).toBeLessThan(2_000_000);
    const full = await plotlyForTraceTypes(['table'], 'experiment page');
    expect(full.bundle).toBe('full');
    expect(full.code.length).toBeGreaterThan(small.code.length);
    await expect(plotlyForTraceTypes(['no-such-trace'], 'page')).rejects.toThrow(PlotlyTraceTypeError);
  });
});
