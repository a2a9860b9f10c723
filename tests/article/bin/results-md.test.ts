/**
 * results.md (specs/article.md, "results.md"): the template renderer on a small fact book,
 * and the committed file against a rebuild from the experiment outputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../../article/declarations/config.ts';
import { SUMMARY_EXPERIMENTS } from '../../../article/declarations/facts/summary.ts';
import { buildSummary, resultsMdPath } from '../../../article/bin/results-md.ts';
import { evaluateClaim } from '../../../article/engine/claim-check.ts';
import { experimentStatus, loadRegistry } from '../../../article/engine/experiment-status.ts';
import { FactBook } from '../../../article/engine/fact-registry.ts';
import { ResultStore } from '../../../article/engine/result-store.ts';
import { renderSummary, SUMMARY_HEADER, type SummaryInput } from '../../../article/engine/results-md-render.ts';
import type { ClaimDef } from '../../../article/engine/types.ts';
import { haveRealData, PUBLISHED_FILES } from '../../helpers/data.ts';

const ROOT = join(import.meta.dirname, '../../..');
const RESULTS = join(ROOT, 'results');

function input(template: string, extra: Partial<SummaryInput> = {}): SummaryInput {
  const f = new FactBook();
  f.config('x.err', -5.100244551712022, 'test', '%');
  f.config('x.usd', 2.7e6, 'test', 'USD');
  f.config('x.tokens', 4.04e12, 'test');
  f.add('x.gone', { needs: [11] }, () => 1);
  f.bind(new ResultStore('/nonexistent', '/'), new Set(), new Map([[11, 'no outputs']]));
  const defs: ClaimDef[] = [
    { id: 'neg', description: 'x.err is negative', facts: ['x.err'], check: (v) => v['x.err'] < 0 },
    { id: 'pos', description: 'x.err is positive', facts: ['x.err'], check: (v) => v['x.err'] > 0 },
  ];
  return {
    template,
    file: 't.md.tmpl',
    facts: f,
    claims: new Map(defs.map((d) => [d.id, { def: d, result: evaluateClaim(d, f) }])),
    ownClaims: [],
    anchors: new Map([['sec-a', { label: 'Section 4.2', href: '#sec-a' }]]),
    articleHref: 'results/article/article.html',
    experiments: [],
    ...extra,
  };
}

describe('results.md template', () => {
  it('binds values, links into the article, labels experiments and drops notes', () => {
    const out = renderSummary(
      input(
        [
          '<!-- a note',
          'over two lines -->',
          '### {{exp:3}}. Title',
          '',
          '<!-- claim: neg --> The error is {{ x.err | pct:2 }}, {{ x.usd | usd }} ({{link:sec-a}}).',
          '| a | b |',
          '|---|---:|',
          '| t | {{ x.tokens | tokens }} |',
        ].join('\n'),
        { experiments: [3] },
      ),
    );
    expect(out.problems).toEqual([]);
    expect(out.missing).toEqual([]);
    expect(out.lint.filter((l) => l.level === 'error')).toEqual([]);
    expect(out.text).toBe(
      [
        SUMMARY_HEADER,
        '### Experiment 3. Title',
        '',
        'The error is \u22125.10%, \\$2.7M ([Section 4.2](results/article/article.html#sec-a)).',
        '| a | b |',
        '|---|---:|',
        '| t | 4.04T |',
        '',
      ].join('\n'),
    );
    expect([...out.uses].sort()).toEqual(['x.err', 'x.tokens', 'x.usd']);
  });

  it('fails on false claims, unknown facts and links, unused own claims and missing experiment blocks', () => {
    const out = renderSummary(
      input('<!-- claim: pos --> It is {{ x.err | pct:1 }} and {{ y.z | pct:1 }} ({{link:nowhere}}).', { ownClaims: ['neg'], experiments: [0] }),
    );
    const text = out.problems.join('\n');
    expect(text).toMatch(/claim pos .* is false for x\.err = -5\.1/);
    expect(text).toMatch(/unknown fact y\.z/);
    expect(text).toMatch(/\{\{link:nowhere\}\} points to no section/);
    expect(text).toMatch(/claim neg .* protects no sentence/);
    expect(text).toMatch(/experiment 0 needs exactly one \{\{exp:0\}\} block, found 0/);
  });

  it('lists missing facts and lints hand-typed numbers, banned words and dashes in the prose', () => {
    const out = renderSummary(input('Costs {{ x.gone | int }}. The error is 5.1%, a dramatic gap \u2014 clearly. Run `npm run exp -- --all` first.'));
    expect(out.missing.map((m) => m.what)).toEqual(['fact x.gone']);
    const rules = out.lint.filter((l) => l.level === 'error' && l.where.startsWith('results.md')).map((l) => l.rule);
    expect(rules).toEqual(expect.arrayContaining(['hand-typed-number', 'banned-word', 'dash']));
    expect(out.lint.filter((l) => l.level === 'error').some((l) => /--/.test(l.message))).toBe(false);
  });
});

/** Why the committed results.md cannot be compared here, or '' when it can. */
async function skipReason(): Promise<string> {
  const reg = await loadRegistry();
  if (!('entries' in reg)) return `experiments/registry.ts cannot be imported: ${reg.error}`;
  const bad = SUMMARY_EXPERIMENTS.map((id) => experimentStatus(id, RESULTS, SEED, reg.entries)).filter((s) => s.state !== 'fresh');
  if (bad.length === 0) return '';
  const absent = bad.filter((s) => s.state === 'absent').length;
  return absent === SUMMARY_EXPERIMENTS.length
    ? 'no experiment outputs under results/experiments (a fresh clone: run npm run article, or npm run exp -- --all)'
    : `experiment outputs missing or stale: ${bad.map((s) => `exp${s.id} (${'reason' in s ? s.reason : ''})`).join('; ')}`;
}

const outputs = await skipReason();
// The global setup builds the outputs from the published data; without them that is the reason to give.
const reason =
  outputs === ''
    ? ''
    : !haveRealData(PUBLISHED_FILES, 'the results.md comparison (the global setup builds the experiment outputs from the data)')
      ? 'published data absent'
      : outputs;

describe('committed results.md', () => {
  it.skipIf(reason !== '')(`equals a rebuild from the experiment outputs${reason ? ` (skipped: ${reason})` : ''}`, async () => {
    const path = resultsMdPath(RESULTS);
    expect(existsSync(path), 'results.md is missing: run npm run results').toBe(true);
    const r = await buildSummary({ resultsRoot: RESULTS, dataDir: undefined, run: false, rerun: false, write: false, log: () => undefined });
    expect(r.problems).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.text === readFileSync(path, 'utf8'), 'results.md differs from a rebuild from the experiment outputs: run npm run results and commit it').toBe(
      true,
    );
  });
});
