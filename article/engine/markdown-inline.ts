/**
 * Inline rendering of one piece of article text with markdown-it and four
 * inline rules for our extensions: math (`$…$`, with placeholders
 * substituted first in TeX form), bound values (`{{ key | format }}`),
 * references to figures and sections (`{{ref:id}}`) and citations
 * (`[@key; @key2]`). Everything else is markdown-it's own inline syntax
 * (code spans, emphasis, links, backslash escapes), with raw HTML off.
 * External links get `rel="noreferrer"`. Stray template syntax (`{{`, `[@`)
 * and an unclosed `$` are reported as problems.
 */
import markdownit, { type MarkdownIt, type StateInline, type Token } from 'markdown-it';
import type { FormatContext } from './fact-format.ts';

export const PLACEHOLDER_RE = /\{\{\s*([a-z0-9_][a-z0-9_.-]*)\s*(?:\|\s*([a-z0-9]+(?::-?[0-9]+)?)\s*)?\}\}/g;
export const REF_RE = /\{\{ref:([a-z0-9-]+)\}\}/g;
export const CITE_RE = /\[(@[A-Za-z0-9_]+(?:\s*;\s*@[A-Za-z0-9_]+)*)\]/g;
export const INLINE_MATH_RE = /(?<![\\$])\$(?!\$)((?:[^$\\]|\\.)+?)\$/g;

/** What inline rendering needs from the build. */
export interface InlineHost {
  /** Formatted value of a fact as HTML (or a visible gap marker). */
  fact(key: string, format: string | undefined, ctx: FormatContext, where: string): string;
  ref(id: string, where: string): string;
  cite(keys: string[], where: string): string;
  math(tex: string, display: boolean, where: string): string;
  problem(message: string): void;
}

/** Substitutes placeholders inside TeX with their math-context formatting. */
export function substituteMath(tex: string, host: InlineHost, where: string): string {
  return tex.replace(PLACEHOLDER_RE, (_m, key: string, fmt: string | undefined) => {
    const html = host.fact(key, fmt, 'math', where);
    // A gap marker inside math becomes a visible TeX box.
    return html.startsWith('<') ? `\\boxed{\\text{missing: ${key.replace(/_/g, '\\_')}}}` : html;
  });
}

type InlineEnv = {
  host: InlineHost;
  ctx: 'prose' | 'table';
  where: string;
  text: string;
};

const sticky = (re: RegExp): RegExp => new RegExp(re.source, 'y');
const PLACEHOLDER_AT = sticky(PLACEHOLDER_RE);
const REF_AT = sticky(REF_RE);
const CITE_AT = sticky(CITE_RE);

function pushHtml(state: StateInline, html: string): void {
  state.push('article_html', '', 0).content = html;
}

/** `$…$` (not `$$`); backslash escapes inside are kept for TeX. */
function mathRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x24 || src.charCodeAt(pos + 1) === 0x24) return false;
  let end = pos + 1;
  while (end < state.posMax && src.charCodeAt(end) !== 0x24) end += src.charCodeAt(end) === 0x5c ? 2 : 1;
  const env = state.env as unknown as InlineEnv;
  if (end >= state.posMax || end === pos + 1) {
    if (!silent) env.host.problem(`${env.where}: unbalanced $ (raw math) in ${JSON.stringify(env.text.slice(0, 120))}`);
    return false;
  }
  if (!silent) {
    const tex = src.slice(pos + 1, end);
    pushHtml(state, env.host.math(substituteMath(tex, env.host, env.where), false, env.where));
  }
  state.pos = end + 1;
  return true;
}

/** `{{ key | format }}` and `{{ref:id}}`. */
function braceRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  const env = state.env as unknown as InlineEnv;
  REF_AT.lastIndex = pos;
  const ref = REF_AT.exec(src);
  if (ref && ref.index + ref[0].length <= state.posMax) {
    if (!silent) pushHtml(state, env.host.ref(ref[1], env.where));
    state.pos = pos + ref[0].length;
    return true;
  }
  PLACEHOLDER_AT.lastIndex = pos;
  const m = PLACEHOLDER_AT.exec(src);
  if (!m || m.index + m[0].length > state.posMax) return false;
  if (!silent) pushHtml(state, env.host.fact(m[1], m[2], env.ctx, env.where));
  state.pos = pos + m[0].length;
  return true;
}

/** `[@key]`, `[@a; @b]`. */
function citeRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x5b || src.charCodeAt(pos + 1) !== 0x40) return false;
  CITE_AT.lastIndex = pos;
  const m = CITE_AT.exec(src);
  if (!m || m.index + m[0].length > state.posMax) return false;
  const env = state.env as unknown as InlineEnv;
  if (!silent)
    pushHtml(
      state,
      env.host.cite(
        m[1].split(';').map((k) => k.trim().slice(1)),
        env.where,
      ),
    );
  state.pos = pos + m[0].length;
  return true;
}

function inlineParser(): MarkdownIt {
  const md = markdownit('default', { html: false, linkify: false, typographer: false });
  md.disable(['image', 'autolink', 'strikethrough']);
  md.inline.ruler.after('escape', 'article_math', mathRule);
  md.inline.ruler.before('escape', 'article_brace', braceRule);
  md.inline.ruler.before('link', 'article_cite', citeRule);
  md.renderer.rules.article_html = (tokens, idx) => tokens[idx].content;
  const linkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx].attrGet('href') ?? '');
    if (!href.startsWith('#')) tokens[idx].attrSet('rel', 'noreferrer');
    return linkOpen(tokens, idx, options, env, self);
  };
  return md;
}

let parser: MarkdownIt | null = null;

function textOf(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.type === 'text' ? t.content : t.children ? textOf(t.children) : '')).join('\u0000');
}

/** Renders inline text to HTML. */
export function renderInline(text: string, host: InlineHost, ctx: 'prose' | 'table', where: string): string {
  parser ??= inlineParser();
  const env: InlineEnv = { host, ctx, where, text };
  const tokens = parser.parseInline(text, env);
  const plain = textOf(tokens);
  if (/\{\{|\}\}/.test(plain)) host.problem(`${where}: unresolved placeholder syntax in ${JSON.stringify(text.slice(0, 120))}`);
  if (/\[@/.test(plain)) host.problem(`${where}: malformed citation in ${JSON.stringify(text.slice(0, 120))}`);
  return parser.renderer.render(tokens, parser.options, env);
}
