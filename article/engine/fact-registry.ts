/**
 * The facts registry machinery (specs/article.md, "Facts and placeholders"): named values with kind,
 * unit and provenance, evaluated lazily from experiment outputs, library
 * calls, configuration constants or the literature file. A fact declares the
 * experiments it needs; when one is not available the fact is *missing* (with
 * the reason), which fails the build unless `--allow-missing` is given.
 */
import { BuildError, MissingResultError } from './errors.ts';
import type { FactValue } from './fact-format.ts';
import type { ResultStore } from './result-store.ts';

export type FactKind = 'computed' | 'config' | 'literature';

/** What a fact's getter may use. */
export interface FactContext {
  readonly store: ResultStore;
  /** The value of another fact (throws MissingResultError if it is missing). */
  fact(key: string): number;
  text(key: string): string;
}

export interface FactDef {
  readonly key: string;
  readonly kind: FactKind;
  readonly unit: string;
  /** Experiments whose outputs the value is read from. */
  readonly needs: readonly number[];
  /** Fixed provenance (library call, constant); reads through the store are appended. */
  readonly source: string;
  /** Other facts the value is derived from. */
  readonly from: readonly string[];
  readonly get: (ctx: FactContext) => FactValue;
  /** Defined in bulk (a table of cells); unused members are summarized, not listed. */
  readonly family: boolean;
}

export interface Fact {
  readonly key: string;
  readonly value: FactValue;
  readonly unit: string;
  readonly kind: FactKind;
  readonly source: string;
}

export type FactState =
  | { readonly status: 'ok'; readonly fact: Fact }
  | { readonly status: 'missing'; readonly reason: string; readonly experiments: readonly number[] };

/** Options of {@link FactBook.add}. */
export interface FactOptions {
  kind?: FactKind;
  unit?: string;
  needs?: readonly number[];
  source?: string;
  /** Part of a bulk-defined family (see FactDef.family). */
  family?: boolean;
}

/** The set of fact definitions and their evaluated states. */
export class FactBook {
  private defs = new Map<string, FactDef>();
  private states = new Map<string, FactState>();
  private evaluating = new Set<string>();
  private used = new Set<string>();
  private ctx: FactContext | null = null;
  private available: ReadonlySet<number> = new Set();
  private unavailableReason = new Map<number, string>();

  /** A value read from experiment outputs (or computed by the library when `needs` is empty). */
  add(key: string, options: FactOptions, get: (ctx: FactContext) => FactValue): void {
    if (this.defs.has(key)) throw new BuildError(`fact ${key} is defined twice`);
    if (!/^[a-z0-9_]+(\.[a-z0-9_-]+)*$/.test(key)) throw new BuildError(`fact key ${JSON.stringify(key)} must be dotted lower-case words`);
    this.defs.set(key, {
      key,
      kind: options.kind ?? 'computed',
      unit: options.unit ?? '',
      needs: options.needs ?? [],
      source: options.source ?? '',
      from: [],
      get,
      family: options.family ?? false,
    });
  }

  /** A configuration constant quoted in prose. */
  config(key: string, value: FactValue, source: string, unit = '', family = false): void {
    this.add(key, { kind: 'config', unit, source, family }, () => value);
  }

  /** A value derived from other facts (ratios, ranges, extremes). */
  derive(key: string, from: readonly string[], fn: (...values: number[]) => FactValue, unit = ''): void {
    this.add(key, { unit, source: `derived from ${from.join(', ')}` }, (ctx) => fn(...from.map((k) => ctx.fact(k))));
    const def = this.defs.get(key)!;
    this.defs.set(key, { ...def, from: [...from] });
  }

  keys(): string[] {
    return [...this.defs.keys()];
  }

  has(key: string): boolean {
    return this.defs.has(key);
  }

  /** Experiments a fact needs, including those of the facts it derives from. */
  needsOf(key: string, seen = new Set<string>()): number[] {
    const def = this.defs.get(key);
    if (!def || seen.has(key)) return [];
    seen.add(key);
    const out = new Set(def.needs);
    for (const k of def.from) for (const n of this.needsOf(k, seen)) out.add(n);
    return [...out].sort((a, b) => a - b);
  }

  /**
   * Prepares evaluation: `available` are the experiments whose outputs
   * exist; `unavailable` maps the others to a reason shown in messages.
   */
  bind(store: ResultStore, available: ReadonlySet<number>, unavailable: ReadonlyMap<number, string>): void {
    this.available = available;
    this.unavailableReason = new Map(unavailable);
    this.states.clear();
    this.ctx = {
      store,
      fact: (k) => {
        const s = this.state(k, false);
        if (s.status === 'missing') throw new MissingResultError(s.reason, s.experiments[0] ?? -1, k);
        if (typeof s.fact.value !== 'number') throw new BuildError(`fact ${k} is text, a number was expected`);
        return s.fact.value;
      },
      text: (k) => {
        const s = this.state(k, false);
        if (s.status === 'missing') throw new MissingResultError(s.reason, s.experiments[0] ?? -1, k);
        return String(s.fact.value);
      },
    };
  }

  /** The state of a fact; `markUsed` records a use from the article. */
  state(key: string, markUsed = true): FactState {
    const def = this.defs.get(key);
    if (!def) throw new BuildError(`unknown fact ${JSON.stringify(key)}`);
    if (markUsed) this.used.add(key);
    const cached = this.states.get(key);
    if (cached) return cached;
    if (!this.ctx) throw new BuildError('FactBook.bind() was not called');
    if (this.evaluating.has(key)) throw new BuildError(`fact ${key} depends on itself`);
    this.evaluating.add(key);
    let state: FactState;
    try {
      state = this.evaluate(def);
    } finally {
      this.evaluating.delete(key);
    }
    this.states.set(key, state);
    return state;
  }

  private evaluate(def: FactDef): FactState {
    const needs = this.needsOf(def.key);
    const absent = needs.filter((n) => !this.available.has(n));
    if (absent.length > 0) {
      const reasons = absent.map((n) => `experiment ${n}: ${this.unavailableReason.get(n) ?? 'results not available'}`);
      return { status: 'missing', reason: reasons.join('; '), experiments: absent };
    }
    try {
      const { value, sources } = this.ctx!.store.traced(() => def.get(this.ctx!));
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new BuildError(`fact ${def.key} evaluated to the non-finite value ${value} (sources: ${sources.join('; ') || def.source})`);
      }
      const source = [def.source, ...sources].filter((s) => s !== '').join('; ');
      return { status: 'ok', fact: { key: def.key, value, unit: def.unit, kind: def.kind, source } };
    } catch (e) {
      if (e instanceof MissingResultError) return { status: 'missing', reason: e.message, experiments: [e.experiment] };
      if (e instanceof BuildError) throw e;
      throw new BuildError(`fact ${def.key}: ${(e as Error).message}`);
    }
  }

  /** Records uses outside the prose (claims, figures). */
  markUsed(keys: Iterable<string>): void {
    for (const k of keys) this.used.add(k);
  }

  /** Keys defined but never used by the article: single facts, and members of bulk families. */
  unused(): { single: string[]; family: string[] } {
    const used = new Set<string>();
    const visit = (k: string): void => {
      if (used.has(k)) return;
      used.add(k);
      for (const d of this.defs.get(k)?.from ?? []) visit(d);
    };
    for (const k of this.used) visit(k);
    const keys = this.keys().filter((k) => !used.has(k));
    return { single: keys.filter((k) => !this.defs.get(k)!.family), family: keys.filter((k) => this.defs.get(k)!.family) };
  }

  /** Every evaluated (or evaluable) fact, for facts.json. Missing facts are listed with their reason. */
  dump(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of this.keys().sort()) {
      const s = this.state(key, false);
      out[key] = s.status === 'ok' ? { ...s.fact, used: this.used.has(key) } : { missing: s.reason, needs: s.experiments, used: this.used.has(key) };
    }
    return out;
  }
}
