/** Loading plotly.js from the installed `plotly.js-dist` and `plotly.js-dist-min` packages (Node only). */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** File name of the shared plotly.js copy at the root of an output folder. */
export const PLOTLY_ASSET_NAME = 'plotly.js';

/** Path of the plotly.js bundle shipped by the `plotly.js-dist` package. */
export function plotlySourcePath(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist');
}

/** Version of the installed `plotly.js-dist`. */
export function plotlyVersion(): string {
  const req = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(req.resolve('plotly.js-dist/package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Path of the minified bundle of the same plotly.js version (`plotly.js-dist-min`,
 * 4.8 MB against 10.1 MB): what a self-contained page inlines.
 */
export function plotlyMinifiedPath(): string {
  return createRequire(import.meta.url).resolve('plotly.js-dist-min');
}

/** Version of the installed `plotly.js-dist-min` (kept equal to {@link plotlyVersion}; a test checks it). */
export function plotlyMinifiedVersion(): string {
  const req = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(req.resolve('plotly.js-dist-min/package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The installed plotly.js, minified, as text: what the CLI's HTML reports
 * inline (a report is ≈ 4.9 MB with it, 10.2 MB with the full source).
 */
export async function readPlotlySource(): Promise<string> {
  return readFile(plotlyMinifiedPath(), 'utf8');
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
 * Makes sure `<outRoot>/plotly.js` is a copy of the installed plotly.js
 * (copies it when missing or of a different size) and returns its path.
 */
export async function ensurePlotlyAsset(outRoot: string): Promise<string> {
  const source = plotlySourcePath();
  const target = join(outRoot, PLOTLY_ASSET_NAME);
  const [want, have] = await Promise.all([sizeOf(source), sizeOf(target)]);
  if (want === null) throw new Error(`plotly.js-dist resolved to ${source}, which does not exist`);
  if (have !== want) {
    await mkdir(outRoot, { recursive: true });
    await copyFile(source, target);
  }
  return target;
}
