import { describe, expect, it } from 'vitest';
import { renderInline, type InlineHost } from '../../../article/engine/markdown-inline.ts';
import { parseSource } from '../../../article/engine/markdown-blocks.ts';
import { Citations, loadReferences } from '../../../article/engine/references.ts';

function host(problems: string[] = []): InlineHost {
  return {
    fact: (key, fmt, ctx) => (ctx === 'math' ? `\\mathrm{${key}}` : `<span class="v">${key}|${fmt}</span>`),
    ref: (id) => `<a href="#${id}">ref</a>`,
    cite: (keys) => `<sup class="cite">${keys.join(',')}</sup>`,
    math: (tex) => `<!--m-->${tex}<!--/m-->`,
    problem: (m) => problems.push(m),
  };
}

describe('article Markdown', () => {
  it('parses front matter, headings with ids, containers, lists, math and claims', () => {
    const src = [
      '---',
      'id: sec-x',
      'title: X',
      'kind: main',
      '---',
      '',
      '## Part {#sec-x-part}',
      '',
      '<!-- claim: c-one -->',
      'First sentence. <!-- claim: c-two --> Second.',
      '',
      '- item one',
      '  continued',
      '- item two',
      '',
      '$$',
      'a = b',
      '$$',
      '',
      '::: figure fig-a',
      'Caption with {{ k.v | sig:3 }}.',
      ':::',
      '',
      '{{explorable}}',
    ].join('\n');
    const p = parseSource(src, 'x.md');
    expect(p.front).toMatchObject({ id: 'sec-x', title: 'X', kind: 'main' });
    expect(p.blocks.map((b) => b.t)).toEqual(['heading', 'para', 'list', 'math', 'container', 'explorable']);
    expect(p.blocks[0]).toMatchObject({ level: 2, id: 'sec-x-part' });
    expect(p.blocks[1]).toMatchObject({ claims: ['c-one', 'c-two'], text: 'First sentence. Second.' });
    expect(p.blocks[2]).toMatchObject({ items: [{ text: 'item one continued' }, { text: 'item two' }] });
    expect(p.blocks[4]).toMatchObject({ kind: 'figure', args: ['fig-a'] });
  });

  it('reads YAML front matter with typed values and reports unclosed blocks with their line', () => {
    const p = parseSource(['---', 'id: sec-y', 'title: "Costs: at scale"', 'number: 9', 'needs: [4, 11]', '---', '', 'Text.'].join('\n'), 'y.md');
    expect(p.front).toEqual({ id: 'sec-y', title: 'Costs: at scale', number: 9, needs: [4, 11] });
    expect(p.blocks).toEqual([{ t: 'para', text: 'Text.', line: 8, claims: [] }]);
    expect(() => parseSource(['---', 'title: a: b', '---'].join('\n'), 'z.md')).toThrow(/^z\.md:2: /);
    expect(() => parseSource(['Intro.', '', '::: figure fig-a', 'Caption.'].join('\n'), 'c.md')).toThrow(/c\.md:3: container "::: figure" is not closed/);
    expect(() => parseSource(['$$', 'a = b'].join('\n'), 'm.md')).toThrow(/m\.md:1: display math is not closed/);
    expect(() => parseSource(['- one', '  - nested'].join('\n'), 'l.md')).toThrow(/l\.md:\d+: a list item may hold one paragraph only/);
  });

  it('renders placeholders, math (with placeholders inside), citations, refs and emphasis', () => {
    const problems: string[] = [];
    const html = renderInline(
      'See {{ref:sec-a}}, value {{ a.b | pct:1 }}, $x = {{ c.d | sig:2 }}$ [@k1; @k2] and **bold** *em* `code`.',
      host(problems),
      'prose',
      'x.md:1',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="#sec-a">ref</a>');
    expect(html).toContain('<span class="v">a.b|pct:1</span>');
    expect(html).toContain('<!--m-->x = \\mathrm{c.d}<!--/m-->');
    expect(html).toContain('<sup class="cite">k1,k2</sup>');
    expect(html).toContain('<strong>bold</strong> <em>em</em> <code>code</code>');
  });

  it('keeps escaped dollars, marks external links and leaves template syntax inside code spans alone', () => {
    const problems: string[] = [];
    const html = renderInline('It costs \\$5, see [a](https://a.org) and [b](#sec-b); `{{x}}` & more.', host(problems), 'prose', 'x.md:2');
    expect(problems).toEqual([]);
    expect(html).toBe('It costs $5, see <a href="https://a.org" rel="noreferrer">a</a> and <a href="#sec-b">b</a>; <code>{{x}}</code> &amp; more.');
  });

  it('reports unbalanced dollars and stray template syntax', () => {
    const problems: string[] = [];
    renderInline('costs $5 and {{ broken', host(problems), 'prose', 'x.md:3');
    expect(problems.join('\n')).toMatch(/unresolved placeholder/);
    expect(problems.join('\n')).toMatch(/unbalanced \$/);
  });

  it('numbers citations by first use and lists unknown and uncited keys', () => {
    const refs = loadReferences(
      [
        'a:',
        '  title: "A"',
        '  url: https://a',
        '  year: 2020',
        '  authors: "X"',
        'b:',
        '  title: "B"',
        '  url: https://b',
        'c:',
        '  title: "C"',
        '  url: https://c',
        '  uncited_ok: true',
      ].join('\n'),
      'refs.yaml',
    );
    const c = new Citations(refs);
    expect(c.cite(['b'], 'w')).toContain('>1</a>');
    expect(c.cite(['a', 'b'], 'w')).toMatch(/>2<\/a>, .*>1<\/a>/);
    c.cite(['zzz'], 'x.md:9');
    expect(c.problems).toEqual(['x.md:9: unknown citation key @zzz']);
    expect(c.uncited()).toEqual([]);
    expect(c.renderList()).toContain('X (2020). <cite>A</cite>.');
  });
});
