/**
 * The package as users get it: the compiled dist/ (built here if older than
 * the sources), the `scaling-fit` bin with compiled bootstrap workers, the
 * `exports` map and type declarations, and — in headless Chromium — the
 * browser example and the HTML report.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../examples/browser/serve.ts';
import { EXAMPLE_CSV, ROOT, execText, runMain, spawnCommand } from './helpers.ts';

const DIST_BIN = join(ROOT, 'dist', 'cli', 'fit.js');
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`skipping the browser tests: ${CHROMIUM} is missing (apt-get install chromium)`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ with tsconfig.build.json unless it is newer than every source file. */
async function ensureDist(): Promise<void> {
  const stamp = join(ROOT, 'dist', 'index.js');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs);
  if (existsSync(stamp) && existsSync(DIST_BIN) && statSync(stamp).mtimeMs >= sources) return;
  await execText(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
}

let consumer: string;
beforeAll(async () => {
  await ensureDist();
  // A project that has installed the package (node_modules/scaling-fit → this checkout).
  consumer = await mkdtemp(join(tmpdir(), 'scaling-fit-consumer-'));
  await mkdir(join(consumer, 'node_modules'));
  await symlink(ROOT, join(consumer, 'node_modules', 'scaling-fit'), 'dir');
  await writeFile(join(consumer, 'package.json'), '{ "type": "module" }\n');
}, 120_000);
afterAll(() => rm(consumer, { recursive: true, force: true }));

describe('package: dist and the scaling-fit bin', () => {
  it('points bin, main, types and exports at built files', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin['scaling-fit']).toBe('dist/cli/fit.js');
    expect((await readFile(DIST_BIN, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    for (const p of [
      pkg.main,
      pkg.types,
      pkg.exports['.'].types,
      pkg.exports['.'].default,
      pkg.exports['./data'].node,
      pkg.exports['./cli'].node,
      pkg.exports['./wasm'],
    ]) {
      expect(existsSync(join(ROOT, p)), p).toBe(true);
    }
    // Emitted JS imports .js files; the worker entry for the sources is not needed in dist.
    const js = await readFile(join(ROOT, 'dist', 'cli', 'bootstrap.js'), 'utf8');
    expect(js).toMatch(/from ["']\.\/bootstrap-worker\.js["']/);
    expect(js).not.toMatch(/from ["']\.[^"']*\.ts["']/);
  });

  it('runs the compiled command, with compiled bootstrap workers, identically to the sources', async () => {
    const args = [EXAMPLE_CSV, '--bootstrap', '40', '--seed', '3', '--json'];
    const [compiled, sources] = await Promise.all([
      spawnCommand(process.execPath, [DIST_BIN, ...args, '--jobs', '2'], { cwd: tmpdir() }),
      runMain([...args, '--jobs', '1']),
    ]);
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(compiled.stderr).toBe('');
    expect(compiled.stdout).toBe(sources.stdout);
  });

  it('exits 2 with one line for bad input', async () => {
    const r = await spawnCommand(process.execPath, [DIST_BIN, join(tmpdir(), 'no-such-file.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`scaling-fit: error: ${join(tmpdir(), 'no-such-file.csv')}: file not found\n`);
  });

  it('resolves the exports map from an installing project, and finds the WebAssembly core from dist/kernels', async () => {
    const script = join(consumer, 'probe.mjs');
    await writeFile(
      script,
      `import * as lib from 'scaling-fit';
import { loadCsvFile } from 'scaling-fit/data';
import { main } from 'scaling-fit/cli';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
const s = lib.sampleIsoflops(lib.SURFACES.asymmetric, { W: Math.log10(8) });
const fit = lib.fitVpnls(s.N, s.D, s.L);
const d = await loadCsvFile(${JSON.stringify(EXAMPLE_CSV)});
console.log(JSON.stringify({
  index: fileURLToPath(import.meta.resolve('scaling-fit')),
  wasmExport: fileURLToPath(import.meta.resolve('scaling-fit/wasm')),
  wasmUrl: fileURLToPath(lib.wasmUrl('release')),
  wasmExists: existsSync(fileURLToPath(lib.wasmUrl('release'))),
  alpha: fit.alpha,
  wasm: lib.getKernels() !== lib.tsKernels,
  rows: d.N.length,
  main: typeof main,
}));
`,
    );
    const out = JSON.parse(await execText(process.execPath, [script], consumer));
    expect(out.index).toBe(join(ROOT, 'dist', 'index.js'));
    expect(out.wasmExport).toBe(join(ROOT, 'build', 'release.wasm'));
    expect(out.wasmUrl).toBe(join(ROOT, 'build', 'release.wasm'));
    expect(out.wasmExists).toBe(true);
    expect(out.wasm).toBe(true);
    expect(out.alpha).toBeCloseTo(0.465, 6);
    expect(out.rows).toBe(75);
    expect(out.main).toBe('function');
  });

  it('ships type declarations that type-check without Node types, for NodeNext and bundler resolution', async () => {
    await writeFile(
      join(consumer, 'use.ts'),
      `import { fitVpnls, initKernels, sampleIsoflops, SURFACES, type SurfaceFitResult } from 'scaling-fit';
const s = sampleIsoflops(SURFACES.asymmetric, { W: 1 });
const r: SurfaceFitResult = fitVpnls(s.N, s.D, s.L);
await initKernels({ source: new URL('https://example.invalid/release.wasm') });
// @ts-expect-error alpha is a number
export const wrong: string = r.alpha;
`,
    );
    for (const [module, resolution] of [
      ['NodeNext', 'NodeNext'],
      ['ESNext', 'Bundler'],
    ]) {
      const config = {
        compilerOptions: { target: 'ES2022', module, moduleResolution: resolution, strict: true, noEmit: true, types: [], lib: ['ES2022', 'DOM'] },
        files: ['use.ts'],
      };
      await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify(config));
      await execText(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumer);
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM)('package: in headless Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
      startStaticServer(ROOT),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the browser example, which fits VPNLS with the WebAssembly core', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${server.url}examples/browser/`);
    await page.waitForFunction(() => document.body.dataset.state !== undefined, null, { timeout: 30_000 });
    const state = await page.evaluate(() => ({ ...document.body.dataset }));
    expect(state.error).toBeUndefined();
    expect(state.state).toBe('done');
    const result = JSON.parse(state.result!);
    expect(result).toMatchObject({ backend: 'WebAssembly', method: 'vpnls_lbfgsb_grad_nnls', status: 'converged', nPoints: 75 });
    expect(result.alpha).toBeCloseTo(0.465, 2);
    expect(result.beta).toBeCloseTo(0.155, 2);
    expect(await page.locator('#result tbody tr').count()).toBe(7);
    expect(await page.locator('#status').textContent()).toContain('converged');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the HTML report offline and draws every figure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scaling-fit-report-'));
    try {
      const path = join(dir, 'report.html');
      const r = await runMain([EXAMPLE_CSV, '--bootstrap', '20', '--jobs', '1', '--report', path]);
      expect(r.code, r.stderr).toBe(0);
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${path}`);
      await page.waitForFunction(() => document.body.hasAttribute('data-figures-drawn') || document.body.hasAttribute('data-figures-error'), null, {
        timeout: 60_000,
      });
      expect(await page.evaluate(() => document.body.getAttribute('data-figures-error'))).toBeNull();
      expect(await page.evaluate(() => document.body.getAttribute('data-figures-drawn'))).toBe('6');
      expect(await page.locator('.js-plotly-plot').count()).toBe(6);
      expect(await page.locator('#fig-isoflop .scatterlayer .trace').count()).toBe(11);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
