/**
 * Loads the prose sources `article/content/*.md` in natural file-name order and
 * reads their YAML front matter: `id`, `title`, `number` (1–13 or A–J, empty for
 * the title block), `kind` (front, main, appendix), `budget` (words) and
 * `needs` (experiment numbers whose outputs the section uses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BuildError } from './errors.ts';
import { parseSource } from './markdown-blocks.ts';
import type { Doc, SectionKind } from './render-sections.ts';

export function loadDocs(dir: string, repoRoot: string): Doc[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    // Natural order, so a10-… follows a9-….
    .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  return files.map((f) => {
    const path = join(dir, f);
    const label = relative(repoRoot, path);
    const source = parseSource(readFileSync(path, 'utf8'), label);
    const fm = source.front;
    const str = (k: string): string => {
      const v = fm[k];
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string' && typeof v !== 'number') throw new BuildError(`${label}: front matter "${k}" must be text or a number`);
      return String(v);
    };
    for (const k of ['id', 'title', 'kind']) if (!str(k)) throw new BuildError(`${label}: front matter needs "${k}"`);
    const kind = str('kind') as SectionKind;
    if (!['front', 'main', 'appendix'].includes(kind)) throw new BuildError(`${label}: kind must be front, main or appendix, got ${kind}`);
    const rawNeeds = fm.needs ?? [];
    const needs = (Array.isArray(rawNeeds) ? rawNeeds : [rawNeeds]).map((n: unknown) => {
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new BuildError(`${label}: needs must list experiment numbers, got ${JSON.stringify(n)}`);
      return n;
    });
    const budget = str('budget') ? Number(str('budget')) : null;
    return { source, meta: { id: str('id'), title: str('title'), number: str('number'), kind, budget, needs } };
  });
}
