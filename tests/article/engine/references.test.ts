/**
 * Reference verification (specs/article.md, "References"): a verified entry
 * names its source, a cited entry that is not verified must carry a note the
 * reader sees, and every quoted number says what it was checked against.
 * The second half checks the project's own files against these rules.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../../article/declarations/config.ts';
import { literatureFacts, loadPublishedExponents } from '../../../article/declarations/facts/literature.ts';
import { FactBook } from '../../../article/engine/fact-registry.ts';
import { PUBLISHED_SETS } from '../../../article/engine/published-data.ts';
import { Citations, loadReferences } from '../../../article/engine/references.ts';
import { parseFlatYaml } from '../../../article/engine/yaml.ts';
import { DATA_SOURCES } from '../../../src/data/sources.ts';

const entry = (key: string, fields: Record<string, string>): string[] => [
  `${key}:`,
  '  title: "T"',
  `  url: https://${key}`,
  ...Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`),
];
const refsOf = (...entries: string[][]) => loadReferences(entries.flat().join('\n'), 'refs.yaml');

const tmp = mkdtempSync(join(tmpdir(), 'references-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('reference verification rules', () => {
  it('refuses a verified entry without a source, naming the key', () => {
    expect(() => refsOf(entry('good', { verified: 'true', source: '"DOI record"' }), entry('bare', { verified: 'true' }))).toThrow(
      /reference bare is verified but has no source/,
    );
    expect(() => refsOf(entry('blank', { verified: 'true', source: '"  "' }))).toThrow(/reference blank is verified but has no source/);
  });

  it('reports a cited, unverified entry without a note, naming the key, and accepts one with a note', () => {
    const c = new Citations(
      refsOf(
        entry('checked', { verified: 'true', source: '"listing"' }),
        entry('silent', { verified: 'false' }),
        entry('explained', { verified: 'false', note: '"Authors not confirmed."' }),
        entry('unused', { verified: 'false', uncited_ok: 'true' }),
      ),
    );
    c.cite(['checked', 'silent', 'explained'], 'x.md:1');
    expect(c.verificationProblems()).toEqual([expect.stringMatching(/^reference silent is cited but not verified/)]);
    expect(c.unverified()).toEqual(['silent', 'explained']);
  });

  it('shows the note in the rendered reference list', () => {
    const c = new Citations(
      refsOf(entry('p', { verified: 'false', note: '"Withdrawn by the authors <v2>."' }), entry('q', { verified: 'true', source: '"s"' })),
    );
    c.cite(['p', 'q'], 'x.md:1');
    const html = c.renderList();
    expect(html).toContain('<span class="ref-note">Note: Withdrawn by the authors &lt;v2&gt;.</span>');
    expect(html.match(/ref-note/g)).toHaveLength(1);
  });

  it('refuses a literature number that is neither verified with a source nor noted, naming the key', () => {
    const lit = join(tmp, 'literature.yaml');
    writeFileSync(lit, ['n_papers:', '  value: 5', '  cite: a', '  where: "abstract"', '  verified: false'].join('\n'));
    expect(() => literatureFacts(new FactBook(), { literature: lit, exponents: PATHS.publishedExponents })).toThrow(
      /literature\.yaml: n_papers needs verified: true with a source/,
    );
  });

  it('refuses an exponent row with an unknown check_status or no source, naming the row', () => {
    const header = 'key,study,domain,method,config,a,b,ratio,mark,check_status,source';
    const bad = join(tmp, 'bad-status.csv');
    writeFileSync(bad, `${header}\nx,X,text,Approach 2,base,0.5,0.5,,,checked,"Table 1"\n`);
    expect(() => loadPublishedExponents(bad)).toThrow(/row 2 \(x base\) has check_status "checked", expected one of primary, third-party, secondary/);
    const noSource = join(tmp, 'no-source.csv');
    writeFileSync(noSource, `${header}\nx,X,text,Approach 2,base,0.5,0.5,,,primary,\n`);
    expect(() => loadPublishedExponents(noSource)).toThrow(/row 2 \(x base\) has no source/);
  });
});

/** Keys cited as [@a; @b] in the article's prose sources. */
function citedInContent(): Set<string> {
  const dir = join(import.meta.dirname, '../../../article/content');
  const keys = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\[@([^\]]+)\]/g)) for (const k of m[1].split(';')) keys.add(k.trim().replace(/^@/, ''));
  }
  return keys;
}

describe("the project's references and quoted numbers", () => {
  const refs = loadReferences(readFileSync(PATHS.references, 'utf8'), 'article/references.yaml');
  const exponents = loadPublishedExponents(PATHS.publishedExponents);

  it('has every cited entry verified with a source or explained by a visible note', () => {
    const c = new Citations(refs);
    const cited = new Set([...citedInContent(), ...exponents.map((e) => e.key)]);
    c.cite([...cited], 'test');
    expect(c.problems).toEqual([]);
    expect(c.verificationProblems()).toEqual([]);
    // Only these remain unverified; each note says what is missing.
    expect(c.unverified().sort()).toEqual(['marin_isoflops', 'progen3']);
    expect(refs.get('progen3')!.authors).toBeNull();
  });

  it('cites the variable projection papers by DOI', () => {
    for (const [key, doi] of [
      ['golub_pereyra_1973', '10.1137/0710036'],
      ['golub_pereyra_2003', '10.1088/0266-5611/19/2/201'],
      ['kaufman_1975', '10.1007/BF01932995'],
    ]) {
      expect(refs.get(key)?.url).toBe(`https://doi.org/${doi}`);
      expect(citedInContent().has(key)).toBe(true);
    }
  });

  it('resolves every citation key of the literature numbers, exponent rows and published data sets', () => {
    const lit = parseFlatYaml(readFileSync(PATHS.literature, 'utf8'), 'article/literature.yaml');
    const keys = [...Object.values(lit).map((e) => String(e.cite)), ...exponents.map((e) => e.key), ...PUBLISHED_SETS.map((s) => s.cite)];
    expect(keys.filter((k) => !refs.has(k))).toEqual([]);
  });

  it('links the Marin reference to the data file the article loads', () => {
    const marin = DATA_SOURCES.find((d) => d.file === 'marin_202603_isoflops.csv')!;
    expect(refs.get('marin_isoflops')!.url).toBe(marin.url);
    expect(PUBLISHED_SETS.filter((s) => s.file === marin.file).every((s) => s.cite === 'marin_isoflops')).toBe(true);
  });

  it('labels the Evo rows as a third-party fit and corrects the protein CLM exponent', () => {
    const evo = exponents.filter((e) => e.key === 'evo');
    expect(evo.length).toBeGreaterThan(0);
    expect(evo.every((e) => e.checkStatus === 'third-party' && e.mark === '†')).toBe(true);
    expect(exponents.find((e) => e.key === 'protein_plm_scaling' && e.config === 'CLM')!.b).toBe(0.421);
    // Kaplan's 0.73/0.27 is a frontier of L(N, S) fits, not an IsoFLOP parabola.
    expect(exponents.find((e) => e.key === 'deepseek' && e.a === 0.73)!.method).toBe('Kaplan');
  });
});
