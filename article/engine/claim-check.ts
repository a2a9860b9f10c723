/**
 * Claim checks (specs/article.md, "Claims"): named predicates over facts that protect a
 * sentence marked `<!-- claim: id -->`. A claim whose facts are missing is
 * pending; a false claim fails the build with its values.
 */
import type { FactBook } from './fact-registry.ts';
import type { ClaimDef } from './types.ts';

export type ClaimResult =
  | { readonly status: 'pass'; readonly values: Record<string, number> }
  | { readonly status: 'fail'; readonly values: Record<string, number> }
  | { readonly status: 'pending'; readonly reason: string };

export function evaluateClaim(def: ClaimDef, book: FactBook): ClaimResult {
  const values: Record<string, number> = {};
  for (const key of def.facts) {
    const s = book.state(key, false);
    if (s.status === 'missing') return { status: 'pending', reason: `${key}: ${s.reason}` };
    values[key] = typeof s.fact.value === 'number' ? s.fact.value : NaN;
  }
  return { status: def.check(values) ? 'pass' : 'fail', values };
}

/** Short text of a claim's values for error messages. */
export function describeValues(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
}
