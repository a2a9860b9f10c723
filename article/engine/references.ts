/**
 * References (specs/article.md, "References"): entries from `article/references.yaml`,
 * numbered by first citation. `[@key]` and `[@a; @b]` render as
 * superscript links; the list at the end reads "Authors (year). Title.
 * Venue. URL. Note". Entries whose authors or year are unverified omit them.
 * A verified entry names its `source`; a cited entry that is not verified
 * must carry a `note`, shown to the reader, saying what is unconfirmed.
 */
import { BuildError } from './errors.ts';
import { escapeHtml } from '../../src/plot/html.ts';
import { parseFlatYaml, type Scalar } from './yaml.ts';

export interface Reference {
  readonly key: string;
  readonly authors: string | null;
  readonly title: string;
  readonly venue: string;
  readonly year: number | null;
  readonly url: string;
  readonly verified: boolean;
  /** What the entry was checked against (required when verified). */
  readonly source: string | null;
  /** Shown in the reference list: why the entry is not verified, or a caveat such as a withdrawal. */
  readonly note: string | null;
  readonly uncitedOk: boolean;
}

function str(v: Scalar | undefined): string | null {
  return v === undefined || v === null ? null : String(v);
}

/** Loads and validates the references file; missing title or url, or `verified: true` without a `source`, is an error. */
export function loadReferences(text: string, file: string): Map<string, Reference> {
  const raw = parseFlatYaml(text, file);
  const out = new Map<string, Reference>();
  const problems: string[] = [];
  for (const [key, e] of Object.entries(raw)) {
    const title = str(e.title);
    const url = str(e.url);
    if (!title) problems.push(`${file}: reference ${key} has no title`);
    if (!url) problems.push(`${file}: reference ${key} has no url`);
    if (e.verified === true && !str(e.source)?.trim())
      problems.push(`${file}: reference ${key} is verified but has no source saying what it was checked against`);
    const year = e.year === undefined || e.year === null ? null : Number(e.year);
    out.set(key, {
      key,
      authors: str(e.authors),
      title: title ?? '',
      venue: str(e.venue) ?? '',
      year: year !== null && Number.isFinite(year) ? year : null,
      url: url ?? '',
      verified: e.verified === true,
      source: str(e.source),
      note: str(e.note)?.trim() || null,
      uncitedOk: e.uncited_ok === true,
    });
  }
  if (problems.length) throw new BuildError(problems.join('\n'));
  return out;
}

/** Citation numbering and rendering for one build. */
export class Citations {
  private order: string[] = [];
  readonly problems: string[] = [];
  constructor(private readonly refs: ReadonlyMap<string, Reference>) {}

  /** Renders a citation of `keys`; unknown keys are recorded as problems. */
  cite(keys: readonly string[], where: string): string {
    const links: string[] = [];
    for (const key of keys) {
      if (!this.refs.has(key)) {
        this.problems.push(`${where}: unknown citation key @${key}`);
        links.push(`<a class="bad-cite">?${escapeHtml(key)}</a>`);
        continue;
      }
      if (!this.order.includes(key)) this.order.push(key);
      const n = this.order.indexOf(key) + 1;
      links.push(`<a href="#ref-${key}">${n}</a>`);
    }
    return `<sup class="cite">[${links.join(', ')}]</sup>`;
  }

  /** Keys cited at least once, in number order. */
  cited(): string[] {
    return [...this.order];
  }

  /** Entries never cited and not marked `uncited_ok`. */
  uncited(): string[] {
    return [...this.refs.keys()].filter((k) => !this.order.includes(k) && !this.refs.get(k)!.uncitedOk);
  }

  /** Cited keys that are not verified, with or without a note. */
  unverified(): string[] {
    return this.order.filter((k) => !this.refs.get(k)!.verified);
  }

  /** One build error per cited key that is not verified and has no note explaining why. */
  verificationProblems(): string[] {
    return this.unverified()
      .filter((k) => this.refs.get(k)!.note === null)
      .map((k) => `reference ${k} is cited but not verified: set verified: true with a source, or add a note saying what is unconfirmed (references.yaml)`);
  }

  /** The numbered list. */
  renderList(): string {
    const items = this.order.map((key) => {
      const r = this.refs.get(key)!;
      const parts: string[] = [];
      const head = [r.authors ? escapeHtml(r.authors) : '', r.year !== null ? `(${r.year})` : ''].filter(Boolean).join(' ');
      if (head) parts.push(`${head}.`);
      parts.push(`<cite>${escapeHtml(r.title)}</cite>.`);
      if (r.venue) parts.push(`${escapeHtml(r.venue)}.`);
      parts.push(`<a href="${escapeHtml(r.url)}" rel="noreferrer">${escapeHtml(r.url)}</a>`);
      if (r.note) parts.push(`<span class="ref-note">Note: ${escapeHtml(r.note)}</span>`);
      return `<li id="ref-${key}">${parts.join(' ')}</li>`;
    });
    return `<ol class="references">\n${items.join('\n')}\n</ol>`;
  }
}
