/**
 * The browser check (specs/article.md, "Browser check") as a test, plus the presentation
 * checks (no network controls or requests, phone layout). Runs when
 * Debian's chromium exists and the article has been built (npm run
 * article; ARTICLE_HTML points at another build); otherwise it is skipped
 * with the reason (without the published data: one line saying how to
 * supply them; under CI=true that fails the run).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, NETWORK_BUTTON_TITLES, runCheck, runPresentationCheck, type PresentationReport } from '../../article/bin/check.ts';
import { haveRealData, PUBLISHED_FILES } from '../helpers/data.ts';

const html = process.env.ARTICLE_HTML ? resolve(process.env.ARTICLE_HTML) : join(import.meta.dirname, '../../results/article/article.html');
const checkDir = join(dirname(html), 'check');
// An unbuilt article is the published data's absence when they are absent (the global setup builds it from them).
const reason = !existsSync(CHROMIUM_PATH)
  ? `${CHROMIUM_PATH} not found`
  : existsSync(html)
    ? ''
    : !haveRealData(PUBLISHED_FILES, 'the article browser checks (the global setup builds the article from the data)')
      ? 'published data absent'
      : `${html} not built (run npm run article)`;

describe('article in headless Chromium', () => {
  it.skipIf(reason !== '')(
    `renders offline with every figure, math and a live explorable${reason ? ` (skipped: ${reason})` : ''}`,
    async () => {
      const report = await runCheck({ htmlPath: html, outDir: checkDir });
      expect(report.failures).toEqual([]);
      expect(report.requests).toEqual([]);
      expect(report.figures.length).toBeGreaterThan(0);
    },
    300_000,
  );
});

describe.skipIf(reason !== '')(`article presentation${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let report: PresentationReport;
  beforeAll(async () => {
    report = await runPresentationCheck({ htmlPath: html, outDir: checkDir });
  }, 300_000);

  it('makes no request beyond its own file, data: and blob: URLs (all others blocked by a route)', () => {
    expect(report.blocked).toEqual([]);
  });

  it('has no mode-bar button or link that reaches the network in any figure', () => {
    expect(report.modebar.length).toBeGreaterThan(0);
    // The mode bar was found (hovered) on every figure, so an empty result is not a missing mode bar.
    expect(report.modebar.every((m) => m.buttons.length > 0)).toBe(true);
    const offending = report.modebar.flatMap((m) =>
      [...m.buttons.filter((b) => NETWORK_BUTTON_TITLES.some((re) => re.test(b))), ...m.links].map((b) => `${m.id}: ${b}`),
    );
    expect(offending).toEqual([]);
  });

  it('stacks multi-panel figures at 390 px: phone layout used, no overlapping panels, no colliding or clipped titles', () => {
    expect(report.phone.length).toBeGreaterThan(0);
    const problems = report.phone.flatMap((p) =>
      [...(p.layout === 'phone' ? [] : [`desktop layout at phone width`]), ...p.overlaps, ...p.collisions].map((m) => `${p.id}: ${m}`),
    );
    expect(problems).toEqual([]);
  });
});
