/**
 * A small Markdown block parser for the article sources (a stand-in for
 * markdown-it, which is not installed): front matter, ATX headings with
 * `{#id}`, paragraphs, bullet and numbered lists, pipe tables, `$$` display
 * math, `::: kind args … :::` containers, `{{explorable}}`, and
 * `<!-- claim: id -->` markers that attach to the block they precede or sit in.
 * Every block keeps its 1-based source line for error messages.
 */
import { BuildError } from './errors.ts';

export interface SourceLine {
  readonly text: string;
  readonly line: number;
}

export type Block =
  | { t: 'heading'; level: number; text: string; id: string | null; line: number }
  | { t: 'para'; text: string; line: number; claims: string[] }
  | { t: 'list'; ordered: boolean; items: SourceLine[]; line: number; claims: string[] }
  | { t: 'table'; header: string[]; rows: string[][]; line: number }
  | { t: 'math'; tex: string; line: number }
  | { t: 'container'; kind: string; args: string[]; body: Block[]; line: number }
  | { t: 'explorable'; line: number };

export interface ParsedSource {
  readonly file: string;
  readonly front: Record<string, string>;
  readonly blocks: Block[];
  /** The raw text (for the source lint). */
  readonly text: string;
}

const CLAIM_RE = /<!--\s*claim:\s*([A-Za-z0-9-]+)\s*-->/g;

function takeClaims(text: string): { text: string; claims: string[] } {
  const claims: string[] = [];
  const stripped = text.replace(CLAIM_RE, (_m, id: string) => {
    claims.push(id);
    return '';
  });
  return { text: stripped.replace(/[ \t]+/g, ' ').trim(), claims };
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|')) s = s.slice(0, -1);
  // Split on pipes outside math and placeholders.
  const cells: string[] = [];
  let cur = '';
  let inMath = false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '$') inMath = !inMath;
    if (ch === '{' && s[i + 1] === '{') depth++;
    if (ch === '}' && s[i + 1] === '}') depth = Math.max(0, depth - 1);
    if (ch === '|' && !inMath && depth === 0) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/** Parses front matter (`---` … `---`, `key: value` lines) and the body. */
export function parseSource(text: string, file: string): ParsedSource {
  const lines = text.split(/\r?\n/);
  const front: Record<string, string> = {};
  let start = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end < 0) throw new BuildError(`${file}:1: front matter is not closed by ---`);
    for (let i = 1; i < end; i++) {
      const m = /^([a-z_]+):\s*(.*)$/.exec(lines[i]);
      if (!m) throw new BuildError(`${file}:${i + 1}: cannot parse front matter line ${JSON.stringify(lines[i])}`);
      front[m[1]] = m[2].trim();
    }
    start = end + 1;
  }
  const numbered = lines.map((t, i) => ({ text: t, line: i + 1 })).slice(start);
  return { file, front, blocks: parseBlocks(numbered, file), text };
}

/** Parses a run of lines into blocks. */
export function parseBlocks(lines: readonly SourceLine[], file: string): Block[] {
  const blocks: Block[] = [];
  let pendingClaims: string[] = [];
  let i = 0;
  const at = (k: number): string => lines[k]?.text ?? '';
  while (i < lines.length) {
    const { text, line } = lines[i];
    const trimmed = text.trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    const claimOnly = /^<!--\s*claim:\s*([A-Za-z0-9-]+)\s*-->$/.exec(trimmed);
    if (claimOnly) {
      pendingClaims.push(claimOnly[1]);
      i++;
      continue;
    }
    if (/^<!--.*-->$/.test(trimmed)) {
      i++;
      continue;
    }
    const container = /^:::\s*([a-z]+)\s*(.*)$/.exec(trimmed);
    if (container) {
      const body: SourceLine[] = [];
      let j = i + 1;
      while (j < lines.length && at(j).trim() !== ':::') body.push(lines[j++]);
      if (j >= lines.length) throw new BuildError(`${file}:${line}: container "::: ${container[1]}" is not closed by :::`);
      const inner = parseBlocks(body, file);
      if (pendingClaims.length > 0) {
        const first = inner.find((b) => b.t === 'para' || b.t === 'list') as { claims: string[] } | undefined;
        if (first) first.claims.push(...pendingClaims);
        pendingClaims = [];
      }
      blocks.push({ t: 'container', kind: container[1], args: container[2].split(/\s+/).filter(Boolean), body: inner, line });
      i = j + 1;
      continue;
    }
    if (trimmed === '{{explorable}}') {
      blocks.push({ t: 'explorable', line });
      i++;
      continue;
    }
    if (trimmed.startsWith('$$')) {
      let tex = trimmed.slice(2);
      let j = i;
      if (tex.endsWith('$$') && tex.length >= 2) tex = tex.slice(0, -2);
      else {
        j = i + 1;
        const parts = [tex];
        while (j < lines.length && !at(j).trim().endsWith('$$')) parts.push(at(j++));
        if (j >= lines.length) throw new BuildError(`${file}:${line}: display math is not closed by $$`);
        parts.push(at(j).trim().slice(0, -2));
        tex = parts.join('\n');
      }
      blocks.push({ t: 'math', tex: tex.trim(), line });
      i = j + 1;
      continue;
    }
    const heading = /^(#{1,4})\s+(.*?)(?:\s*\{#([a-z0-9-]+)\})?\s*$/.exec(trimmed);
    if (heading) {
      blocks.push({ t: 'heading', level: heading[1].length, text: heading[2], id: heading[3] ?? null, line });
      i++;
      continue;
    }
    if (trimmed.startsWith('|')) {
      const rows: string[][] = [];
      let j = i;
      while (j < lines.length && at(j).trim().startsWith('|')) rows.push(splitRow(at(j++)));
      if (rows.length < 2 || !rows[1].every((c) => /^:?-+:?$/.test(c))) throw new BuildError(`${file}:${line}: a pipe table needs a header row and a --- separator row`);
      blocks.push({ t: 'table', header: rows[0], rows: rows.slice(2), line });
      i = j;
      continue;
    }
    const item = /^([-*]|\d+\.)\s+(.*)$/.exec(trimmed);
    if (item && !text.startsWith(' ')) {
      const ordered = /\d/.test(item[1]);
      const items: SourceLine[] = [];
      let j = i;
      const claims = [...pendingClaims];
      pendingClaims = [];
      while (j < lines.length) {
        const m = /^([-*]|\d+\.)\s+(.*)$/.exec(at(j));
        if (m) {
          items.push({ text: m[2], line: lines[j].line });
          j++;
        } else if (at(j).startsWith('  ') && at(j).trim() !== '' && items.length > 0) {
          const last = items[items.length - 1];
          items[items.length - 1] = { text: `${last.text} ${at(j).trim()}`, line: last.line };
          j++;
        } else break;
      }
      const cleaned = items.map((it) => {
        const c = takeClaims(it.text);
        claims.push(...c.claims);
        return { text: c.text, line: it.line };
      });
      blocks.push({ t: 'list', ordered, items: cleaned, line, claims });
      i = j;
      continue;
    }
    // Paragraph: until a blank line or the start of another block.
    const parts: string[] = [];
    let j = i;
    while (j < lines.length) {
      const t = at(j).trim();
      if (t === '' || (j > i && (/^(:::|\$\$|#{1,4}\s|\||[-*]\s|\d+\.\s)/.test(t) || t === '{{explorable}}'))) break;
      parts.push(t);
      j++;
    }
    const c = takeClaims(parts.join(' '));
    blocks.push({ t: 'para', text: c.text, line, claims: [...pendingClaims, ...c.claims] });
    pendingClaims = [];
    i = j;
  }
  if (pendingClaims.length > 0) throw new BuildError(`${file}: claim marker(s) ${pendingClaims.join(', ')} at the end of a block list protect no sentence`);
  return blocks;
}
