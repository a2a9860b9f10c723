/**
 * The page's code bundles for the browser (no Node module reachable from
 * app/main.ts or app/worker.ts: a library module that starts importing one
 * breaks the page), and the page's policy opens nothing but blob: workers
 * (specs/app.md).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle } from '../../app/build.ts';
import { APP_CSP, appHtml } from '../../app/page.ts';
import { CSP as ARTICLE_CSP } from '../../article/engine/page-assemble.ts';

const APP = join(import.meta.dirname, '..', '..', 'app');

describe('app bundles', () => {
  it('bundles the page and the worker for the browser', async () => {
    for (const entry of ['main.ts', 'worker.ts']) {
      const code = await bundle(join(APP, entry));
      expect(code.length).toBeGreaterThan(10_000);
      expect(code).not.toMatch(/require\(["']node:/);
    }
  }, 120_000);
});

describe('app page policy', () => {
  it('is the article’s CSP with worker-src blob: and no other change', () => {
    expect(APP_CSP).toBe(ARTICLE_CSP.replace("worker-src 'none'", 'worker-src blob:'));
    expect(APP_CSP).toContain("connect-src 'none'");
    const html = appHtml({ wasmBase64: 'AA==', plotlyJs: '', workerJs: '', appJs: '', examples: [['a.csv', 'n,d,loss\n']], byline: 'x' });
    expect(html).toContain(`content="${APP_CSP}"`);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
