/**
 * Inline rendering of one piece of article text: math (`$…$`, with
 * placeholders substituted first in TeX form), bound values
 * (`{{ key | format }}`), references to figures and sections
 * (`{{ref:id}}`), citations (`[@key; @key2]`), code spans, then a little
 * Markdown (`**strong**`, `*em*`, `[text](url)`) on the escaped remainder.
 */
import { escapeHtml } from './html.ts';
import type { FormatContext } from './format.ts';

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

/** Renders inline text to HTML. */
export function renderInline(text: string, host: InlineHost, ctx: 'prose' | 'table', where: string): string {
  const tokens: string[] = [];
  const hold = (html: string): string => `\u0001${tokens.push(html) - 1}\u0001`;
  let s = text;
  s = s.replace(/`([^`]+)`/g, (_m, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  s = s.replace(INLINE_MATH_RE, (_m, tex: string) => hold(host.math(substituteMath(tex, host, where), false, where)));
  s = s.replace(REF_RE, (_m, id: string) => hold(host.ref(id, where)));
  s = s.replace(PLACEHOLDER_RE, (_m, key: string, fmt: string | undefined) => hold(host.fact(key, fmt, ctx, where)));
  s = s.replace(CITE_RE, (_m, body: string) => hold(host.cite(body.split(';').map((k) => k.trim().slice(1)), where)));
  if (/\{\{|\}\}/.test(s)) host.problem(`${where}: unresolved placeholder syntax in ${JSON.stringify(text.slice(0, 120))}`);
  if (/\[@/.test(s)) host.problem(`${where}: malformed citation in ${JSON.stringify(text.slice(0, 120))}`);
  if (/(?<!\\)\$/.test(s)) host.problem(`${where}: unbalanced $ (raw math) in ${JSON.stringify(text.slice(0, 120))}`);
  s = escapeHtml(s);
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => {
    const external = !url.startsWith('#');
    return `<a href="${url}"${external ? ' rel="noreferrer"' : ''}>${label}</a>`;
  });
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(?<![*\w])\*([^*\s][^*]*?)\*(?![*\w])/g, '<em>$1</em>');
  s = s.replace(/\\\$/g, '$');
  return s.replace(/\u0001(\d+)\u0001/g, (_m, i: string) => tokens[Number(i)]);
}
