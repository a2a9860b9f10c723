/**
 * Which plotly.js bundle a page can inline, checked against the trace types
 * its figures use (specs/performance.md "Size of what users open"). Pure: the
 * bundle's trace types are read from its own text, so the check runs in Node
 * (article, reports, app build) and in the app's page (its report download)
 * alike. Reading the installed packages is in `plotly-asset.ts` (Node).
 */
import type { PlotlyFigure } from './plotly.ts';

/** The official bundles the project ships, smallest first. */
export type PlotlyBundleName = 'cartesian' | 'full';

/** Smallest first: the order {@link choosePlotlyBundle} tries them in. */
export const PLOTLY_BUNDLE_NAMES: readonly PlotlyBundleName[] = ['cartesian', 'full'];

/**
 * npm package of each bundle, the same plotly.js release (a test checks the
 * versions): the cartesian one minified (1.5 MB, what self-contained pages
 * inline), the full one unminified (10.1 MB, copied next to the experiment
 * figure pages, whose tables need it).
 */
export const PLOTLY_BUNDLE_PACKAGES: Readonly<Record<PlotlyBundleName, string>> = Object.freeze({
  cartesian: 'plotly.js-cartesian-dist-min',
  full: 'plotly.js-dist',
});

/** A figure uses a trace type the bundle does not register (or no bundle does). */
export class PlotlyTraceTypeError extends Error {
  override name = 'PlotlyTraceTypeError';
  constructor(
    /** The page or figure set checked, e.g. "fit report". */
    readonly where: string,
    /** The bundle checked against (the largest one when none covers the types). */
    readonly bundle: string,
    /** Trace types used but not registered, sorted. */
    readonly missing: readonly string[],
    /** What the bundle registers, sorted. */
    readonly available: readonly string[],
  ) {
    super(`${where}: plotly.js bundle ${bundle} has no trace type ${missing.join(', ')} (it has ${available.join(', ')})`);
  }
}

/** The bundle's text does not show the trace-module registrations this file reads. */
export class PlotlyBundleFormatError extends Error {
  override name = 'PlotlyBundleFormatError';
}

// Every plotly.js trace module is an object literal `{moduleType: "trace", name: "<type>", ...}`;
// the minified bundles drop the spaces.
const TRACE_MODULE = /moduleType:\s*"trace",\s*name:\s*"([a-z0-9]+)"/g;

/** Trace types a plotly.js bundle registers, read from its source text. */
export function bundleTraceTypes(source: string, label = 'plotly.js bundle'): ReadonlySet<string> {
  const types = new Set<string>();
  for (const m of source.matchAll(TRACE_MODULE)) types.add(m[1]!);
  // scatter is in every bundle; without it the text is not a bundle or its layout changed.
  if (!types.has('scatter')) throw new PlotlyBundleFormatError(`${label}: no trace module registration found (not a plotly.js bundle, or its format changed)`);
  return types;
}

/** Trace types the figures use; a trace without `type` is a scatter, as in Plotly. */
export function figureTraceTypes(figures: Iterable<Pick<PlotlyFigure, 'data'>>): Set<string> {
  const types = new Set<string>();
  for (const f of figures) for (const t of f.data) types.add(typeof t.type === 'string' ? t.type : 'scatter');
  return types;
}

/** Throws {@link PlotlyTraceTypeError} unless `available` has every type of `used`. */
export function checkTraceTypes(used: Iterable<string>, available: ReadonlySet<string>, bundle: string, where: string): void {
  const missing = [...new Set(used)].filter((t) => !available.has(t)).sort();
  if (missing.length > 0) throw new PlotlyTraceTypeError(where, bundle, missing, [...available].sort());
}

/** Checks the figures against the bundle's own text (what a page is about to inline). */
export function checkBundleCovers(figures: Iterable<Pick<PlotlyFigure, 'data'>>, source: string, where: string): void {
  checkTraceTypes(figureTraceTypes(figures), bundleTraceTypes(source), 'inlined', where);
}

/**
 * The smallest bundle whose trace types cover `used`; `traceTypesOf` gives a
 * bundle's types. Throws {@link PlotlyTraceTypeError} (against the last, full
 * bundle) when none does.
 */
export function choosePlotlyBundle(used: Iterable<string>, traceTypesOf: (b: PlotlyBundleName) => ReadonlySet<string>, where: string): PlotlyBundleName {
  const types = [...new Set(used)];
  for (const b of PLOTLY_BUNDLE_NAMES) if (types.every((t) => traceTypesOf(b).has(t))) return b;
  const last = PLOTLY_BUNDLE_NAMES[PLOTLY_BUNDLE_NAMES.length - 1]!;
  const available = traceTypesOf(last);
  throw new PlotlyTraceTypeError(where, PLOTLY_BUNDLE_PACKAGES[last], types.filter((t) => !available.has(t)).sort(), [...available].sort());
}
