/**
 * `npm run article:check`: opens `results/article/article.html` in headless
 * Chromium (playwright-core, Debian's /usr/bin/chromium, a fresh profile) and
 * checks (specs/article.md, "Browser check"): no network request beyond the file itself and
 * data:/blob: URLs; no console error or warning, uncaught exception or CSP
 * violation; every figure of the manifest rendered with the expected panels
 * and traces and finite data; math rendered; no leftover template syntax;
 * internal links resolve; no horizontal overflow at 1280×800 and 390×844;
 * the explorable responds to every control, stays finite, recomputes fast,
 * matches the build-time Chinchilla value, explains a failing setting, and
 * gives the same readouts on the TypeScript twin. Writes
 * `results/article/check/report.json`, one PNG per figure and a full-page
 * screenshot; exits non-zero on any failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../declarations/config.ts';
import { computeExplorable } from '../explorable/compute.ts';
import { defaultState, encodeState, type ExplorableState } from '../explorable/state.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** specs/conventions.md §5: Chinchilla, XL, 15 points, centered, D* error at 1e24 FLOPs (%). */
export const CHINCHILLA_XL_REFERENCE = -5.100244551712022;

export interface CheckOptions {
  htmlPath: string;
  outDir: string;
  /** Accept pending (missing) figures of a draft built with --allow-missing. */
  allowMissing?: boolean;
  log?: (line: string) => void;
}

export interface CheckReport {
  ok: boolean;
  failures: string[];
  figures: Array<{ id: string; panels: number; traces: number; ms: number; screenshot: string }>;
  mathNodes: number;
  requests: string[];
  console: string[];
  explorable: Record<string, unknown>;
  loadMs: number;
  figuresReadyMs: number;
  timing?: Record<string, number | null>;
  bytes: number;
}

interface Manifest {
  figures: Array<{ id: string; number: number; panels: number | null; traces: number | null; pending: boolean }>;
  explorablePlots: string[];
  mathCount: number;
  partial: boolean;
  consistency: { a2DErrPct: number | null };
}

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** A seed for which Approach 2 fails on a noisy, narrow, three-point grid (found with the same code the page runs). */
export function failingState(): ExplorableState {
  for (let seed = 1; seed < 500; seed++) {
    const s: ExplorableState = { ...defaultState(), k: 1.5, n: 3, offset: 10, sigma: 0.05, seed };
    if (!computeExplorable(s).approach2.ok) return s;
  }
  throw new Error('no failing explorable setting found for seeds 1–499');
}

async function openPage(ctx: BrowserContext, url: string, sink: { requests: string[]; console: string[]; errors: string[] }): Promise<Page> {
  const page = await ctx.newPage();
  page.on('request', (req) => {
    const u = req.url();
    if (u === url || u.startsWith('data:') || u.startsWith('blob:')) return;
    sink.requests.push(u);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') sink.console.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => sink.errors.push(`uncaught: ${err.message}`));
  return page;
}

async function explorableReadouts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('#explorable [data-out]', (els) => Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.out!, e.textContent ?? ''])));
}

async function setControl(page: Page, id: string, value: string): Promise<void> {
  await page.evaluate(
    ([cid, v]) => {
      const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(`#explorable [data-control="${cid}"]`)!;
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [id, value] as const,
  );
}

async function waitRecompute(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __explorable: { recomputes: number } }).__explorable.recomputes > n, before, { timeout: 5000 });
}

const recomputes = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __explorable: { recomputes: number } }).__explorable.recomputes);

/** Sets the explorable state through location.hash (the page mirrors its state there). */
async function setHash(page: Page, state: ExplorableState): Promise<void> {
  const n = await recomputes(page);
  const changed = await page.evaluate((h) => {
    if (location.hash === `#${h}`) return false;
    location.hash = h;
    return true;
  }, encodeState(state));
  if (changed) await waitRecompute(page, n);
}

async function lastNumbers(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const d = (
      window as unknown as {
        __explorable: {
          last: {
            approach2: { ok: boolean; value?: { at: { D: number; N: number; dErr: number } } };
            vpnls: { ok: boolean; value?: { at: { D: number; N: number; dErr: number } } };
          };
        };
      }
    ).__explorable.last;
    const out: Record<string, number> = {};
    if (d.approach2.ok) Object.assign(out, { a2D: d.approach2.value!.at.D, a2N: d.approach2.value!.at.N, a2Err: d.approach2.value!.at.dErr });
    if (d.vpnls.ok) Object.assign(out, { vpD: d.vpnls.value!.at.D, vpN: d.vpnls.value!.at.N, vpErr: d.vpnls.value!.at.dErr });
    return out;
  });
}

/** Every figure drawn within this time after the page's load event (specs/article.md, "Browser check"). */
export const FIGURES_READY_BUDGET_MS = 5000;

export async function runCheck(opt: CheckOptions): Promise<CheckReport> {
  const log = opt.log ?? (() => undefined);
  const failures: string[] = [];
  const fail = (m: string): void => {
    failures.push(m);
    log(`FAIL ${m}`);
  };
  mkdirSync(opt.outDir, { recursive: true });
  const url = pathToFileURL(resolve(opt.htmlPath)).href;
  const profile = mkdtempSync(join(tmpdir(), 'article-check-'));
  const sink = { requests: [] as string[], console: [] as string[], errors: [] as string[] };
  const report: CheckReport = {
    ok: false,
    failures,
    figures: [],
    mathNodes: 0,
    requests: sink.requests,
    console: sink.console,
    explorable: {},
    loadMs: 0,
    figuresReadyMs: 0,
    bytes: 0,
  };
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
    offline: true,
  });
  try {
    const page = await openPage(ctx, url, sink);
    // A wall-clock budget on a shared machine: the first load is cold (profile, caches) and another process may
    // hold the CPU, so a load over budget is measured once more; the better of the two must be within it.
    const measureLoad = async (): Promise<{ loadMs: number; figuresReadyMs: number }> => {
      const t0 = Date.now();
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const tLoad = Date.now();
      await page.waitForFunction(() => document.documentElement.dataset.figures === 'ready', undefined, { timeout: 60_000 });
      return { loadMs: tLoad - t0, figuresReadyMs: Date.now() - tLoad };
    };
    let timing = await measureLoad();
    if (timing.figuresReadyMs > FIGURES_READY_BUDGET_MS) {
      log(`figures ready ${timing.figuresReadyMs} ms after load, over the ${FIGURES_READY_BUDGET_MS} ms budget; measuring once more`);
      const second = await measureLoad();
      if (second.figuresReadyMs < timing.figuresReadyMs) timing = second;
    }
    report.loadMs = timing.loadMs;
    report.figuresReadyMs = timing.figuresReadyMs;
    if (timing.figuresReadyMs > FIGURES_READY_BUDGET_MS)
      fail(`figures were not all rendered within ${FIGURES_READY_BUDGET_MS / 1000} s of load (${timing.figuresReadyMs} ms)`);
    report.timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const mark = performance.getEntriesByName('figures-ready')[0];
      return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, figuresReady: mark ? mark.startTime : null };
    });
    log(`loaded in ${report.loadMs} ms (${JSON.stringify(report.timing)}), figures ready ${report.figuresReadyMs} ms after load`);
    const manifest = JSON.parse(await page.$eval('#article-manifest', (e) => e.textContent ?? '{}')) as Manifest;
    if (manifest.partial && !opt.allowMissing) fail('the article is a draft built with --allow-missing (results missing)');

    // Figures.
    const plotCount = await page.$$eval('.plot[data-figure]', (els) => els.length);
    const expected = manifest.figures.filter((f) => !f.pending).length;
    if (plotCount !== expected) fail(`${plotCount} figure containers, manifest lists ${expected} rendered figures`);
    for (const f of manifest.figures) {
      if (f.pending) {
        if (!opt.allowMissing) fail(`figure ${f.id} is pending (missing results)`);
        continue;
      }
      const t = Date.now();
      const info = await page.evaluate((id) => {
        const el = document.querySelector(`[data-figure="${id}"]`) as
          | (HTMLElement & { _fullLayout?: unknown; _fullData?: Array<Record<string, unknown>> })
          | null;
        if (!el) return { exists: false } as const;
        const panels = new Set<string>();
        let bad = '';
        for (const t of el._fullData ?? []) {
          const type = String(t.type ?? 'scatter');
          if (type === 'table' || type === 'pie' || type === 'indicator') panels.add(`domain:${panels.size}`);
          else panels.add(String(t.xaxis ?? 'x'));
          let finite = 0;
          for (const k of ['x', 'y', 'z', 'q1', 'median', 'q3']) {
            const v = t[k] as unknown;
            const flat = Array.isArray(v) ? (v as unknown[]).flat(2) : [];
            for (const x of flat) {
              if (typeof x === 'number') {
                if (!Number.isFinite(x)) bad = `${type} trace "${String(t.name)}" has ${x} in ${k}`;
                else finite++;
              }
            }
          }
          const hasNumeric = ['x', 'y', 'z'].some((k) => Array.isArray(t[k]) && (t[k] as unknown[]).flat(2).some((x) => typeof x === 'number'));
          if (hasNumeric && finite === 0) bad = `${type} trace "${String(t.name)}" has no finite data`;
        }
        return {
          exists: true,
          layout: !!el._fullLayout,
          svg: !!el.querySelector('.main-svg'),
          traces: (el._fullData ?? []).length,
          panels: panels.size,
          bad,
          rendered: el.dataset.rendered ?? '',
        };
      }, f.id);
      if (!info.exists) {
        fail(`figure ${f.id}: container missing`);
        continue;
      }
      if (!info.layout || !info.svg || info.rendered !== '1')
        fail(`figure ${f.id}: Plotly did not render (layout ${info.layout}, svg ${info.svg}, state ${info.rendered})`);
      if (info.traces !== f.traces) fail(`figure ${f.id}: ${info.traces} traces, manifest says ${f.traces}`);
      if (info.panels !== f.panels) fail(`figure ${f.id}: ${info.panels} panels, manifest says ${f.panels}`);
      if (info.bad) fail(`figure ${f.id}: ${info.bad}`);
      const loc = page.locator(`#${f.id}`);
      await loc.scrollIntoViewIfNeeded();
      const box = await page.locator(`[data-figure="${f.id}"]`).boundingBox();
      if (!box || box.height < 50 || box.width < 50) fail(`figure ${f.id}: not visible after scrolling into view`);
      const shot = join(opt.outDir, `${f.id}.png`);
      await loc.screenshot({ path: shot });
      report.figures.push({ id: f.id, panels: info.panels, traces: info.traces, ms: Date.now() - t, screenshot: shot });
    }
    log(`figures: ${report.figures.length} rendered and checked`);

    // Math, leftovers, links, overflow.
    report.mathNodes = await page.$$eval('.katex', (els) => els.filter((e) => !e.parentElement?.closest('.katex')).length);
    if (report.mathNodes !== manifest.mathCount) fail(`${report.mathNodes} rendered math nodes, the source has ${manifest.mathCount}`);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is the rendered text a reader sees; textContent would include hidden nodes
    const text = await page.evaluate(() => document.body.innerText);
    for (const bad of ['{{', '[@', '$$']) if (text.includes(bad)) fail(`leftover "${bad}" in the page text`);
    const broken = await page.$$eval('a[href^="#"]', (as) =>
      as.map((a) => a.getAttribute('href')!.slice(1)).filter((id) => id !== '' && !document.getElementById(id)),
    );
    if (broken.length) fail(`links to missing anchors: ${[...new Set(broken)].join(', ')}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) fail(`horizontal overflow of ${overflow}px at 1280×800`);

    // Explorable.
    await page.locator('#explorable').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('explorable')?.dataset.state === 'ready', undefined, { timeout: 10_000 });
    const engine = await page.$eval('#explorable', (e) => (e as HTMLElement).dataset.engine);
    if (engine !== 'wasm') fail(`explorable engine is ${engine}, expected wasm`);
    const plots = await page.$$eval(
      '.ex-plot',
      (els) => els.filter((e) => (e as HTMLElement & { _fullLayout?: unknown })._fullLayout && e.querySelector('.main-svg')).length,
    );
    if (plots !== manifest.explorablePlots.length) fail(`explorable: ${plots} views rendered, expected ${manifest.explorablePlots.length}`);
    await setHash(page, defaultState());
    const chin = await lastNumbers(page);
    const a2Pct = chin.a2Err * 100;
    report.explorable.chinchillaA2ErrPct = a2Pct;
    if (!(relDiff(a2Pct, CHINCHILLA_XL_REFERENCE) < 1e-9))
      fail(`explorable Chinchilla D* error ${a2Pct}% differs from specs/conventions.md §5 (${CHINCHILLA_XL_REFERENCE}%)`);
    if (manifest.consistency.a2DErrPct !== null && !(relDiff(a2Pct, manifest.consistency.a2DErrPct) < 1e-9))
      fail(`explorable Chinchilla D* error ${a2Pct}% differs from the build-time fact ${manifest.consistency.a2DErrPct}%`);
    const moves: Array<[string, string]> = [
      ['preset', 'asymmetric'],
      ['alpha', '0.5'],
      ['beta', '0.2'],
      ['k', String(Math.log10(8))],
      ['n', '9'],
      ['offset', String(Math.log10(2))],
      ['drift', String(Math.log10(3))],
      ['C', '25'],
      ['sigma', '0.002'],
    ];
    const changed: string[] = [];
    for (const [id, value] of moves) {
      const before = await explorableReadouts(page);
      const n = await recomputes(page);
      await setControl(page, id, value);
      await waitRecompute(page, n);
      const after = await explorableReadouts(page);
      const diff = Object.keys(after).filter((k) => !['time', 'engine'].includes(k) && after[k] !== before[k]);
      if (diff.length === 0) fail(`explorable: moving ${id} changed no readout`);
      else changed.push(id);
      const nan = Object.entries(after).filter(([, v]) => /NaN|Infinity|undefined/.test(v));
      if (nan.length) fail(`explorable: after ${id}, non-finite readouts ${nan.map(([k, v]) => `${k}=${v}`).join(', ')}`);
    }
    report.explorable.controlsChecked = changed;
    await setHash(page, defaultState());
    const t0s = (await page.evaluate(() => (window as unknown as { __explorable: { times: number[] } }).__explorable.times.length)) as number;
    for (let i = 0; i < 20; i++) {
      const n = await recomputes(page);
      await setControl(page, 'alpha', String(0.3 + 0.005 * i));
      await waitRecompute(page, n);
    }
    const times = (await page.evaluate(() => (window as unknown as { __explorable: { times: number[] } }).__explorable.times)).slice(t0s);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    report.explorable.medianRecomputeMs = median;
    if (!(median <= 16)) fail(`explorable: median recompute ${median.toFixed(2)} ms over 20 moves exceeds 16 ms`);
    const failing = failingState();
    await setHash(page, failing);
    const msg = await page.$eval('[data-out="message"]', (e) => e.textContent ?? '');
    const ro = await explorableReadouts(page);
    if (!/Approach 2 failed/.test(msg)) fail(`explorable: the failing setting (seed ${failing.seed}) shows no message ("${msg}")`);
    if (Object.values(ro).some((v) => /NaN/.test(v))) fail('explorable: NaN on screen for the failing setting');
    report.explorable.failingMessage = msg;
    const compareState: ExplorableState = { ...defaultState(), preset: 'asymmetric', alpha: 0.465, beta: 0.155, k: 8, offset: 2, drift: 3 };
    await setHash(page, compareState);
    const wasmNumbers = await lastNumbers(page);
    const wasmReadouts = await explorableReadouts(page);
    const full = join(opt.outDir, 'full-page.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: full, fullPage: true });
    report.explorable.fullPage = full;
    await page.close();

    // The TypeScript twin: WebAssembly removed before any page script runs.
    const ts = await openPage(ctx, url, sink);
    await ts.addInitScript(() => {
      Object.defineProperty(globalThis, 'WebAssembly', { value: undefined, configurable: true, writable: true });
    });
    await ts.goto(`${url}#${encodeState(compareState)}`, { waitUntil: 'load' });
    await ts.waitForFunction(() => document.getElementById('explorable')?.dataset.state === 'ready', undefined, { timeout: 10_000 });
    const tsEngine = await ts.$eval('#explorable', (e) => (e as HTMLElement).dataset.engine);
    if (tsEngine !== 'ts') fail(`without WebAssembly the explorable engine is ${tsEngine}, expected ts`);
    const tsNumbers = await lastNumbers(ts);
    // Allocations to 1e-12 relative; the errors (fractions near zero for VPNLS) to 1e-12 absolute.
    for (const [k, v] of Object.entries(wasmNumbers)) {
      const d = k.endsWith('Err') ? Math.abs(tsNumbers[k] - v) : relDiff(tsNumbers[k], v);
      if (!(k in tsNumbers) || !(d < 1e-12)) fail(`explorable: TypeScript twin ${k} = ${tsNumbers[k]} differs from WebAssembly ${v}`);
    }
    const tsReadouts = await explorableReadouts(ts);
    for (const [k, v] of Object.entries(wasmReadouts)) {
      if (!['time', 'engine'].includes(k) && tsReadouts[k] !== v) fail(`explorable: TypeScript twin shows ${k} = "${tsReadouts[k]}", WebAssembly "${v}"`);
    }
    report.explorable.twinCompared = Object.keys(wasmNumbers);
    await ts.close();

    // Phone viewport.
    const phone = await openPage(ctx, url, sink);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url, { waitUntil: 'load' });
    await phone.waitForFunction(() => document.documentElement.dataset.figures === 'ready', undefined, { timeout: 60_000 });
    const pOverflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (pOverflow > 0) fail(`horizontal overflow of ${pOverflow}px at 390×844`);
    await phone.screenshot({ path: join(opt.outDir, 'phone-top.png') });
    await phone.close();
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
  for (const r of sink.requests) fail(`network request to ${r}`);
  for (const c of sink.console) fail(`console ${c}`);
  for (const e of sink.errors) fail(e);
  report.bytes = statSync(opt.htmlPath).size;
  report.ok = failures.length === 0;
  writeFileSync(join(opt.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/** Mode-bar buttons (data-title of `.modebar-btn`) that reach the network or lead to a dialog that does. */
export const NETWORK_BUTTON_TITLES = [/share/i, /cloud/i, /chart studio/i, /edit chart/i, /plotly/i];

export interface PresentationReport {
  /** Requests the page tried to make to anything but its own file, data: and blob: URLs (all blocked). */
  blocked: string[];
  /** Titles of every mode-bar button (and logo link) found in the article, per figure. */
  modebar: Array<{ id: string; buttons: string[]; links: string[] }>;
  /** Per multi-panel figure at the phone viewport: layout used, overlapping panels and colliding titles. */
  phone: Array<{ id: string; layout: string; panels: number; overlaps: string[]; collisions: string[]; screenshot: string }>;
}

type Box = { x: number; y: number; w: number; h: number; what: string };

/**
 * Presentation checks (the network rule of specs/article.md, "Browser check", and the phone layout): every
 * request except the file itself, data: and blob: is aborted by a route and
 * recorded; the mode bars are read from the DOM after hovering each figure;
 * at 390×844 every multi-panel figure is screenshotted and its panel areas
 * (from Plotly's laid-out axes) and text boxes (panel titles and other
 * annotations, axis titles, legend, buttons; tick labels per axis) are
 * checked for overlaps.
 */
export async function runPresentationCheck(opt: { htmlPath: string; outDir: string; phoneWidth?: number }): Promise<PresentationReport> {
  mkdirSync(opt.outDir, { recursive: true });
  const url = pathToFileURL(resolve(opt.htmlPath)).href;
  const profile = mkdtempSync(join(tmpdir(), 'article-presentation-'));
  const report: PresentationReport = { blocked: [], modebar: [], phone: [] };
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
  try {
    await ctx.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url || u.startsWith(`${url}#`) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
      report.blocked.push(u);
      return route.abort('blockedbyclient');
    });
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => document.documentElement.dataset.figures === 'ready', undefined, { timeout: 60_000 });
    const ids = await page.$$eval('.plot[data-figure]', (els) => els.map((e) => (e as HTMLElement).dataset.figure!));
    for (const id of ids) {
      // The mode bar is drawn on hover; hover so that every button exists in the DOM.
      await page.locator(`[data-figure="${id}"]`).scrollIntoViewIfNeeded();
      await page.locator(`[data-figure="${id}"]`).hover({ position: { x: 5, y: 5 } });
      report.modebar.push(
        await page.$eval(
          `[data-figure="${id}"]`,
          (el, fid) => ({
            id: fid,
            buttons: Array.from(el.querySelectorAll('.modebar-btn')).map((b) => b.getAttribute('data-title') ?? b.getAttribute('data-val') ?? '?'),
            links: Array.from(el.querySelectorAll('.modebar a[href], a.modebar-btn')).map((a) => a.getAttribute('href') ?? ''),
          }),
          id,
        ),
      );
    }
    await page.close();

    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: opt.phoneWidth ?? 390, height: 844 });
    await phone.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await phone.waitForFunction(() => document.documentElement.dataset.figures === 'ready', undefined, { timeout: 60_000 });
    for (const id of ids) {
      const info = await phone.$eval(`[data-figure="${id}"]`, (el) => {
        const gd = el as HTMLElement & {
          _fullLayout?: {
            _plots?: Record<string, { xaxis: { _offset: number; _length: number }; yaxis: { _offset: number; _length: number; overlaying?: string } }>;
          };
        };
        const plots = Object.entries(gd._fullLayout?._plots ?? {}).filter(([, p]) => !p.yaxis.overlaying);
        const panels = plots.map(([name, p]) => ({ x: p.xaxis._offset, y: p.yaxis._offset, w: p.xaxis._length, h: p.yaxis._length, what: `panel ${name}` }));
        const origin = el.getBoundingClientRect();
        const texts = Array.from(el.querySelectorAll('.annotation-text-g, .g-xtitle, .g-ytitle, .g-gtitle, .legend, .updatemenu-container'))
          .map((t) => {
            const r = t.getBoundingClientRect();
            const label = (t.textContent ?? '').trim().slice(0, 40);
            return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height, what: `${t.getAttribute('class')?.split(' ')[0]} "${label}"` };
          })
          .filter((b) => b.w > 0 && b.h > 0);
        // Tick labels of one axis must not overlap each other either.
        const tickClashes: string[] = [];
        for (const layer of Array.from(el.querySelectorAll('.xaxislayer-above, .yaxislayer-above'))) {
          // Slanted labels are skipped: their axis-aligned boxes overlap even when the text does not.
          const boxes = Array.from(layer.querySelectorAll('text'))
            .filter((t) => !/rotate\((?!0\))/.test(t.getAttribute('transform') ?? ''))
            .map((t) => ({ r: t.getBoundingClientRect(), s: t.textContent ?? '' }))
            .filter((b) => b.r.width > 0);
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i].r;
              const b = boxes[j].r;
              if (a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom)
                tickClashes.push(`tick labels "${boxes[i].s}" and "${boxes[j].s}" overlap`);
            }
          }
        }
        return { layout: (el as HTMLElement).dataset.layout ?? '', panels, texts, tickClashes, width: origin.width, height: origin.height };
      });
      if (info.panels.length < 2) continue;
      const overlap = (a: Box, b: Box, tol: number): boolean =>
        a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;
      const pairs = <T extends Box>(xs: T[], tol: number): string[] =>
        xs.flatMap((a, i) =>
          xs
            .slice(i + 1)
            .filter((b) => overlap(a, b, tol))
            .map((b) => `${a.what} overlaps ${b.what}`),
        );
      const shot = join(opt.outDir, `phone-${id}.png`);
      await phone.locator(`#${id}`).scrollIntoViewIfNeeded();
      await phone.locator(`#${id} .plot`).screenshot({ path: shot });
      // Squashed panels and text cut off at the figure's edge count as collisions too.
      const narrow = info.panels
        .filter((p) => p.w < 0.5 * info.width)
        .map((p) => `${p.what} is ${p.w.toFixed(0)} px wide in a ${info.width.toFixed(0)} px figure`);
      const clipped = info.texts
        .filter((t) => t.x < -2 || t.y < -2 || t.x + t.w > info.width + 2 || t.y + t.h > info.height + 2)
        .map((t) => `${t.what} extends beyond the figure`);
      report.phone.push({
        id,
        layout: info.layout,
        panels: info.panels.length,
        overlaps: [...pairs(info.panels, 0), ...narrow],
        collisions: [...pairs(info.texts, 1), ...clipped, ...info.tickClashes],
        screenshot: shot,
      });
    }
    await phone.close();
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
  writeFileSync(join(opt.outDir, 'presentation.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const htmlPath = resolve(REPO_ROOT, 'results', 'article', 'article.html');
  const outDir = resolve(REPO_ROOT, 'results', 'article', 'check');
  if (!existsSync(htmlPath)) {
    process.stderr.write(`article:check: ${htmlPath} does not exist; run npm run article first\n`);
    process.exit(1);
  }
  const report = await runCheck({ htmlPath, outDir, allowMissing: args.includes('--allow-missing'), log: (l) => process.stderr.write(`${l}\n`) });
  process.stderr.write(`${report.ok ? 'article:check: OK' : `article:check: ${report.failures.length} failure(s)`}; report ${join(outDir, 'report.json')}\n`);
  process.exitCode = report.ok ? 0 : 1;
}
