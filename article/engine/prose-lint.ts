/**
 * Prose lint (specs/article.md, "Lint"). `lintSource` checks a Markdown source
 * line by line and reports `file:line:col`; `lintRenderedText` checks the
 * visible text of the assembled page. Errors fail the build; warnings are
 * printed and counted.
 */
import type { Block } from './markdown-blocks.ts';

export interface LintIssue {
  readonly level: 'error' | 'warning';
  readonly rule: string;
  readonly where: string;
  readonly message: string;
}

/** Banned words, any inflection (case-insensitive). */
export const BANNED_WORDS: readonly RegExp[] = [
  /\bcatastroph\w*/i,
  /\bdisastrous\w*/i,
  /\bdisasters?\b/i,
  /\bcorrupt\w*/i,
  /\bbroken\b/i,
  /\bfatal\w*/i,
  /\bflawed\b/i,
  /\bdevastat\w*/i,
  /\bdramatic\w*/i,
  /\bsevere\w*/i,
  /\balarming\w*/i,
  /\begregious\w*/i,
  /\bterribl[ey]\b/i,
  /\bhorribl[ey]\b/i,
  /\bdangerous\w*/i,
  /\bcris[ie]s\b/i,
  /\bplagued?\b/i,
  /\bplagues\b/i,
  /\bdoomed\b/i,
  /\bdebunk\w*/i,
  /\buseless\w*/i,
  /\bgarbage\b/i,
  /\bwildly\b/i,
  /\bmassively\b/i,
  /\bshockingly\b/i,
  /\bstaggering\w*/i,
  /\bblatant\w*/i,
  /\bna[iï]ve\w*/i,
  /\bobviously\b/i,
  /\bclearly\b/i,
  /\bof course\b/i,
];

/** Meta-commentary phrases (case-insensitive). */
export const META_PHRASES: readonly string[] = [
  'it is important to note',
  'it is worth noting',
  'note that',
  'importantly',
  'interestingly',
  'notably',
  'as we have seen',
  'as mentioned',
  'in this section we',
  'in this article we will',
  'let us',
  'to summarize',
  'in summary',
  'the key takeaway',
  'the takeaway here',
  'needless to say',
  'it turns out',
];

/** British spellings warned about (American English is the rule). */
export const BRITISH: readonly RegExp[] = [
  /\bcentre\w*/i,
  /\boptimis\w*/i,
  /\bbehaviour\w*/i,
  /\bcolour\w*/i,
  /\bmodell(?:ed|ing)\b/i,
  /\banalys(?:e|es|ed|ing)\b/i,
  /\bfavour\w*/i,
  /\blabell(?:ed|ing)\b/i,
  /\binitialis\w*/i,
  /\bparameteris\w*/i,
  /\bnormalis\w*/i,
  /\bminimis\w*/i,
  /\bmaximis\w*/i,
  /\brecognis\w*/i,
  /\borganis\w*/i,
  /\butilis\w*/i,
  /\bgeneralis\w*/i,
  /\bsummaris\w*/i,
  /\bartefact\w*/i,
  /\bgrey\b/i,
  /\bdigitis\w*/i,
  /\bregularis\w*/i,
];

/**
 * Phrases with digits that are names, not numbers: the method names, the
 * dimension labels, the FLOP identity, model and hardware names.
 */
export const DIGIT_ALLOWLIST: readonly string[] = [
  'Naive Approach 3',
  'MLE Approach 3',
  'Approach 2',
  'Approach 3',
  '2-D',
  '5-D',
  'C = 6ND',
  'Llama 3 405B',
  'Llama 3',
  'OLMo 3',
  'H100',
  'BF16',
  'OpenWebText2',
  'Dolma 3',
  'ProGen3',
];

const DIGIT_RE = /[0-9⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉]/;
const DASH_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\u2014/, 'em dash (U+2014)'],
  [/\u2015/, 'horizontal bar (U+2015)'],
  [/---/, 'em dash written as ---'],
  [/ -- /, 'em dash written as " -- "'],
  [/ \u2013 /, 'spaced en dash used as punctuation'],
];

/** Blanks out a match, keeping its length so columns stay right. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** Replaces an inline token (math, placeholder, citation) by a neutral filler of the same length, so "a {{x}}–{{y}}" stays an unspaced range. */
function fill(s: string): string {
  return s.replace(/[^\n]/g, '\u00b7');
}

function lineCol(text: string, index: number): [number, number] {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return [line, index - before.lastIndexOf('\n')];
}

/** Checks one piece of prose (already stripped of math, placeholders and citations). */
export function lintProse(prose: string, where: (index: number) => string, options: { digits: boolean }): LintIssue[] {
  const issues: LintIssue[] = [];
  const push = (level: LintIssue['level'], rule: string, index: number, message: string): void => {
    issues.push({ level, rule, where: where(index), message });
  };
  // "Naive Approach 3" is a method name, the one allowed use of the word.
  const forWords = prose.replace(/Naive Approach 3/g, blank);
  for (const re of BANNED_WORDS) {
    const g = new RegExp(re.source, 'gi');
    for (const m of forWords.matchAll(g)) push('error', 'banned-word', m.index!, `banned word "${m[0]}"`);
  }
  const lower = prose.toLowerCase();
  for (const phrase of META_PHRASES) {
    let i = lower.indexOf(phrase);
    while (i >= 0) {
      const before = i === 0 ? ' ' : lower[i - 1];
      const after = lower[i + phrase.length] ?? ' ';
      if (!/[a-z]/.test(before) && !/[a-z]/.test(after)) push('error', 'meta-commentary', i, `meta-commentary "${phrase}"`);
      i = lower.indexOf(phrase, i + 1);
    }
  }
  for (const [re, what] of DASH_RULES) {
    const g = new RegExp(re.source, 'g');
    for (const m of prose.matchAll(g)) push('error', 'dash', m.index!, what);
  }
  if (options.digits) {
    let rest = prose;
    for (const phrase of DIGIT_ALLOWLIST) rest = rest.split(phrase).join(blank(phrase));
    const g = new RegExp(`${DIGIT_RE.source}+`, 'g');
    for (const m of rest.matchAll(g)) {
      const ctx = prose.slice(Math.max(0, m.index! - 20), m.index! + 20).replace(/\s+/g, ' ');
      push('error', 'hand-typed-number', m.index!, `hand-typed number "${m[0]}" in "…${ctx.trim()}…" (bind it with {{ key | format }})`);
    }
  }
  for (const m of prose.matchAll(/:\s+([a-z][a-z]+)/g)) {
    if (!/^(https?|www)$/.test(m[1]))
      push('warning', 'colon-clause', m.index!, `colon followed by a lowercase clause ("${m[0].trim()}"); consider two sentences`);
  }
  for (const m of prose.matchAll(/\b(simply|just)\b/gi)) push('warning', 'minimizer', m.index!, `"${m[0]}" used as a minimizer?`);
  for (const re of BRITISH) {
    const g = new RegExp(re.source, 'gi');
    for (const m of prose.matchAll(g)) push('warning', 'british-spelling', m.index!, `British spelling "${m[0]}"`);
  }
  return issues;
}

/** Numbers inside math source that must come from placeholders: decimals and integers ≥ 100. */
export function lintMath(tex: string, where: string): LintIssue[] {
  const clean = tex.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\\[a-zA-Z]+/g, ' ');
  const issues: LintIssue[] = [];
  for (const m of clean.matchAll(/\d+\.\d+|\d+/g)) {
    if (m[0].includes('.') || Number(m[0]) >= 100) {
      issues.push({ level: 'error', rule: 'hand-typed-number', where, message: `number ${m[0]} typed inside math $${tex}$ (bind it with a placeholder)` });
    }
  }
  return issues;
}

/**
 * Lints a Markdown source: front matter, comments, math, placeholders,
 * citations, container markers and link targets are blanked (keeping
 * positions) before the prose rules run; math gets {@link lintMath}.
 */
export function lintSource(text: string, file: string): LintIssue[] {
  const issues: LintIssue[] = [];
  let s = text;
  const fm = /^---\n[\s\S]*?\n---\n/.exec(s);
  if (fm) s = blank(fm[0]) + s.slice(fm[0].length);
  s = s.replace(/<!--[\s\S]*?-->/g, blank);
  const mathAt = (re: RegExp): void => {
    s = s.replace(re, (m: string, tex: string, offset: number) => {
      const [line] = lineCol(text, offset);
      issues.push(...lintMath(tex, `${file}:${line}`));
      return fill(m);
    });
  };
  mathAt(/\$\$([\s\S]+?)\$\$/g);
  mathAt(/(?<![\\$])\$(?!\$)((?:[^$\\\n]|\\.)+?)\$/g);
  s = s.replace(/\{\{[^}]*\}\}/g, fill);
  s = s.replace(/\[@[^\]]*\]/g, fill);
  s = s.replace(/`[^`\n]*`/g, fill);
  s = s.replace(/^\s*:::.*$/gm, blank);
  s = s.replace(/^(\s*)(\d+\.)(?=\s)/gm, (_m, ws: string, marker: string) => ws + blank(marker));
  s = s.replace(/\{#[a-z0-9-]+\}/g, blank);
  s = s.replace(/\]\([^)]*\)/g, (m) => `]${blank(m.slice(1))}`);
  s = s.replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, blank);
  issues.push(
    ...lintProse(
      s,
      (index) => {
        const [line, col] = lineCol(text, index);
        return `${file}:${line}:${col}`;
      },
      { digits: true },
    ),
  );
  return issues;
}

/**
 * Lints the visible text of the assembled page. `text` must already exclude
 * math, bound values, citations, build-generated numbers, data tables and
 * the reference list (see assemble.ts, which marks them).
 */
export function lintRenderedText(text: string, label: string): LintIssue[] {
  const issues = lintProse(text, (i) => `${label} near "${text.slice(Math.max(0, i - 30), i + 30)}"`, { digits: true }).filter((x) => x.level === 'error');
  for (const [re, what] of [
    [/\{\{/, 'unresolved {{ placeholder'],
    [/\[@/, 'unresolved [@ citation'],
    [/\$/, 'raw $ (unrendered math)'],
  ] as const) {
    const m = re.exec(text);
    if (m) issues.push({ level: 'error', rule: 'unresolved', where: `${label} near "${text.slice(Math.max(0, m.index - 30), m.index + 30)}"`, message: what });
  }
  return issues;
}

/** Strings of a Plotly figure a reader sees (titles, names, annotations, tick text). */
export function figureStrings(value: unknown, out: string[] = [], key = ''): string[] {
  if (typeof value === 'string') {
    if (['text', 'name', 'title', 'ticktext', 'hovertemplate', 'legendgrouptitle'].some((k) => key === k)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) figureStrings(v, out, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) figureStrings(v, out, k);
  }
  return out;
}

/** Banned words and dashes in figure text (numbers there are data, not prose). */
export function lintFigureText(figureId: string, strings: readonly string[]): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const s of strings) {
    const plain = s.replace(/<[^>]+>/g, ' ');
    issues.push(...lintProse(plain, () => `figure ${figureId}: "${plain.slice(0, 60)}"`, { digits: false }).filter((x) => x.level === 'error'));
  }
  return issues;
}

const REF_RE = /\{\{ref:([a-z0-9-]+)\}\}/g;
const PLACED_KINDS = new Set(['figure', 'table', 'details']);

/**
 * Every figure and table must be cited (`{{ref:id}}`) from running text at
 * least once: a paragraph, list, heading, prose table or callout, never only
 * from its own caption or from another figure's or table's caption. Returns
 * one error per uncited figure or table, at the line of its directive.
 */
export function uncitedFigures(sources: ReadonlyArray<{ readonly file: string; readonly blocks: readonly Block[] }>): LintIssue[] {
  const placed: Array<{ id: string; kind: string; where: string }> = [];
  const cited = new Set<string>();
  const scan = (text: string): void => {
    for (const m of text.matchAll(REF_RE)) cited.add(m[1]);
  };
  const visit = (blocks: readonly Block[], file: string): void => {
    for (const b of blocks) {
      switch (b.t) {
        case 'heading':
        case 'para':
          scan(b.text);
          break;
        case 'list':
          for (const it of b.items) scan(it.text);
          break;
        case 'table':
          for (const c of [...b.header, ...b.rows.flat()]) scan(c);
          break;
        case 'container':
          if (PLACED_KINDS.has(b.kind)) placed.push({ id: b.args[0], kind: b.kind === 'figure' ? 'figure' : 'table', where: `${file}:${b.line}` });
          else visit(b.body, file);
          break;
        default:
          break;
      }
    }
  };
  for (const s of sources) visit(s.blocks, s.file);
  return placed
    .filter((p) => !cited.has(p.id))
    .map((p) => ({
      level: 'error' as const,
      rule: 'uncited-figure',
      where: p.where,
      message: `${p.kind} ${p.id} is not cited from running text; add {{ref:${p.id}}} to the sentence that discusses it (its own caption and other captions do not count)`,
    }));
}
