/**
 * Article configuration: title, version and publication date (never the
 * clock, so the build is byte-for-byte reproducible), paths, and the
 * experiment seed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED } from '../../src/core/seed.ts';

/** `article/` (this file is in `article/declarations/`). */
export const ARTICLE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_ROOT = dirname(ARTICLE_DIR);

export const TITLE = 'How IsoFLOP parabola fits bias scaling-law extrapolation';
export const SUBTITLE = 'Approach 2 on asymmetric loss surfaces and off-center sampling grids, and a variable projection alternative';
/**
 * Publication date shown in the byline (config, not the clock); null shows
 * no byline. The package version stays in the page's `article-version` meta.
 */
export const PUBLICATION_DATE: string | null = null;

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Seed the experiments run with (specs/experiments.md §A.1 default). */
export const SEED = DEFAULT_SEED;

export const PATHS = {
  content: join(ARTICLE_DIR, 'content'),
  references: join(ARTICLE_DIR, 'references.yaml'),
  literature: join(ARTICLE_DIR, 'literature.yaml'),
  publishedExponents: join(ARTICLE_DIR, 'data', 'published_exponents.csv'),
  css: join(ARTICLE_DIR, 'style.css'),
  resultsTemplate: join(ARTICLE_DIR, 'results.md.tmpl'),
  explorableEntry: join(ARTICLE_DIR, 'explorable', 'main.ts'),
  wasm: join(REPO_ROOT, 'build', 'release.wasm'),
} as const;

/** Output folder of the article under a results root. */
export function articleOut(resultsRoot: string): string {
  return join(resultsRoot, 'article');
}
