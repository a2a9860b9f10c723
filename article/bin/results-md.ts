/**
 * `npm run results [-- --no-run] [--rerun] [--out DIR] [--data-dir DIR]`
 *
 * Regenerates `results.md` (specs/article.md, "results.md") at the repository root from the
 * experiment outputs under `results/experiments/`, running any missing or
 * stale experiment first exactly as `npm run article` does (which also
 * writes the file). With `--out DIR` the outputs are read from DIR and the
 * file is written to `DIR/results.md`, so the committed file is untouched.
 * Same facts registry, claims and lint as the article; nothing is written
 * when a claim fails, a fact is missing or the lint finds an error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { articleOut, PATHS, REPO_ROOT, SEED } from '../declarations/config.ts';
import { CLAIMS, SUMMARY_CLAIMS } from '../declarations/claims.ts';
import { defineFacts } from '../declarations/facts/index.ts';
import { SUMMARY_EXPERIMENTS } from '../declarations/facts/summary.ts';
import { evaluateClaim, type ClaimResult } from '../engine/claim-check.ts';
import { loadDocs } from '../engine/content-load.ts';
import { BuildError } from '../engine/errors.ts';
import { prepareExperiments } from '../engine/experiment-status.ts';
import type { FactBook } from '../engine/fact-registry.ts';
import type { LintIssue } from '../engine/prose-lint.ts';
import { numberDocs, type Doc, type MissingUse } from '../engine/render-sections.ts';
import { ResultStore } from '../engine/result-store.ts';
import { renderSummary, type SummaryOutput } from '../engine/results-md-render.ts';
import type { ClaimDef } from '../engine/types.ts';

/** Where results.md goes for a results root: the repository root for the default root, else inside the root. */
export function resultsMdPath(resultsRoot: string): string {
  return resolve(resultsRoot) === resolve(REPO_ROOT, 'results') ? join(REPO_ROOT, 'results.md') : join(resultsRoot, 'results.md');
}

/** The article's path relative to results.md, with forward slashes (`results/article/article.html`). */
function articleHref(resultsRoot: string, mdPath: string): string {
  return relative(dirname(mdPath), join(articleOut(resultsRoot), 'article.html'))
    .split(sep)
    .join('/');
}

/**
 * Renders results.md from facts that are already bound. `claims` holds the
 * evaluated claims the caller has (the article's); the summary's own claims
 * and any article claim the template names are evaluated here if absent.
 */
export function summarize(input: {
  facts: FactBook;
  docs: readonly Doc[];
  resultsRoot: string;
  mdPath: string;
  claims?: ReadonlyMap<string, { def: ClaimDef; result: ClaimResult }>;
}): SummaryOutput {
  const template = readFileSync(PATHS.resultsTemplate, 'utf8');
  const named = new Set([...template.matchAll(/<!--\s*claim:\s*([A-Za-z0-9-]+)\s*-->/g)].map((m) => m[1]));
  const claims = new Map(input.claims ?? []);
  for (const def of [...CLAIMS, ...SUMMARY_CLAIMS]) {
    if (!claims.has(def.id) && (named.has(def.id) || SUMMARY_CLAIMS.includes(def))) claims.set(def.id, { def, result: evaluateClaim(def, input.facts) });
  }
  return renderSummary({
    template,
    file: relative(REPO_ROOT, PATHS.resultsTemplate),
    facts: input.facts,
    claims,
    ownClaims: SUMMARY_CLAIMS.map((c) => c.id),
    anchors: numberDocs(input.docs).anchors,
    articleHref: articleHref(input.resultsRoot, input.mdPath),
    experiments: SUMMARY_EXPERIMENTS,
  });
}

export interface SummaryBuildOptions {
  resultsRoot: string;
  dataDir: string | undefined;
  /** Run missing or stale experiments first (default true). */
  run: boolean;
  rerun: boolean;
  /** Write the file (false: only render, e.g. in tests). */
  write: boolean;
  log: (line: string) => void;
}

export interface SummaryBuildResult {
  readonly ok: boolean;
  readonly path: string;
  readonly text: string;
  readonly problems: string[];
  readonly missing: MissingUse[];
  readonly warnings: LintIssue[];
  readonly changed: boolean;
}

/** Renders (and writes) results.md from the outputs under `resultsRoot`. */
export async function buildSummary(opt: SummaryBuildOptions): Promise<SummaryBuildResult> {
  const path = resultsMdPath(opt.resultsRoot);
  const prepared = await prepareExperiments(SUMMARY_EXPERIMENTS, {
    resultsRoot: opt.resultsRoot,
    repoRoot: REPO_ROOT,
    dataDir: opt.dataDir,
    seed: SEED,
    run: opt.run,
    rerun: opt.rerun,
  });
  for (const w of prepared.warnings) opt.log(`warning: ${w}`);
  const facts = defineFacts();
  facts.bind(new ResultStore(opt.resultsRoot, REPO_ROOT), prepared.available, prepared.unavailable);
  const out = summarize({ facts, docs: loadDocs(PATHS.content, REPO_ROOT), resultsRoot: opt.resultsRoot, mdPath: path });
  const errors = out.lint.filter((l) => l.level === 'error');
  const warnings = out.lint.filter((l) => l.level === 'warning');
  const problems = [...out.problems, ...errors.map((e) => `lint [${e.rule}] ${e.where}: ${e.message}`)];
  const ok = problems.length === 0 && out.missing.length === 0;
  const changed = !existsSync(path) || readFileSync(path, 'utf8') !== out.text;
  if (ok && opt.write && changed) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, out.text);
  }
  return { ok, path, text: out.text, problems, missing: out.missing, warnings, changed };
}

function parseArgs(argv: readonly string[]): SummaryBuildOptions {
  const opt: SummaryBuildOptions = {
    resultsRoot: resolve(REPO_ROOT, 'results'),
    dataDir: process.env.SCALING_DATA_DIR ? resolve(process.env.SCALING_DATA_DIR) : undefined,
    run: true,
    rerun: false,
    write: true,
    log: (l) => process.stderr.write(`${l}\n`),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new BuildError(`${a} needs a value`);
      return v;
    };
    if (a === '--no-run') opt.run = false;
    else if (a === '--rerun') opt.rerun = true;
    else if (a === '--out') opt.resultsRoot = resolve(value());
    else if (a === '--data-dir') opt.dataDir = resolve(value());
    else if (a === '--help' || a === '-h') {
      process.stdout.write('npm run results [-- --no-run] [--rerun] [--out DIR] [--data-dir DIR]\n');
      process.exit(0);
    } else throw new BuildError(`unknown option ${a}`);
  }
  return opt;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const opt = parseArgs(process.argv.slice(2));
    const r = await buildSummary(opt);
    for (const w of r.warnings) opt.log(`warning [${w.rule}] ${w.where}: ${w.message}`);
    for (const m of r.missing) opt.log(`missing: ${m.where}: ${m.what}: ${m.reason}`);
    for (const p of r.problems) opt.log(`error: ${p}`);
    const where = relative(process.cwd(), r.path) || r.path;
    opt.log(r.ok ? `results: ${r.changed ? 'wrote' : 'unchanged'} ${where} (${r.text.split('\n').length - 1} lines)` : `results: FAILED, ${where} not written`);
    process.exitCode = r.ok ? 0 : 1;
  } catch (e) {
    process.stderr.write(`results: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
