/**
 * Loading plotly.js from the installed bundles (Node only): the cartesian
 * minified bundle for self-contained pages, the full one where a figure needs
 * more (specs/performance.md "Size of what users open"). Which one a page
 * gets is chosen and checked from its figures' trace types (`plotly-bundle.ts`).
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleTraceTypes, checkTraceTypes, choosePlotlyBundle, figureTraceTypes, PLOTLY_BUNDLE_PACKAGES, type PlotlyBundleName } from './plotly-bundle.ts';
import type { PlotlyFigure } from './plotly.ts';

/** File name of the shared plotly.js copy at the root of an output folder. */
export const PLOTLY_ASSET_NAME = 'plotly.js';

/** Path of a bundle's script in its installed package. */
export function plotlyBundlePath(bundle: PlotlyBundleName): string {
  return createRequire(import.meta.url).resolve(PLOTLY_BUNDLE_PACKAGES[bundle]);
}

/** plotly.js release of an installed bundle. */
export function plotlyBundleVersion(bundle: PlotlyBundleName): string {
  const req = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(req.resolve(`${PLOTLY_BUNDLE_PACKAGES[bundle]}/package.json`), 'utf8')) as { version: string }).version;
}

const traceTypeCache = new Map<PlotlyBundleName, ReadonlySet<string>>();

/** Trace types an installed bundle registers, read from its script once per process. */
export function plotlyBundleTraceTypes(bundle: PlotlyBundleName): ReadonlySet<string> {
  let types = traceTypeCache.get(bundle);
  if (types === undefined) {
    types = bundleTraceTypes(readFileSync(plotlyBundlePath(bundle), 'utf8'), PLOTLY_BUNDLE_PACKAGES[bundle]);
    traceTypeCache.set(bundle, types);
  }
  return types;
}

/** Path of the full plotly.js (`plotly.js-dist`): what the experiment figure pages load. */
export function plotlySourcePath(): string {
  return plotlyBundlePath('full');
}

/** plotly.js release of the full bundle (every bundle is the same release; a test checks it). */
export function plotlyVersion(): string {
  return plotlyBundleVersion('full');
}

/** A page's plotly.js: which bundle, its text and its release. */
export interface PlotlyForPage {
  readonly bundle: PlotlyBundleName;
  readonly code: string;
  readonly version: string;
}

/**
 * The smallest installed bundle that draws every trace type in `used`, as text
 * to inline. `where` names the page in the {@link PlotlyTraceTypeError} thrown
 * when no bundle has one of the types.
 */
export async function plotlyForTraceTypes(used: Iterable<string>, where: string): Promise<PlotlyForPage> {
  const types = [...used];
  const bundle = choosePlotlyBundle(types, plotlyBundleTraceTypes, where);
  const code = await readFile(plotlyBundlePath(bundle), 'utf8');
  // The text read is the one inlined: check it, not only the cached scan.
  checkTraceTypes(types, bundleTraceTypes(code, PLOTLY_BUNDLE_PACKAGES[bundle]), PLOTLY_BUNDLE_PACKAGES[bundle], where);
  return { bundle, code, version: plotlyBundleVersion(bundle) };
}

/** {@link plotlyForTraceTypes} for the trace types of `figures`. */
export async function plotlyForFigures(figures: Iterable<Pick<PlotlyFigure, 'data'>>, where: string): Promise<PlotlyForPage> {
  return plotlyForTraceTypes(figureTraceTypes(figures), where);
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Makes sure `<outRoot>/plotly.js` is a copy of the full plotly.js (the
 * experiment figure pages use `table` traces, which only it has)
 * (copies it when missing or of a different size) and returns its path.
 */
export async function ensurePlotlyAsset(outRoot: string): Promise<string> {
  const source = plotlySourcePath();
  const target = join(outRoot, PLOTLY_ASSET_NAME);
  const [want, have] = await Promise.all([sizeOf(source), sizeOf(target)]);
  if (want === null) throw new Error(`${PLOTLY_BUNDLE_PACKAGES.full} resolved to ${source}, which does not exist`);
  if (have !== want) {
    await mkdir(outRoot, { recursive: true });
    await copyFile(source, target);
  }
  return target;
}
