/**
 * Loads the prose sources `article/content/*.md` in file-name order and
 * reads their front matter: `id`, `title`, `number` (1–12 or A–I, empty for
 * the title block), `kind` (front, main, appendix), `budget` (words) and
 * `needs` (experiment numbers whose outputs the section uses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BuildError } from './errors.ts';
import { parseSource } from './markdown.ts';
import type { Doc, SectionKind } from './render.ts';

export function loadDocs(dir: string, repoRoot: string): Doc[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return files.map((f) => {
    const path = join(dir, f);
    const label = relative(repoRoot, path);
    const source = parseSource(readFileSync(path, 'utf8'), label);
    const fm = source.front;
    for (const k of ['id', 'title', 'kind']) if (!fm[k]) throw new BuildError(`${label}: front matter needs "${k}"`);
    const kind = fm.kind as SectionKind;
    if (!['front', 'main', 'appendix'].includes(kind)) throw new BuildError(`${label}: kind must be front, main or appendix, got ${kind}`);
    const needs = (fm.needs ?? '')
      .replace(/[[\]]/g, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        if (!/^\d+$/.test(s)) throw new BuildError(`${label}: needs must list experiment numbers, got ${s}`);
        return Number(s);
      });
    const budget = fm.budget ? Number(fm.budget) : null;
    return { source, meta: { id: fm.id, title: fm.title, number: fm.number ?? '', kind, budget, needs } };
  });
}
