/**
 * Everything the page inlines: plotly.js (the official bundle its figures
 * need), the KaTeX stylesheet with its woff2 fonts as data URIs, the
 * explorable bundle (esbuild, browser IIFE) and the WebAssembly core as base64.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { plotlyForFigures, type PlotlyForPage } from '../../src/plot/plotly-asset.ts';
import type { PlotlyFigure } from '../../src/plot/plotly.ts';
import { BuildError } from './errors.ts';

const require = createRequire(import.meta.url);

/**
 * plotly.js for the page: the smallest official bundle that draws every
 * trace type of `figures` (the cartesian one, already minified, for the
 * article), read from its package; PlotlyTraceTypeError if none does.
 */
export async function plotlyForArticle(figures: Iterable<Pick<PlotlyFigure, 'data'>>): Promise<PlotlyForPage> {
  return plotlyForFigures(figures, 'article');
}

/** The KaTeX stylesheet with woff2 fonts inlined and the woff/ttf fallbacks dropped. */
export function katexCss(): string {
  const dist = join(dirname(require.resolve('katex/package.json')), 'dist');
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  const out = css.replace(/src:([^;}]*)/g, (_m, srcs: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(srcs);
    if (!woff2) throw new BuildError(`katex.min.css: a @font-face has no woff2 source: ${srcs.slice(0, 80)}`);
    const data = readFileSync(join(dist, woff2[1])).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  if (/url\((?!data:)/.test(out)) throw new BuildError('katex.min.css still references an external url() after inlining');
  return out;
}

/** The explorable bundled for the browser (IIFE, minified). */
export async function bundleExplorable(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    // The library's Node-only paths read import.meta.url and process; neither runs in the page.
    define: { 'import.meta.url': '"about:blank"' },
    logLevel: 'silent',
  });
  if (result.errors.length) throw new BuildError(`explorable bundle: ${result.errors.map((e) => e.text).join('; ')}`);
  return result.outputFiles[0].text;
}

/** The release WebAssembly core as base64, with its SHA-256. */
export function wasmBase64(path: string): { base64: string; sha256: string; bytes: number } {
  if (!existsSync(path)) throw new BuildError(`${path} does not exist: run npm run build (asbuild:release) first`);
  const bytes = readFileSync(path);
  return { base64: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}
