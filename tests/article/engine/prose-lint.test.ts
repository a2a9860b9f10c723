import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMath, lintRenderedText, lintSource, uncitedFigures } from '../../../article/engine/prose-lint.ts';
import { parseSource } from '../../../article/engine/markdown-blocks.ts';

const errors = (text: string) => lintSource(text, 'x.md').filter((i) => i.level === 'error');
const warnings = (text: string) => lintSource(text, 'x.md').filter((i) => i.level === 'warning');

describe('prose lint', () => {
  it('flags banned words in any inflection, with line and column', () => {
    const issues = errors('Fine line.\nThe bias is dramatically large and severely wrong.\n');
    expect(issues.map((i) => i.rule)).toEqual(['banned-word', 'banned-word']);
    expect(issues[0].where).toMatch(/^x\.md:2:\d+$/);
    expect(issues.map((i) => i.message).join(' ')).toMatch(/dramatically.*severely|severely.*dramatically/);
  });

  it('allows "Naive" only in the method name Naive Approach 3', () => {
    expect(errors('Naive Approach 3 starts at random.')).toEqual([]);
    expect(errors('A naive fit starts at random.').map((i) => i.rule)).toEqual(['banned-word']);
  });

  it('flags em dashes, their ASCII spellings and spaced en dashes, but not numeric ranges', () => {
    for (const s of ['a\u2014b', 'a --- b', 'a -- b', 'a \u2013 b', 'a\u2015b']) expect(errors(s).map((i) => i.rule)).toContain('dash');
    expect(errors('budgets {{ cfg.budget.min | pow10 }}\u2013{{ cfg.budget.max | pow10 }}')).toEqual([]);
  });

  it('flags meta-commentary phrases', () => {
    expect(errors('Note that the fit is exact.').map((i) => i.rule)).toEqual(['meta-commentary']);
    expect(errors('Interestingly, it works.').map((i) => i.rule)).toEqual(['meta-commentary']);
    expect(errors('Let us look.').map((i) => i.rule)).toEqual(['meta-commentary']);
    expect(errors('The footnote that follows.')).toEqual([]);
  });

  it('flags hand-typed numbers outside placeholders, citations and math, with an allowlist', () => {
    expect(errors('The error is 5.1% here.').map((i) => i.rule)).toEqual(['hand-typed-number', 'hand-typed-number']);
    expect(errors('Budgets up to 10²¹ FLOPs.').map((i) => i.rule)).toEqual(['hand-typed-number']);
    expect(errors('The error is {{ x.y | pct:1 }} [@chinchilla] with $a = 0.5 + {{ x.z | sig:3 }}$.').filter((i) => i.message.includes('"0'))).toHaveLength(0);
    expect(errors('Approach 2 and Approach 3 use 2-D and 5-D searches; C = 6ND; Llama 3 405B on H100 GPUs.')).toEqual([]);
  });

  it('flags decimals and integers of 100 or more inside math unless they come from a placeholder', () => {
    expect(lintMath('a = 0.34', 'x').map((i) => i.rule)).toEqual(['hand-typed-number']);
    expect(lintMath('10^{24}', 'x')).toEqual([]);
    expect(lintMath('C = 1000', 'x')).toHaveLength(1);
    expect(lintMath('\\alpha = {{ surf.chinchilla.alpha | fixed:2 }}', 'x')).toEqual([]);
    expect(errors('$\\alpha = 0.34$').map((i) => i.rule)).toEqual(['hand-typed-number']);
  });

  it('warns on colon clauses, minimizers and British spellings', () => {
    const rules = warnings('It has one flaw: the center. We simply fit. The centre of the behaviour.').map((i) => i.rule);
    expect(rules).toEqual(expect.arrayContaining(['colon-clause', 'minimizer', 'british-spelling']));
  });

  it('finds unresolved template syntax in rendered text', () => {
    const rules = lintRenderedText('left {{ over and [@cite and $x$', 'page').map((i) => i.message);
    expect(rules).toEqual(expect.arrayContaining(['unresolved {{ placeholder', 'unresolved [@ citation', 'raw $ (unrendered math)']));
  });

  it('passes on every article source', () => {
    const dir = join(import.meta.dirname, '../../../article/content');
    const all = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => lintSource(readFileSync(join(dir, f), 'utf8'), f).filter((i) => i.level === 'error'));
    expect(all.map((i) => `${i.where}: ${i.message}`)).toEqual([]);
  });
});

describe('figure and table citations', () => {
  const doc = (lines: string[], file = 'x.md') => parseSource(['---', 'id: sec-x', 'title: X', 'kind: main', '---', '', ...lines].join('\n'), file);

  it('flags a figure or table cited only from its own caption or another caption, at its directive line', () => {
    const src = doc(['::: figure fig-a', 'Caption that cites {{ref:fig-a}} and {{ref:tbl-b}}.', ':::', '', '::: details tbl-b', 'Collapsed table.', ':::']);
    const issues = uncitedFigures([src]);
    expect(issues.map((i) => [i.rule, i.level, i.where])).toEqual([
      ['uncited-figure', 'error', 'x.md:7'],
      ['uncited-figure', 'error', 'x.md:11'],
    ]);
    expect(issues[0].message).toMatch(/figure fig-a is not cited/);
    expect(issues[1].message).toMatch(/table tbl-b is not cited/);
  });

  it('accepts citations from paragraphs, lists, callouts and other sections', () => {
    const a = doc(['See {{ref:fig-a}}.', '', '::: figure fig-a', 'Caption.', ':::', '', '::: table tbl-c', 'Caption.', ':::'], 'a.md');
    const b = doc(['- {{ref:tbl-c}} lists them.', '', '::: keyresult', 'As {{ref:fig-d}} shows.', ':::', '', '::: figure fig-d', 'Caption.', ':::'], 'b.md');
    expect(uncitedFigures([a, b])).toEqual([]);
    expect(uncitedFigures([a]).map((i) => i.message)).toEqual([expect.stringMatching(/tbl-c/)]);
  });

  it('holds for every figure and table of the article', () => {
    const dir = join(import.meta.dirname, '../../../article/content');
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => parseSource(readFileSync(join(dir, f), 'utf8'), f));
    expect(uncitedFigures(docs).map((i) => `${i.where}: ${i.message}`)).toEqual([]);
  });
});
