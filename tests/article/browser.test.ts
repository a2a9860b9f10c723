/**
 * The browser check of article.md §6.2 as a test. Runs when Debian's
 * chromium exists and the article has been built (npm run article);
 * otherwise it is skipped with the reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, runCheck } from '../../article/check.ts';

const html = join(import.meta.dirname, '../../results/article/article.html');
const reason = !existsSync(CHROMIUM_PATH) ? `${CHROMIUM_PATH} not found` : !existsSync(html) ? 'results/article/article.html not built (run npm run article)' : '';

describe('article in headless Chromium', () => {
  it.skipIf(reason !== '')(`renders offline with every figure, math and a live explorable${reason ? ` (skipped: ${reason})` : ''}`, async () => {
    const report = await runCheck({ htmlPath: html, outDir: join(import.meta.dirname, '../../results/article/check') });
    expect(report.failures).toEqual([]);
    expect(report.requests).toEqual([]);
    expect(report.figures.length).toBeGreaterThan(0);
  }, 300_000);
});
