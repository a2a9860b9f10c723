/**
 * Literature facts (kind `literature`): numbers quoted from publications,
 * kept in `article/literature.yaml` with their citation key and location,
 * and the published allocation exponents of appendix G
 * (`article/data/published_exponents.csv`). Each quoted number says what it
 * was checked against: `verified` + `source` in the YAML (or a `note` saying
 * what is unconfirmed), `check_status` + `source` per CSV row.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { BuildError } from '../../engine/errors.ts';
import type { FactBook } from '../../engine/fact-registry.ts';
import { parseFlatYaml } from '../../engine/yaml.ts';
import { centerOffsets, publishedSets } from '../../engine/published-data.ts';

export interface PublishedExponent {
  readonly index: number;
  readonly key: string;
  readonly study: string;
  readonly domain: string;
  readonly method: string;
  readonly config: string;
  readonly a: number | null;
  readonly b: number | null;
  /** β/α given directly (Kaplan-style fits). */
  readonly ratio: number | null;
  readonly mark: string;
  /** What the row was checked against (see {@link CHECK_STATUSES}). */
  readonly checkStatus: CheckStatus;
  /** What was read to check it. */
  readonly source: string;
}

/**
 * `primary`: the publication or its authors' own code and figures; `third-party`: the third-party
 * fit that produced the numbers (the Evo rows); `secondary`: agrees with the original study's table
 * only, the publication's own table or figure could not be read.
 */
export const CHECK_STATUSES = ['primary', 'third-party', 'secondary'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

function isCheckStatus(s: string): s is CheckStatus {
  return (CHECK_STATUSES as readonly string[]).includes(s);
}

export function loadPublishedExponents(path: string): PublishedExponent[] {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, comment: '#' }) as Record<string, string>[];
  return rows.map((r, index) => {
    const num = (s: string): number | null => (s === '' ? null : Number(s));
    const status = r.check_status ?? '';
    if (!isCheckStatus(status))
      throw new BuildError(`${path}: row ${index + 2} (${r.key} ${r.config}) has check_status "${status}", expected one of ${CHECK_STATUSES.join(', ')}`);
    const source = (r.source ?? '').trim();
    if (!source) throw new BuildError(`${path}: row ${index + 2} (${r.key} ${r.config}) has no source saying what it was checked against`);
    const e: PublishedExponent = {
      index,
      key: r.key,
      study: r.study,
      domain: r.domain,
      method: r.method,
      config: r.config,
      a: num(r.a),
      b: num(r.b),
      ratio: num(r.ratio),
      mark: r.mark ?? '',
      checkStatus: status,
      source,
    };
    if (!((e.a !== null && e.b !== null) || e.ratio !== null)) throw new BuildError(`${path}: row ${index + 2} needs a and b, or ratio`);
    return e;
  });
}

export function literatureFacts(f: FactBook, paths: { literature: string; exponents: string }): void {
  const lit = parseFlatYaml(readFileSync(paths.literature, 'utf8'), 'article/literature.yaml');
  for (const [key, e] of Object.entries(lit)) {
    if (typeof e.value !== 'number') throw new BuildError(`article/literature.yaml: ${key} needs a numeric value`);
    if (!e.cite || !e.where) throw new BuildError(`article/literature.yaml: ${key} needs cite and where`);
    if (e.verified === true ? !String(e.source ?? '').trim() : !String(e.note ?? '').trim()) {
      throw new BuildError(`article/literature.yaml: ${key} needs verified: true with a source, or a note saying what is unconfirmed`);
    }
    f.add(`lit.${key}`, { kind: 'literature', unit: String(e.unit ?? ''), source: `[@${e.cite}] ${e.where}` }, () => e.value as number);
  }
  // One ratio convention in the article: α/β = b/a.
  f.derive('lit.kaplan.ratio', ['lit.kaplan_a', 'lit.kaplan_b'], (a, b) => b / a);
  for (const e of loadPublishedExponents(paths.exponents)) {
    const src = `article/data/published_exponents.csv row ${e.index + 2} ([@${e.key}] ${e.config})`;
    if (e.a !== null && e.b !== null) {
      f.add(`pubexp.${e.index}.a`, { kind: 'literature', source: src, family: true }, () => e.a!);
      f.add(`pubexp.${e.index}.b`, { kind: 'literature', source: src, family: true }, () => e.b!);
    }
    f.add(
      `pubexp.${e.index}.ratio`,
      { family: true, kind: 'computed', source: e.ratio !== null ? `${src}; α/β = 1/(β/α as published)` : `${src}; α/β = b/a` },
      () => alphaOverBeta(e),
    );
  }
  f.add('pubexp.count', { kind: 'literature', source: 'article/data/published_exponents.csv' }, () => loadPublishedExponents(paths.exponents).length);
  f.add(
    'pubexp.studies',
    { kind: 'literature', source: 'article/data/published_exponents.csv' },
    () => new Set(loadPublishedExponents(paths.exponents).map((e) => e.key)).size,
  );
  f.add('pubexp.ratio.max', { kind: 'computed', source: 'article/data/published_exponents.csv (max α/β)' }, () =>
    Math.max(...loadPublishedExponents(paths.exponents).map(alphaOverBeta)),
  );
  f.add('pubexp.ratio.min', { kind: 'computed', source: 'article/data/published_exponents.csv (min α/β)' }, () =>
    Math.min(...loadPublishedExponents(paths.exponents).map(alphaOverBeta)),
  );
}

/** α/β = b/a of a published row; Kaplan-form rows publish β/α directly. */
function alphaOverBeta(e: PublishedExponent): number {
  return e.ratio !== null ? 1 / e.ratio : e.b! / e.a!;
}

/** Facts of article §6 computed from the published data at build time. */
export function publishedFacts(f: FactBook): void {
  const src = 'library: src/data loaders on the published IsoFLOP files; per-budget parabolas at build time';
  f.add('pub.sets', { source: src }, () => publishedSets().length);
  f.add('pub.points', { source: src }, () => publishedSets().reduce((s, d) => s + d.nPoints, 0));
  f.add('pub.budgets', { source: src }, () => publishedSets().reduce((s, d) => s + d.budgets.length, 0));
  f.add('pub.failed', { source: `${src}; budgets without a parabola minimum in log10 N` }, () =>
    publishedSets().reduce((s, d) => s + d.budgets.filter((b) => 'failure' in b.fit.N).length, 0),
  );
  f.add('pub.offset.max_abs', { source: `${src}; max |center − vertex| in log10 N`, unit: 'decades' }, () =>
    Math.max(...publishedSets().flatMap((d) => centerOffsets(d).map((o) => Math.abs(o.offset)))),
  );
  f.add('pub.offset.median_abs', { source: `${src}; median |center − vertex| in log10 N`, unit: 'decades' }, () => {
    const v = publishedSets()
      .flatMap((d) => centerOffsets(d).map((o) => Math.abs(o.offset)))
      .sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  });
}
