/**
 * `--fix NAME=VALUE` (repeatable): the parameters a command pins
 * (specs/cli.md). `fit` pins surface parameters (E, A, B, alpha, beta);
 * `envelope` and `compare --envelope` also the envelope's Linf and gamma.
 * Range checks (E ≥ 0, exponents within the method's bounds, …) are the
 * library's, which name the parameter and the value.
 */
import { PARAMETER_NAMES, type ParameterName } from '../fit/result.ts';
import { APPROACH3_BOUNDS } from '../fit/grids5.ts';
import { checkPinned, PinnedParameterError, type PinnedParameters } from '../fit/pinned.ts';
import { VPNLS_EXPONENT_BOUNDS } from '../fit/vpnls.ts';
import type { EnvelopePins } from '../fit/envelope.ts';
import { DECIMAL } from '../data/columns.ts';
import { UsageError } from './errors.ts';

/** Envelope parameter names accepted by `--fix`. */
export const ENVELOPE_FIX_NAMES = ['Linf', 'gamma'] as const;

/**
 * Reads `--fix` values into name → number.
 * @param raw the flag's values as yargs gives them (undefined, one string, or a list)
 * @param allowed the names this command accepts
 * @throws UsageError for a malformed item, an unknown name, a repeated name or a value that is not a number
 */
export function parseFixList(raw: unknown, allowed: readonly string[]): Record<string, number> {
  if (raw === undefined) return {};
  const items = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  const out: Record<string, number> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--fix expects NAME=VALUE (e.g. --fix E=1.6), got "${item}"`);
    const name = item.slice(0, eq).trim();
    const text = item.slice(eq + 1).trim();
    if (!allowed.includes(name)) throw new UsageError(`--fix ${name}: unknown parameter; this command pins ${allowed.join(', ')}`);
    if (name in out) throw new UsageError(`--fix ${name} was given twice`);
    const x = DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(x)) throw new UsageError(`--fix ${name}: "${text}" is not a number`);
    out[name] = x;
  }
  return out;
}

/** The surface parameters among parsed `--fix` values. */
export function surfacePins(fix: Record<string, number>): PinnedParameters {
  const out: Partial<Record<ParameterName, number>> = {};
  for (const p of PARAMETER_NAMES) if (fix[p] !== undefined) out[p] = fix[p];
  return out;
}

/** The envelope parameters among parsed `--fix` values. */
export function envelopePins(fix: Record<string, number>): EnvelopePins {
  return { ...(fix.Linf !== undefined ? { Linf: fix.Linf } : {}), ...(fix.gamma !== undefined ? { gamma: fix.gamma } : {}) };
}

/**
 * `fit`'s `--fix`: the surface pins for `method`, checked against its bounds
 * (E ≥ 0, A, B > 0, α, β within [0.01, 0.99]); undefined when none is given.
 * @throws UsageError for Approach 2 and the grid search (nothing to pin), and for a bad name or value
 */
export function pinnedSpec(raw: unknown, method: 'vpnls' | 'approach2' | 'approach3' | 'grid'): PinnedParameters | undefined {
  return checkSurfacePins(surfacePins(parseFixList(raw, PARAMETER_NAMES)), method);
}

/**
 * Why `method` takes no pins (Approach 2 and the grid search), in the words of
 * the usage error; null for the methods that do (VPNLS, Approach 3). The page
 * shows it next to its disabled pin fields.
 */
export function fixRefusal(method: 'vpnls' | 'approach2' | 'approach3' | 'grid'): string | null {
  return method === 'approach2' || method === 'grid' ? `--fix does not apply to --method ${method}; it pins parameters of --method vpnls and approach3` : null;
}

/**
 * Surface pins checked against `method`'s bounds; undefined when there are none.
 * @throws UsageError as {@link pinnedSpec}
 */
export function checkSurfacePins(fix: PinnedParameters, method: 'vpnls' | 'approach2' | 'approach3' | 'grid'): PinnedParameters | undefined {
  if (Object.keys(fix).length === 0) return undefined;
  const refusal = fixRefusal(method);
  if (refusal !== null) throw new UsageError(refusal);
  const bounds = method === 'vpnls' ? VPNLS_EXPONENT_BOUNDS : APPROACH3_BOUNDS.alpha;
  try {
    return checkPinned(fix, { alpha: bounds, beta: bounds }, '--fix');
  } catch (err) {
    if (err instanceof PinnedParameterError) throw new UsageError(err.message);
    throw err;
  }
}
