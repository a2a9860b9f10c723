/**
 * Renders the parsed article sources to HTML: numbering of sections,
 * subsections, figures and tables by order of appearance; containers
 * (callouts, algorithms, figures, tables, collapsed tables); bound values,
 * math, citations and cross references through {@link renderInline}; claim
 * checks on the sentences that carry them; words per section. Problems and
 * missing results are collected, never thrown one at a time.
 */
import { FIGREF_PATTERN } from '../explorable/markup.ts';
import { phoneLayout } from './phone-layout.ts';
import { BuildError } from './errors.ts';
import type { FactBook } from './fact-registry.ts';
import { formatValue, type FormatContext } from './fact-format.ts';
import { escapeHtml, jsonForScript } from '../../src/plot/html.ts';
import { htmlText } from './html-text.ts';
import { renderInline, type InlineHost } from './markdown-inline.ts';
import { figureStrings, lintFigureText, type LintIssue } from './prose-lint.ts';
import type { Block, ParsedSource } from './markdown-blocks.ts';
import type { MathRenderer } from './math-render.ts';
import type { Citations } from './references.ts';
import type { ClaimResult } from './claim-check.ts';
import { describeValues } from './claim-check.ts';
import type { ClaimDef, FigureManifest, FigureOutput, TableDef } from './types.ts';

export type SectionKind = 'front' | 'main' | 'appendix' | 'end';

export interface SectionMeta {
  readonly id: string;
  readonly title: string;
  /** "1"…"12" for main sections, "A"…"I" for appendices, "" otherwise. */
  readonly number: string;
  readonly kind: SectionKind;
  /** Word budget of a main section. */
  readonly budget: number | null;
  /** Experiments the section declares it needs. */
  readonly needs: readonly number[];
}

export interface Doc {
  readonly source: ParsedSource;
  readonly meta: SectionMeta;
}

export type FigureState =
  | { readonly status: 'ok'; readonly output: FigureOutput; readonly manifest: FigureManifest }
  | { readonly status: 'missing'; readonly reason: string; readonly experiments: readonly number[] };

export interface MissingUse {
  readonly what: string;
  readonly where: string;
  readonly reason: string;
  readonly experiments: readonly number[];
}

export interface TocEntry {
  readonly id: string;
  readonly label: string;
  readonly title: string;
  readonly level: 2 | 3;
}

export interface RenderInput {
  readonly docs: readonly Doc[];
  readonly facts: FactBook;
  readonly citations: Citations;
  readonly math: MathRenderer;
  readonly figures: ReadonlyMap<string, FigureState>;
  readonly tables: ReadonlyMap<string, TableDef>;
  readonly claims: ReadonlyMap<string, { def: ClaimDef; result: ClaimResult }>;
  readonly explorableHtml: string;
  /** Plotly config shared by every figure. */
  readonly plotConfig: Record<string, unknown>;
}

export interface RenderOutput {
  readonly sections: Array<{ meta: SectionMeta; html: string }>;
  readonly toc: TocEntry[];
  readonly problems: string[];
  readonly missing: MissingUse[];
  readonly lint: LintIssue[];
  readonly words: Map<string, number>;
  /** Figures in page order with their manifests (missing figures included, flagged). */
  readonly figureOrder: Array<{ id: string; number: number; manifest: FigureManifest | null }>;
  readonly claimsUsed: Set<string>;
  /** Per section id: fact keys and `figure:<id>` entries it uses. */
  readonly uses: Map<string, Set<string>>;
}

/** A numbered target of a cross reference: "Section 4.2", "Figure 3", "Appendix B", "Table 1". */
export interface Anchor {
  readonly label: string;
  readonly href: string;
}

/** Section, subsection, figure and table numbers of the documents, in order of appearance. */
export interface Numbering {
  readonly anchors: Map<string, Anchor>;
  readonly toc: TocEntry[];
  /** Subsection id → "4.2". */
  readonly subNumbers: Map<string, string>;
  readonly problems: string[];
}

/** Numbers sections, subsections, figures and tables by order of appearance (no rendering). */
export function numberDocs(docs: readonly Doc[]): Numbering {
  const problems: string[] = [];
  const anchors = new Map<string, Anchor>();
  const toc: TocEntry[] = [];
  const subNumbers = new Map<string, string>();
  let fig = 0;
  let tab = 0;
  const visitContainers = (blocks: readonly Block[], file: string): void => {
    for (const b of blocks) {
      if (b.t !== 'container') continue;
      const id = b.args[0];
      if (b.kind === 'figure') {
        if (anchors.has(id)) problems.push(`${file}:${b.line}: figure ${id} placed twice`);
        anchors.set(id, { label: `Figure ${++fig}`, href: `#${id}` });
      } else if (b.kind === 'table' || b.kind === 'details') {
        if (anchors.has(id)) problems.push(`${file}:${b.line}: table ${id} placed twice`);
        anchors.set(id, { label: `Table ${++tab}`, href: `#${id}` });
      }
      visitContainers(b.body, file);
    }
  };
  for (const { source, meta } of docs) {
    if (meta.kind === 'main' || meta.kind === 'appendix') {
      const label = meta.kind === 'main' ? `Section ${meta.number}` : `Appendix ${meta.number}`;
      anchors.set(meta.id, { label, href: `#${meta.id}` });
      toc.push({ id: meta.id, label: meta.number, title: meta.title, level: 2 });
    }
    let sub = 0;
    for (const b of source.blocks) {
      if (b.t === 'heading' && b.level === 2 && meta.kind === 'main') {
        if (!b.id) problems.push(`${source.file}:${b.line}: subsection heading needs an {#id}`);
        const n = `${meta.number}.${++sub}`;
        if (b.id) {
          anchors.set(b.id, { label: `Section ${n}`, href: `#${b.id}` });
          subNumbers.set(b.id, n);
          toc.push({ id: b.id, label: n, title: b.text, level: 3 });
        }
      } else if (b.t === 'heading' && b.id) anchors.set(b.id, { label: b.text, href: `#${b.id}` });
    }
    visitContainers(source.blocks, source.file);
  }
  return { anchors, toc, subNumbers, problems };
}

function wordCount(html: string): number {
  const text = htmlText(html.replace(/<!--m-->[\s\S]*?<!--\/m-->/g, ' MATH '));
  return text === '' ? 0 : text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

/** Renders every document. */
export function renderDocs(input: RenderInput): RenderOutput {
  const problems: string[] = [];
  const missing: MissingUse[] = [];
  const lint: LintIssue[] = [];
  const words = new Map<string, number>();
  const figureOrder: RenderOutput['figureOrder'] = [];
  const claimsUsed = new Set<string>();
  const uses = new Map<string, Set<string>>();
  let currentUses = new Set<string>();

  // Pass 1: numbers and anchors in order of appearance.
  const numbering = numberDocs(input.docs);
  const { anchors, toc, subNumbers } = numbering;
  problems.push(...numbering.problems);

  const host = (_file: string): InlineHost => ({
    fact(key: string, format: string | undefined, ctx: FormatContext, where: string): string {
      if (!format) {
        problems.push(`${where}: placeholder {{ ${key} }} needs a format, e.g. {{ ${key} | sig:3 }}`);
        return '';
      }
      currentUses.add(key);
      if (!input.facts.has(key)) {
        problems.push(`${where}: unknown fact ${key}`);
        return `<span class="missing">[unknown: ${escapeHtml(key)}]</span>`;
      }
      const s = input.facts.state(key);
      if (s.status === 'missing') {
        missing.push({ what: `fact ${key}`, where, reason: s.reason, experiments: s.experiments });
        return `<span class="missing" title="${escapeHtml(s.reason)}">[missing: ${escapeHtml(key)}]</span>`;
      }
      try {
        const text = formatValue(s.fact.value, format, ctx);
        return ctx === 'math' ? text : `<span class="v">${escapeHtml(text)}</span>`;
      } catch (e) {
        problems.push(`${where}: {{ ${key} | ${format} }}: ${(e as Error).message}`);
        return '';
      }
    },
    ref(id: string, where: string): string {
      const a = anchors.get(id);
      if (!a) {
        problems.push(`${where}: {{ref:${id}}} points to nothing`);
        return `<span class="missing">[ref: ${escapeHtml(id)}]</span>`;
      }
      return `<a class="xref" href="${a.href}"><span class="num">${escapeHtml(a.label)}</span></a>`;
    },
    cite: (keys, where) => input.citations.cite(keys, where),
    math: (tex, display, where) => input.math.render(tex, display, where),
    problem: (m) => problems.push(m),
  });

  const checkClaims = (claims: readonly string[], text: string, where: string): void => {
    for (const id of claims) {
      const c = input.claims.get(id);
      claimsUsed.add(id);
      if (!c) {
        problems.push(`${where}: unknown claim ${id}`);
        continue;
      }
      if (c.result.status === 'fail') {
        problems.push(`${where}: claim ${id} (${c.def.description}) is false for ${describeValues(c.result.values)}; rewrite: "${text.slice(0, 160)}"`);
      } else if (c.result.status === 'pending') {
        missing.push({ what: `claim ${id}`, where, reason: c.result.reason, experiments: [] });
      }
    }
  };

  const renderTable = (def: TableDef, h: InlineHost, where: string): string => {
    const align = (i: number): string => def.align?.[i] ?? (i === 0 ? 'l' : 'r');
    const head = def.columns.map((c, i) => `<th class="a-${align(i)}">${renderInline(c, h, 'table', where)}</th>`).join('');
    const body = def.rows.map((r) => `<tr>${r.map((c, i) => `<td class="a-${align(i)}">${renderInline(c, h, 'table', where)}</td>`).join('')}</tr>`).join('\n');
    return `<table class="bound"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  };

  const renderBlocks = (blocks: readonly Block[], doc: Doc, counted: { words: number } | null): string => {
    const file = doc.source.file;
    const h = host(file);
    const out: string[] = [];
    for (const b of blocks) {
      const where = `${file}:${b.line}`;
      switch (b.t) {
        case 'heading': {
          const html = renderInline(b.text, h, 'prose', where);
          if (counted) counted.words += wordCount(html);
          if (b.level === 2 && b.id && subNumbers.has(b.id)) out.push(`<h3 id="${b.id}"><span class="num">${subNumbers.get(b.id)}</span> ${html}</h3>`);
          else out.push(`<h${b.level + 1}${b.id ? ` id="${b.id}"` : ''}>${html}</h${b.level + 1}>`);
          break;
        }
        case 'para': {
          const html = renderInline(b.text, h, 'prose', where);
          checkClaims(b.claims, b.text, where);
          if (counted) counted.words += wordCount(html);
          out.push(`<p>${html}</p>`);
          break;
        }
        case 'list': {
          const items = b.items.map((it) => `<li>${renderInline(it.text, h, 'prose', `${file}:${it.line}`)}</li>`);
          checkClaims(b.claims, b.items.map((i) => i.text).join(' '), where);
          const html = `<${b.ordered ? 'ol' : 'ul'}>\n${items.join('\n')}\n</${b.ordered ? 'ol' : 'ul'}>`;
          if (counted) counted.words += wordCount(html);
          out.push(html);
          break;
        }
        case 'table': {
          const head = b.header.map((c) => `<th>${renderInline(c, h, 'table', where)}</th>`).join('');
          const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${renderInline(c, h, 'table', where)}</td>`).join('')}</tr>`).join('\n');
          out.push(`<table class="prose-table"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`);
          break;
        }
        case 'math': {
          const tex = b.tex.replace(/\{\{\s*([a-z0-9_.-]+)\s*\|\s*([a-z0-9:-]+)\s*\}\}/g, (_m, k: string, f: string) => {
            const v = h.fact(k, f, 'math', where);
            return v.startsWith('<') ? `\\boxed{\\text{missing}}` : v;
          });
          out.push(`<div class="display-math">${input.math.render(tex, true, where)}</div>`);
          break;
        }
        case 'explorable':
          // Figure numbers on the scenario buttons, from the same numbering as the figures.
          out.push(
            input.explorableHtml.replace(FIGREF_PATTERN, (_m, id: string) => {
              const a = anchors.get(id);
              if (!a) problems.push(`${file}:${b.line}: the explorable loads the setting of ${id}, which is not placed`);
              return escapeHtml(a?.label ?? id);
            }),
          );
          break;
        case 'container':
          out.push(renderContainer(b, doc, counted, h, where));
          break;
      }
    }
    return out.join('\n');
  };

  const renderContainer = (b: Extract<Block, { t: 'container' }>, doc: Doc, counted: { words: number } | null, h: InlineHost, where: string): string => {
    switch (b.kind) {
      case 'keyresult': {
        const body = renderBlocks(b.body, doc, counted);
        if (!/class="v"|class="missing"/.test(body))
          lint.push({ level: 'warning', rule: 'callout-number', where, message: 'Key result callout without a bound number' });
        return `<aside class="callout" role="note"><p class="callout-title">Key result</p>\n${body}\n</aside>`;
      }
      case 'algorithm': {
        const title = renderInline(b.args.join(' '), h, 'prose', where);
        return `<div class="algorithm"><p class="algorithm-title">${title}</p>\n${renderBlocks(b.body, doc, null)}\n</div>`;
      }
      case 'figure': {
        const id = b.args[0];
        const anchor = anchors.get(id)!;
        const caption = renderBlocks(b.body, doc, null).replace(/^<p>|<\/p>$/g, '');
        const state = input.figures.get(id);
        currentUses.add(`figure:${id}`);
        const number = Number(anchor.label.replace(/\D/g, ''));
        if (!state) {
          problems.push(`${where}: figure ${id} has no builder in article/declarations/figures/index.ts`);
          figureOrder.push({ id, number, manifest: null });
          return '';
        }
        const cap = `<figcaption><span class="num">${anchor.label}.</span> ${caption}</figcaption>`;
        if (state.status === 'missing') {
          missing.push({ what: `figure ${id}`, where, reason: state.reason, experiments: state.experiments });
          figureOrder.push({ id, number, manifest: null });
          return `<figure class="fig" id="${id}"><!--nodigits--><div class="plot pending" role="img" aria-label="Figure pending">Figure pending: ${escapeHtml(state.reason)}</div><!--/nodigits-->${cap}</figure>`;
        }
        figureOrder.push({ id, number, manifest: state.manifest });
        lint.push(...lintFigureText(id, figureStrings(state.output.figure)));
        lint.push(...lintFigureText(id, [state.output.summary]));
        // The page swaps in the phone layout (panels stacked in one column) on narrow screens.
        const phone = phoneLayout(state.output.figure);
        const spec = {
          data: state.output.figure.data,
          layout: state.output.figure.layout,
          ...(phone ? { phone } : {}),
          config: { ...input.plotConfig, ...(state.output.config ?? {}) },
          manifest: state.manifest,
        };
        const table = state.output.dataTable
          ? `<details class="data-table"><summary>Data behind ${anchor.label}</summary><table class="data"><thead><tr>${state.output.dataTable.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${state.output.dataTable.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></details>`
          : '';
        return `<figure class="fig" id="${id}"><div class="plot" id="plot-${id}" data-figure="${id}" role="img" aria-label="${escapeHtml(state.output.summary)}"></div><script type="application/json" id="spec-${id}">${jsonForScript(spec)}</script>${cap}${table}</figure>`;
      }
      case 'table':
      case 'details': {
        const id = b.args[0];
        const anchor = anchors.get(id)!;
        const def = input.tables.get(id);
        const caption = renderBlocks(b.body, doc, null).replace(/^<p>|<\/p>$/g, '');
        if (!def) {
          problems.push(`${where}: table ${id} has no definition in article/declarations/tables.ts`);
          return '';
        }
        const table = renderTable(def, h, where);
        if (b.kind === 'details') {
          return `<details class="bound-table" id="${id}"><summary><span class="num">${anchor.label}.</span> ${caption}</summary>${table}</details>`;
        }
        return `<figure class="table" id="${id}"><figcaption><span class="num">${anchor.label}.</span> ${caption}</figcaption>${table}</figure>`;
      }
      default:
        problems.push(`${where}: unknown container "::: ${b.kind}"`);
        return '';
    }
  };

  const sections: RenderOutput['sections'] = [];
  for (const doc of input.docs) {
    const counted = { words: 0 };
    currentUses = new Set<string>();
    uses.set(doc.meta.id, currentUses);
    const body = renderBlocks(doc.source.blocks, doc, doc.meta.kind === 'main' ? counted : null);
    if (doc.meta.kind === 'main') words.set(doc.meta.id, counted.words);
    sections.push({ meta: doc.meta, html: body });
  }
  for (const [id, c] of input.claims) {
    if (!claimsUsed.has(id)) problems.push(`claim ${id} (${c.def.description}) protects no sentence: add <!-- claim: ${id} --> to the sentence it supports`);
  }
  for (const [id] of input.tables) if (!anchors.has(id)) problems.push(`table ${id} is defined but never placed`);
  for (const [id] of input.figures) if (!anchors.has(id)) problems.push(`figure ${id} is built but never placed`);
  return { sections, toc, problems, missing, lint, words, figureOrder, claimsUsed, uses };
}

/** Throws if a section's declared needs do not cover what it uses. */
export function assertNeeds(doc: Doc, used: readonly number[]): void {
  const extra = used.filter((n) => !doc.meta.needs.includes(n));
  if (extra.length)
    throw new BuildError(
      `${doc.source.file}: uses results of experiment(s) ${extra.join(', ')} but its front matter declares needs: [${doc.meta.needs.join(', ')}]`,
    );
}
