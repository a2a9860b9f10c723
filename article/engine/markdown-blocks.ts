/**
 * Block structure of the article sources, parsed with markdown-it
 * (specs/article.md, "Deviations and open points", Markdown and YAML): YAML front matter (js-yaml), ATX headings with `{#id}`,
 * paragraphs, bullet and numbered lists, pipe tables, plus three block rules
 * written for our extensions: `$$ … $$` display math, `::: kind args … :::`
 * containers and the `{{explorable}}` line. `<!-- claim: id -->` markers
 * attach to the paragraph or list they sit in or precede (markdown-it runs
 * with `html: false`, so a marker is paragraph text until it is taken out
 * here). Inline content is kept as source text and rendered later by
 * `markdown-inline.ts`. Every block keeps its 1-based source line for messages.
 */
import markdownit, { type MarkdownIt, type StateBlock, type Token } from 'markdown-it';
import { BuildError } from './errors.ts';
import { parseYaml } from './yaml.ts';

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
  readonly front: Record<string, unknown>;
  readonly blocks: Block[];
  /** The raw text (for the source lint). */
  readonly text: string;
}

const CLAIM_RE = /<!--\s*claim:\s*([A-Za-z0-9-]+)\s*-->/g;

/** Takes claim markers (and template notes) out of a piece of inline source; lines are joined by spaces. */
function takeClaims(text: string): { text: string; claims: string[] } {
  const claims: string[] = [];
  const stripped = text
    .replace(CLAIM_RE, (_m, id: string) => {
      claims.push(id);
      return '';
    })
    .replace(/<!--[\s\S]*?-->/g, '');
  return { text: stripped.replace(/\s+/g, ' ').trim(), claims };
}

type BlockEnv = {
  file: string;
  offset: number;
};

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]).trim();
}

/** `::: kind args` … `:::` (not nested; the body is parsed as blocks). */
function containerRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const m = /^:::\s*([a-z]+)\s*(.*)$/.exec(lineText(state, startLine));
  if (!m) return false;
  if (silent) return true;
  let close = startLine + 1;
  while (close < endLine && lineText(state, close) !== ':::') close++;
  if (close >= endLine) {
    const env = state.env as unknown as BlockEnv;
    throw new BuildError(`${env.file}:${startLine + 1 + env.offset}: container "::: ${m[1]}" is not closed by :::`);
  }
  const open = state.push('container_open', 'div', 1);
  open.info = m[1];
  open.meta = { args: m[2].split(/\s+/).filter(Boolean) };
  open.map = [startLine, close + 1];
  const oldParent = state.parentType;
  const oldMax = state.lineMax;
  state.parentType = 'container' as typeof state.parentType;
  state.lineMax = close;
  state.md.block.tokenize(state, startLine + 1, close);
  state.parentType = oldParent;
  state.lineMax = oldMax;
  state.push('container_close', 'div', -1);
  state.line = close + 1;
  return true;
}

/** `$$ … $$` on one line or several. */
function mathBlockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const first = lineText(state, startLine);
  if (!first.startsWith('$$')) return false;
  if (silent) return true;
  let tex = first.slice(2);
  let last = startLine;
  if (tex.length >= 2 && tex.endsWith('$$')) tex = tex.slice(0, -2);
  else {
    last = startLine + 1;
    while (last < endLine && !lineText(state, last).endsWith('$$')) last++;
    if (last >= endLine) {
      const env = state.env as unknown as BlockEnv;
      throw new BuildError(`${env.file}:${startLine + 1 + env.offset}: display math is not closed by $$`);
    }
    const body: string[] = [first.slice(2)];
    for (let l = startLine + 1; l < last; l++) body.push(state.src.slice(state.bMarks[l], state.eMarks[l]));
    body.push(lineText(state, last).slice(0, -2));
    tex = body.join('\n');
  }
  const token = state.push('math_block', 'div', 0);
  token.content = tex.trim();
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

/** `{{explorable}}` alone on a line. */
function explorableRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (lineText(state, startLine) !== '{{explorable}}') return false;
  if (silent) return true;
  const token = state.push('explorable', 'div', 0);
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

/** The block parser: markdown-it with our block rules, no inline pass (markdown-inline.ts renders inline text). */
function blockParser(): MarkdownIt {
  const md = markdownit('default', { html: false, linkify: false, typographer: false });
  md.disable(['code', 'fence', 'blockquote', 'hr', 'reference', 'html_block', 'lheading']);
  md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  md.block.ruler.before('table', 'container', containerRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.block.ruler.before('table', 'math_block', mathBlockRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.block.ruler.before('table', 'explorable', explorableRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  return md;
}

let parser: MarkdownIt | null = null;

/** Parses front matter (`---` … `---`, YAML) and the body. */
export function parseSource(text: string, file: string): ParsedSource {
  const lines = text.split(/\r?\n/);
  let front: Record<string, unknown> = {};
  let start = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end < 0) throw new BuildError(`${file}:1: front matter is not closed by ---`);
    const doc = parseYaml(lines.slice(1, end).join('\n'), file, 1);
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) throw new BuildError(`${file}:2: front matter must be a mapping`);
    front = (doc ?? {}) as Record<string, unknown>;
    start = end + 1;
  }
  return { file, front, blocks: parseBlocks(lines.slice(start).join('\n'), file, start), text };
}

/** Parses Markdown into blocks; `lineOffset` is the number of lines before `text` in the file. */
export function parseBlocks(text: string, file: string, lineOffset = 0): Block[] {
  parser ??= blockParser();
  const env: BlockEnv = { file, offset: lineOffset };
  const tokens = parser.parse(text, env);
  const lineOf = (t: Token): number => (t.map ? t.map[0] : 0) + 1 + lineOffset;
  return toBlocks(tokens, 0, tokens.length, file, lineOf);
}

/** Index of the token closing the one at `i` (same level, nesting −1). */
function closing(tokens: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    depth += tokens[j].nesting;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

function toBlocks(tokens: readonly Token[], from: number, to: number, file: string, lineOf: (t: Token) => number): Block[] {
  const blocks: Block[] = [];
  let pending: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const m = /^(.*?)(?:\s*\{#([a-z0-9-]+)\})?\s*$/.exec(tokens[i + 1].content)!;
        blocks.push({ t: 'heading', level: Number(t.tag.slice(1)), text: m[1], id: m[2] ?? null, line: lineOf(t) });
        i = closing(tokens, i);
        break;
      }
      case 'paragraph_open': {
        const c = takeClaims(tokens[i + 1].content);
        if (c.text === '') pending.push(...c.claims);
        else {
          blocks.push({ t: 'para', text: c.text, line: lineOf(t), claims: [...pending, ...c.claims] });
          pending = [];
        }
        i = closing(tokens, i);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const end = closing(tokens, i);
        const items: SourceLine[] = [];
        const claims = [...pending];
        pending = [];
        for (let j = i + 1; j < end; j++) {
          const tj = tokens[j];
          if (tj.type === 'inline') {
            const c = takeClaims(tj.content);
            claims.push(...c.claims);
            items.push({ text: c.text, line: lineOf(tj) });
          } else if (!['list_item_open', 'list_item_close', 'paragraph_open', 'paragraph_close'].includes(tj.type)) {
            throw new BuildError(`${file}:${lineOf(tj)}: a list item may hold one paragraph only (found ${tj.type})`);
          }
        }
        blocks.push({ t: 'list', ordered: t.type === 'ordered_list_open', items, line: lineOf(t), claims });
        i = end;
        break;
      }
      case 'table_open': {
        const end = closing(tokens, i);
        const rows: string[][] = [];
        let header: string[] = [];
        let row: string[] = [];
        for (let j = i + 1; j < end; j++) {
          const tj = tokens[j];
          if (tj.type === 'tr_open') row = [];
          else if (tj.type === 'inline') row.push(tj.content.trim());
          else if (tj.type === 'tr_close') {
            if (tokens[j + 1]?.type === 'thead_close') header = row;
            else rows.push(row);
          }
        }
        blocks.push({ t: 'table', header, rows, line: lineOf(t) });
        i = end;
        break;
      }
      case 'math_block':
        blocks.push({ t: 'math', tex: t.content, line: lineOf(t) });
        break;
      case 'explorable':
        blocks.push({ t: 'explorable', line: lineOf(t) });
        break;
      case 'container_open': {
        const end = closing(tokens, i);
        const body = toBlocks(tokens, i + 1, end, file, lineOf);
        if (pending.length > 0) {
          const first = body.find((b) => b.t === 'para' || b.t === 'list') as { claims: string[] } | undefined;
          if (first) first.claims.push(...pending);
          pending = [];
        }
        blocks.push({ t: 'container', kind: t.info, args: (t.meta as { args: string[] }).args, body, line: lineOf(t) });
        i = end;
        break;
      }
      default:
        throw new BuildError(`${file}:${lineOf(t)}: unsupported Markdown (${t.type})`);
    }
  }
  if (pending.length > 0) throw new BuildError(`${file}: claim marker(s) ${pending.join(', ')} at the end of a block list protect no sentence`);
  return blocks;
}
