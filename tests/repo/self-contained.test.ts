/**
 * The repository is self-contained: every document that code, tests, specs,
 * the README or the article cite is a file in the repository, and no file
 * names a path on the machine it was written on. Someone who clones the
 * repository can follow every citation.
 *
 * Scans every tracked text file (plus untracked, not ignored ones, so a new
 * file fails before it is committed). Public works cited by URL are fine;
 * the published data sets stay outside the repository and are reached with
 * `--data-dir` / `SCALING_DATA_DIR` (specs/experiments.md §A), so the data
 * folder the CI clones beside the project (`../shared/data`) is not a
 * citation.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SELF = relative(ROOT, fileURLToPath(import.meta.url));

/** Spec documents by base name, as a bare citation would name them. */
const SPEC_NAMES = [
  'README',
  'approach2-bias',
  'article',
  'cli',
  'conditioning',
  'conventions',
  'experiments',
  'fitting',
  'kernels',
  'performance',
  'random',
  'style',
  'pinned',
];

interface Rule {
  readonly id: string;
  readonly what: string;
  /** Global; each match is one offending citation or path. */
  readonly pattern: RegExp;
  /** Files (repository paths) the rule does not apply to. */
  readonly skip?: (file: string) => boolean;
}

/** `experiments/shared/…` (or `./shared/…`) is a folder of this repository, not the one beside it. */
function inRepoFolder(line: string, index: number): boolean {
  return /(?:[\w-]|\.)\/$/.test(line.slice(0, index));
}

/** What must not appear anywhere. */
const RULES: readonly Rule[] = [
  { id: 'machine-path', what: 'a path on a development machine', pattern: /(?<![\w.-])\/(?:work|root|home)\/[\w.-]*/g },
  { id: 'outside-spec', what: 'the upstream spec folder outside the repository', pattern: /(?:\.\.\/)*shared\/spec\b/g },
  {
    id: 'outside-document',
    what: 'a document of the folder beside the project (only its data files are used, through --data-dir)',
    pattern: /(?:\.\.\/)*shared\/(?:data\/)?[\w-]+\.md\b/g,
  },
  {
    id: 'bare-spec-file',
    what: 'a spec file named without its specs/ folder',
    pattern: new RegExp(`(?<![\\w/.-])(?:${SPEC_NAMES.filter((n) => n !== 'README').join('|')})\\.md\\b`, 'g'),
    // Inside specs/ a bare name is a relative link to a sibling.
    skip: (file) => file.startsWith('specs/'),
  },
  {
    id: 'bare-spec-section',
    what: 'a spec section cited without its file (write specs/<name>.md §…)',
    pattern: /(?<![\w/.-])(?:conventions|experiments|style|performance|fitting|kernels|conditioning)(?:\.md)? §/g,
  },
];

/** Matches of `pattern` in one text, minus paths into this repository's own `shared/` folders. */
function offending(text: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(pattern)) if (!(m[0].startsWith('shared/') && inRepoFolder(text, m.index))) out.push(m[0]);
  return out;
}

/** Text files to scan: tracked and untracked-but-not-ignored, minus binaries and generated data. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return [...new Set(out.split('\n').filter(Boolean))].filter(
    (f) => existsSync(join(ROOT, f)) && !/\.(png|jpg|jpeg|gif|ico|wasm|woff2?|ttf|pdf|gz|zip)$/i.test(f) && f !== 'package-lock.json',
  );
}

interface Hit {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function scan(files: readonly string[], pattern: RegExp, skip?: (file: string) => boolean): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    if (file === SELF || skip?.(file)) continue;
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const text of offending(line, pattern)) hits.push({ file, line: i + 1, text });
      });
  }
  return hits;
}

const show = (hits: readonly Hit[]): string[] => hits.map((h) => `${h.file}:${h.line}: ${h.text}`);

describe('self-contained repository', () => {
  const files = repositoryFiles();

  it('scans the repository (the file list is not empty and includes code, tests, specs and the article)', () => {
    for (const f of ['README.md', 'specs/README.md', 'src/index.ts', 'article/content/00-abstract.md', SELF]) expect(files).toContain(f);
  });

  for (const rule of RULES) {
    it(`${rule.id}: none (${rule.what})`, () => {
      expect(show(scan(files, rule.pattern, rule.skip))).toEqual([]);
    });
  }

  it('every cited specs/<name>.md exists', () => {
    const cited = scan(files, /(?<![\w.-])specs\/[\w.-]+\.md\b/g);
    expect(cited.length).toBeGreaterThan(50);
    expect(show(cited.filter((h) => !existsSync(join(ROOT, h.text))))).toEqual([]);
  });

  it('every relative Markdown link inside specs/ resolves to a file', () => {
    const links = scan(
      files.filter((f) => f.startsWith('specs/') && f.endsWith('.md')),
      /\]\((?!https?:|#|mailto:)([^)#\s]+)/g,
    );
    const broken = links.filter((h) => !existsSync(join(ROOT, dirname(h.file), h.text.slice(2))));
    expect(show(broken)).toEqual([]);
  });

  it('the rules catch what they are meant to catch, and allow the forms the repository uses', () => {
    const samples: Record<string, string> = {
      'machine-path': 'see /work/shared/spec/x and /home/me/a',
      'outside-spec': 'as ../shared/spec/conventions.md says, see shared/spec',
      'outside-document': 'per shared/data/SOURCES.md and ../shared/article-review.md',
      'bare-spec-file': 'see style.md and conventions.md',
      'bare-spec-section': 'the grid of conventions §4 and experiments.md §C.7',
    };
    const allowed =
      'specs/conventions.md §4, specs/experiments.md §C.7, experiments/shared/dcl.ts, ./shared/notes.md, --data-dir ../shared/data, the article §2';
    for (const rule of RULES) {
      expect(offending(samples[rule.id], rule.pattern).length, rule.id).toBe(2);
      expect(offending(allowed, rule.pattern), rule.id).toEqual([]);
    }
  });
});
