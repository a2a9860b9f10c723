/**
 * Global setup: build the article (and with it every experiment, full mode)
 * when results/article/article.html is absent, as in a fresh clone on CI, so
 * the browser check and the results.md comparison run instead of skipping.
 * Takes about a minute on two cores; a developer's existing results are reused.
 * results.md is not rewritten here: the test compares the committed file.
 * Without the published data it only warns; the tests that need the built
 * article skip (tests/helpers/data.ts), failing the run under CI=true.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { missingRealData, SHARED_DATA_DIR } from '../helpers/data.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(): Promise<void> {
  if (existsSync(join(ROOT, 'results/article/article.html'))) return;
  const missing = missingRealData();
  if (missing !== '') {
    // Not thrown here: the tests that need the article skip with their own line, or fail under CI=true.
    console.warn(`article not built: ${missing}`);
    return;
  }
  const { buildArticle } = await import('../../article/bin/build.ts');
  const t0 = performance.now();
  const r = await buildArticle({
    allowMissing: false,
    rerun: false,
    run: true,
    resultsRoot: join(ROOT, 'results'),
    dataDir: SHARED_DATA_DIR,
    log: () => undefined,
  });
  if (!r.ok) throw new Error(`article build failed before the tests: ${[...r.problems, ...r.missing.map((m) => m.reason)].join('; ')}`);
  console.log(`built the article for the tests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
