/**
 * `npm run app` → results/app/index.html: one self-contained page with the
 * WebAssembly core as base64, plotly.js (the smallest official bundle that
 * draws its figures, checked at build), the example CSVs, the worker and
 * page bundles inlined. Opens from file:// with the network off.
 *
 *     npm run app                      # results/app/index.html
 *     npm run app -- --out DIR         # DIR/index.html
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { plotlyForFigures } from '../src/plot/plotly-asset.ts';
import { drawnFigures } from './drawn-figures.ts';
import { appHtml } from './page.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The example the page opens with first, then the lopsided one of the bias demonstration. */
export const APP_EXAMPLES = ['examples/isoflops-realistic.csv', 'examples/isoflops-synthetic.csv'] as const;

export class AppBuildError extends Error {
  override name = 'AppBuildError';
}

/** A browser bundle (IIFE, minified) of one entry. */
export async function bundle(entry: string): Promise<string> {
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
    // The same csv-parse release, in its browser build (it carries its own Buffer); Node's build needs Node's Buffer.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
    logLevel: 'silent',
  });
  if (result.errors.length) throw new AppBuildError(`${entry}: ${result.errors.map((e) => e.text).join('; ')}`);
  return result.outputFiles[0]!.text;
}

export interface AppBuildResult {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export async function buildApp(outDir = join(ROOT, 'results', 'app')): Promise<AppBuildResult> {
  const wasmPath = join(ROOT, 'build', 'release.wasm');
  if (!existsSync(wasmPath)) throw new AppBuildError(`${wasmPath} does not exist: run npm run build (asbuild:release) first`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const examples = APP_EXAMPLES.map((p) => [basename(p), readFileSync(join(ROOT, p), 'utf8')] as const);
  // The smallest plotly.js bundle that draws every figure the page can show (checked on the first example).
  const plotly = await plotlyForFigures(drawnFigures(...examples[0]!), 'app page');
  const [appJs, workerJs] = await Promise.all([bundle(join(ROOT, 'app', 'main.ts')), bundle(join(ROOT, 'app', 'worker.ts'))]);
  const html = appHtml({
    wasmBase64: readFileSync(wasmPath).toString('base64'),
    plotlyJs: plotly.code,
    workerJs,
    appJs,
    examples,
    byline: `scaling-fit ${pkg.version}`,
  });
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'index.html');
  writeFileSync(path, html);
  return { path, bytes: Buffer.byteLength(html), sha256: createHash('sha256').update(html).digest('hex') };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const i = process.argv.indexOf('--out');
  const out = i >= 0 ? process.argv[i + 1] : undefined;
  if (i >= 0 && !out) {
    console.error('app: --out needs a folder');
    process.exit(2);
  }
  buildApp(out ? resolve(out) : undefined).then(
    (r) => console.log(`wrote ${r.path} (${(r.bytes / 1e6).toFixed(2)} MB)`),
    (e) => {
      console.error(`app: error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
