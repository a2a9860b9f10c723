/**
 * `npm run article [-- --allow-missing] [--rerun] [--no-run] [--out DIR] [--data-dir DIR]`
 *
 * Builds `results/article/article.html`, one self-contained page, and the
 * summary `results.md` at the repository root (with `--out DIR`: inside
 * DIR): runs or reuses the experiments the sections declare, evaluates the
 * facts registry, builds every figure, checks claims, renders Markdown
 * (markdown-it) with bound values, KaTeX math and numbered citations, lints
 * the prose, and inlines plotly.js, the explorable bundle and the
 * WebAssembly core. A missing result fails the build naming it;
 * `--allow-missing` (development only) builds a draft with the gaps marked
 * visibly instead (results.md is then not written).
 *
 * The published data sets come from `--data-dir DIR`, else
 * `SCALING_DATA_DIR`, else the data module's cache or a download; when none
 * has them the build stops before running any experiment, with the data
 * module's message.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { articleOut, packageVersion, PATHS, PUBLICATION_DATE, REPO_ROOT, SEED, SUBTITLE, TITLE } from '../declarations/config.ts';
import { assemblePage, lintableText } from '../engine/page-assemble.ts';
import { bundleExplorable, katexCss, plotlyForArticle, wasmBase64 } from '../engine/page-assets.ts';
import { evaluateClaim } from '../engine/claim-check.ts';
import { loadDocs } from '../engine/content-load.ts';
import { BuildError, MissingResultError } from '../engine/errors.ts';
import { prepareExperiments } from '../engine/experiment-status.ts';
import { escapeHtml, jsonForScript } from '../../src/plot/html.ts';
import { lintRenderedText, lintSource, uncitedFigures, type LintIssue } from '../engine/prose-lint.ts';
import { MathRenderer } from '../engine/math-render.ts';
import { Citations, loadReferences } from '../engine/references.ts';
import { renderDocs, type FigureState, type MissingUse } from '../engine/render-sections.ts';
import { preloadPublished, publishedLoadError } from '../engine/published-data.ts';
import { ResultStore } from '../engine/result-store.ts';
import { manifestOf, type BuildContext } from '../engine/types.ts';
import { CLAIMS, SUMMARY_CLAIMS } from '../declarations/claims.ts';
import { computeExplorable } from '../explorable/compute.ts';
import { explorableMarkup } from '../explorable/markup.ts';
import { defaultState } from '../explorable/state.ts';
import { curvesFigure, lawFigure } from '../explorable/views.ts';
import { defineFacts } from '../declarations/facts/index.ts';
import { SUMMARY_EXPERIMENTS } from '../declarations/facts/summary.ts';
import { resultsMdPath, summarize } from './results-md.ts';
import { FIGURES } from '../declarations/figures/index.ts';
import { PLOT_CONFIG } from '../declarations/figures/palette.ts';
import { withoutAutomargin } from '../declarations/figures/figure-helpers.ts';
import { TABLES } from '../declarations/tables.ts';

export interface BuildOptions {
  allowMissing: boolean;
  rerun: boolean;
  /** Run missing experiments (default true). */
  run: boolean;
  resultsRoot: string;
  dataDir: string | undefined;
  /** Where to write results.md (specs/article.md, "results.md"); not written when absent. */
  resultsMd?: string;
  log: (line: string) => void;
}

export interface BuildResult {
  ok: boolean;
  htmlPath: string;
  missing: MissingUse[];
  problems: string[];
  warnings: LintIssue[];
  bytes: number;
}

/** `SCALING_DATA_DIR` if set; otherwise the data module searches its cache and downloads (no guessed folders). */
function defaultDataDir(): string | undefined {
  return process.env.SCALING_DATA_DIR ? resolve(process.env.SCALING_DATA_DIR) : undefined;
}

/** Reading time estimate (the lint's reading-time rule, specs/article.md, "Lint"). */
export function readingMinutes(words: number, figures: number): number {
  return words / 230 + 0.25 * figures + 2;
}

export async function buildArticle(opt: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const outDir = articleOut(opt.resultsRoot);
  const docs = loadDocs(PATHS.content, REPO_ROOT);

  // 1. Published data (the article reads it itself, and experiments 0, 11 and 12 need it):
  // without it, stop now with the data module's message instead of after the experiments.
  await preloadPublished(opt.dataDir);
  const dataError = publishedLoadError();
  if (dataError && !opt.allowMissing) {
    throw new BuildError(`published data not available, so nothing was run or built. ${dataError}`);
  }

  // 2. Experiments: the union of what the sections declare, plus what results.md reads.
  const needed = [...new Set([...docs.flatMap((d) => d.meta.needs), ...SUMMARY_EXPERIMENTS])].sort((a, b) => a - b);
  const prepared = await prepareExperiments(needed, {
    resultsRoot: opt.resultsRoot,
    repoRoot: REPO_ROOT,
    dataDir: opt.dataDir,
    seed: SEED,
    run: opt.run,
    rerun: opt.rerun,
  });
  for (const w of prepared.warnings) opt.log(`warning: ${w}`);
  const { available, unavailable } = prepared;
  for (const s of prepared.statuses) opt.log(`  exp${s.id}: ${available.has(s.id) ? 'available' : `unavailable (${unavailable.get(s.id)})`}`);

  // 3. Facts, figures, claims.
  const store = new ResultStore(opt.resultsRoot, REPO_ROOT);
  const facts = defineFacts({ literaturePath: PATHS.literature });
  facts.bind(store, available, unavailable);
  const memo = new Map<string, unknown>();
  const figureFacts = new Set<string>();
  const ctx: BuildContext = {
    store,
    facts,
    dataDir: opt.dataDir,
    lib: { memo: <T>(key: string, fn: () => T): T => (memo.has(key) ? (memo.get(key) as T) : (memo.set(key, fn()), memo.get(key) as T)) },
    fact: (k) => {
      figureFacts.add(k);
      const s = facts.state(k, false);
      if (s.status === 'missing') throw new MissingResultError(s.reason, s.experiments[0] ?? -1, k);
      return s.fact.value as number;
    },
  };
  const figures = new Map<string, FigureState>();
  for (const def of FIGURES) {
    const absent = def.needs.filter((n) => !available.has(n));
    if (absent.length) {
      figures.set(def.id, {
        status: 'missing',
        reason: absent.map((n) => `experiment ${n}: ${unavailable.get(n) ?? 'not available'}`).join('; '),
        experiments: absent,
      });
      continue;
    }
    try {
      const built = await def.build(ctx);
      const output = { ...built, figure: withoutAutomargin(built.figure) };
      figures.set(def.id, { status: 'ok', output, manifest: manifestOf(output.figure) });
    } catch (e) {
      if (e instanceof MissingResultError) figures.set(def.id, { status: 'missing', reason: e.message, experiments: [e.experiment] });
      else throw new BuildError(`figure ${def.id}: ${(e as Error).stack ?? (e as Error).message}`);
    }
  }
  const claims = new Map(CLAIMS.map((def) => [def.id, { def, result: evaluateClaim(def, facts) }]));

  // 4. Render.
  const refs = loadReferences(readFileSync(PATHS.references, 'utf8'), relative(REPO_ROOT, PATHS.references));
  const citations = new Citations(refs);
  const math = new MathRenderer();
  const render = renderDocs({
    docs,
    facts,
    citations,
    math,
    figures,
    tables: new Map(TABLES.map((t) => [t.id, t])),
    claims,
    explorableHtml: explorableMarkup(),
    plotConfig: PLOT_CONFIG,
  });
  const problems = [...render.problems, ...citations.problems];
  for (const key of citations.uncited()) problems.push(`reference ${key} is never cited (mark it uncited_ok in references.yaml to keep it)`);
  problems.push(...citations.verificationProblems());

  // Declared needs must cover what each section uses.
  for (const doc of docs) {
    const used = new Set<number>();
    for (const u of render.uses.get(doc.meta.id) ?? []) {
      const ns = u.startsWith('figure:') ? (FIGURES.find((f) => f.id === u.slice(7))?.needs ?? []) : facts.has(u) ? facts.needsOf(u) : [];
      for (const n of ns) used.add(n);
    }
    const extra = [...used].filter((n) => !doc.meta.needs.includes(n));
    if (extra.length) problems.push(`${doc.source.file}: uses results of experiment(s) ${extra.join(', ')} not declared in its front matter needs`);
  }

  // results.md: same facts, claims and lint (written with the article, below).
  const summary = opt.resultsMd ? summarize({ facts, docs, resultsRoot: opt.resultsRoot, mdPath: opt.resultsMd, claims }) : null;
  if (summary) {
    problems.push(...summary.problems);
    for (const l of summary.lint) if (l.level === 'error') problems.push(`lint [${l.rule}] ${l.where}: ${l.message}`);
  }

  // 5. Lint.
  const lint: LintIssue[] = [...render.lint];
  for (const doc of docs) lint.push(...lintSource(doc.source.text, doc.source.file));
  lint.push(...uncitedFigures(docs.map((d) => d.source)));
  const frontDocs = render.sections.filter((s) => s.meta.kind === 'front');
  const bodySections = render.sections.filter((s) => s.meta.kind !== 'front');
  // Front matter (the abstract) sits in the title block, each under its own heading.
  const frontHtml = frontDocs.map((s) => `<section id="${s.meta.id}" class="front"><h2>${escapeHtml(s.meta.title)}</h2>\n${s.html}\n</section>`).join('\n');

  // Words and reading time.
  const mainFigures = render.figureOrder.filter((f) =>
    docs.find((d) => d.meta.kind === 'main' && (render.uses.get(d.meta.id)?.has(`figure:${f.id}`) ?? false)),
  ).length;
  const totalWords = [...render.words.values()].reduce((a, b) => a + b, 0);
  const minutes = readingMinutes(totalWords, mainFigures);
  for (const doc of docs) {
    const w = render.words.get(doc.meta.id);
    if (w !== undefined && doc.meta.budget && w > 1.3 * doc.meta.budget) {
      lint.push({ level: 'warning', rule: 'word-budget', where: doc.source.file, message: `${w} words, more than 130% of the budget of ${doc.meta.budget}` });
    }
  }
  if (minutes < 18 || minutes > 40)
    lint.push({
      level: opt.allowMissing ? 'warning' : 'error',
      rule: 'reading-time',
      where: 'article',
      message: `estimated reading time ${minutes.toFixed(1)} min is outside 18–40`,
    });
  else if (minutes < 22 || minutes > 33)
    lint.push({ level: 'warning', rule: 'reading-time', where: 'article', message: `estimated reading time ${minutes.toFixed(1)} min is outside 22–33` });

  // 6. Assemble.
  const missing = [...render.missing, ...(summary?.missing ?? [])];
  const partial = missing.length > 0;
  // Every figure the page draws picks the plotly.js bundle, the explorable's two views (at their start state) included.
  const start = defaultState();
  const explorableStart = computeExplorable(start);
  const drawn = [
    ...[...figures.values()].flatMap((f) => (f.status === 'ok' ? [f.output.figure] : [])),
    curvesFigure(explorableStart),
    lawFigure(explorableStart, start.C),
  ];
  const [plotly, explorableJs] = await Promise.all([plotlyForArticle(drawn), bundleExplorable(PATHS.explorableEntry)]);
  const wasm = wasmBase64(PATHS.wasm);
  const manifest = {
    figures: render.figureOrder.map((f) => ({
      id: f.id,
      number: f.number,
      panels: f.manifest?.panels ?? null,
      traces: f.manifest?.traces ?? null,
      pending: f.manifest === null,
    })),
    explorablePlots: ['explorable-curves', 'explorable-law'],
    mathCount: math.count,
    partial,
    missingExperiments: [...new Set(missing.flatMap((m) => m.experiments))].sort((a, b) => a - b),
    wasmSha256: wasm.sha256,
    consistency: { preset: 'chinchilla', budget: 1e24, a2DErrPct: factNumber(facts, 'ref.chinchilla.xl.dstar_err') },
  };
  const banner = partial
    ? `<!--nodigits--><p class="draft-banner" role="alert">Draft built with --allow-missing: ${missing.length} result uses are missing (experiments ${manifest.missingExperiments.join(', ') || 'n/a'}). Gaps are marked in red.</p><!--/nodigits-->`
    : '';
  const html = assemblePage({
    title: TITLE,
    subtitle: SUBTITLE,
    byline: PUBLICATION_DATE === null ? '' : `Version ${packageVersion()}. ${PUBLICATION_DATE}.`,
    frontHtml: banner + frontHtml,
    render: { ...render, sections: bodySections },
    referencesHtml: citations.renderList(),
    katexCss: katexCss(),
    articleCss: readFileSync(PATHS.css, 'utf8'),
    plotlyJs: plotly.code,
    explorableJs,
    wasmBase64: wasm.base64,
    manifest,
    meta: { 'article-version': packageVersion(), 'article-math-count': String(math.count), generator: 'npm run article' },
  });
  lint.push(...lintRenderedText(lintableText(html.replace(/<title>[\s\S]*?<\/title>/, '')), 'article.html'));

  const errors = lint.filter((l) => l.level === 'error');
  const warnings = [...lint, ...(summary?.lint ?? [])].filter((l) => l.level === 'warning');
  for (const w of warnings) opt.log(`warning [${w.rule}] ${w.where}: ${w.message}`);
  for (const e of errors) problems.push(`lint [${e.rule}] ${e.where}: ${e.message}`);
  facts.markUsed([...CLAIMS, ...SUMMARY_CLAIMS].flatMap((c) => c.facts));
  facts.markUsed(['ref.chinchilla.xl.dstar_err', ...figureFacts]);
  const unused = facts.unused();
  for (const k of unused.single) opt.log(`warning [unused-fact] ${k}`);
  if (unused.family.length)
    opt.log(`note: ${unused.family.length} facts of bulk-defined families are unused by the article (listed in build-report.json; results.md may use them)`);

  // 7. Write.
  mkdirSync(join(outDir, 'figures'), { recursive: true });
  const htmlPath = join(outDir, 'article.html');
  const failed = problems.length > 0 || (partial && !opt.allowMissing);
  if (!failed) {
    writeFileSync(htmlPath, html);
    writeFileSync(join(outDir, 'facts.json'), `${JSON.stringify(facts.dump(), null, 2)}\n`);
    for (const [id, f] of figures)
      if (f.status === 'ok')
        writeFileSync(join(outDir, 'figures', `${id}.json`), jsonForScript({ ...f.output.figure, config: { ...PLOT_CONFIG, ...(f.output.config ?? {}) } }));
  }
  if (summary && opt.resultsMd) {
    if (!failed && summary.missing.length === 0) {
      const changed = !existsSync(opt.resultsMd) || readFileSync(opt.resultsMd, 'utf8') !== summary.text;
      if (changed) writeFileSync(opt.resultsMd, summary.text);
      opt.log(`results.md: ${changed ? 'wrote' : 'unchanged'} ${relative(process.cwd(), opt.resultsMd) || opt.resultsMd} (${summary.lines} lines)`);
    } else opt.log(`results.md: not written (${failed ? 'the build failed' : `${summary.missing.length} missing uses`})`);
  }
  const report = {
    words: Object.fromEntries(render.words),
    total_words: totalWords,
    reading_minutes: Number(minutes.toFixed(2)),
    figures: manifest.figures,
    math_count: math.count,
    warnings: warnings.length,
    unused_facts: unused,
    missing: missing.map((m) => `${m.where}: ${m.what}: ${m.reason}`),
    problems,
    bytes: Buffer.byteLength(html),
  };
  writeFileSync(join(outDir, 'build-report.json'), `${JSON.stringify(report, null, 2)}\n`);

  opt.log(`words ${totalWords} (${[...render.words].map(([k, v]) => `${k} ${v}`).join(', ')}); reading time ${minutes.toFixed(1)} min`);
  if (missing.length) {
    const byExp = new Map<string, Set<string>>();
    for (const m of missing) {
      const key = m.experiments.length ? m.experiments.map((n) => `experiment ${n}`).join(', ') : 'claims';
      if (!byExp.has(key)) byExp.set(key, new Set());
      byExp.get(key)!.add(m.what);
    }
    opt.log(`${opt.allowMissing ? 'gaps (--allow-missing)' : 'MISSING RESULTS'}: ${missing.length} uses`);
    for (const [k, v] of byExp) opt.log(`  ${k}: ${[...v].slice(0, 12).join(', ')}${v.size > 12 ? `, … (${v.size} in all)` : ''}`);
  }
  for (const p of problems) opt.log(`error: ${p}`);
  opt.log(
    failed
      ? 'article: FAILED (nothing written but build-report.json)'
      : `article: wrote ${relative(process.cwd(), htmlPath)} (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB${partial ? ', DRAFT with gaps' : ''}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { ok: !failed, htmlPath, missing, problems, warnings, bytes: Buffer.byteLength(html) };
}

function factNumber(facts: ReturnType<typeof defineFacts>, key: string): number | null {
  if (!facts.has(key)) return null;
  const s = facts.state(key, false);
  return s.status === 'ok' && typeof s.fact.value === 'number' ? s.fact.value : null;
}

function parseArgs(argv: readonly string[]): BuildOptions {
  const opt: BuildOptions = {
    allowMissing: false,
    rerun: false,
    run: true,
    resultsRoot: resolve(REPO_ROOT, 'results'),
    dataDir: defaultDataDir(),
    log: (l) => process.stderr.write(`${l}\n`),
  };
  const value = (i: number): string => {
    if (argv[i] === undefined || argv[i].startsWith('--')) throw new BuildError(`${argv[i - 1]} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--allow-missing') opt.allowMissing = true;
    else if (a === '--rerun') opt.rerun = true;
    else if (a === '--no-run') opt.run = false;
    else if (a === '--out') opt.resultsRoot = resolve(value(++i));
    else if (a === '--data-dir') opt.dataDir = resolve(value(++i));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run article [-- --allow-missing] [--rerun] [--no-run] [--out DIR] [--data-dir DIR]\n');
      process.exit(0);
    } else throw new BuildError(`unknown option ${a}`);
  }
  opt.resultsMd = resultsMdPath(opt.resultsRoot);
  return opt;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const result = await buildArticle(parseArgs(process.argv.slice(2)));
    process.exitCode = result.ok ? 0 : 1;
  } catch (e) {
    process.stderr.write(`article: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
