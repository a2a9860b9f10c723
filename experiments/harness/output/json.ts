/**
 * JSON text for result files. JSON has no NaN or Infinity, so non-finite
 * numbers become `null` (a missing value, specs/experiments.md §A.2). Typed arrays become arrays.
 * Numbers keep full double precision (shortest round-trip digits).
 */

export type UndefinedPolicy = 'throw' | 'omit';

export interface ToJsonOptions {
  /**
   * What to do with `undefined`: `'throw'` (default; for summaries, where a
   * missing key is a bug) names the path; `'omit'` drops undefined object
   * properties like `JSON.stringify` does (for Plotly specs with optional
   * attributes) but still throws on `undefined` array elements.
   */
  readonly undefinedValues?: UndefinedPolicy;
  /** Indentation; default 2. Use 0 for compact output. */
  readonly indent?: number;
}

/** A JSON-compatible value after {@link normalizeJson}. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isTypedArray(v: unknown): v is ArrayLike<number> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** A deep copy in which every value is representable in JSON (see {@link ToJsonOptions}). */
export function normalizeJson(value: unknown, options: ToJsonOptions = {}, path = '$'): Json {
  const policy = options.undefinedValues ?? 'throw';
  if (value === null) return null;
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      throw new TypeError(`toJson: undefined value at ${path}`);
    case 'object': {
      if (isTypedArray(value)) return Array.from(value, (x) => normalizeJson(x, options, path));
      if (Array.isArray(value)) {
        return value.map((x, i) => {
          if (x === undefined) throw new TypeError(`toJson: undefined value at ${path}[${i}]`);
          return normalizeJson(x, options, `${path}[${i}]`);
        });
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`toJson: ${path} is a ${proto?.constructor?.name ?? 'non-plain object'}; only plain objects, arrays and typed arrays are written`);
      }
      const out: { [key: string]: Json } = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) {
          if (policy === 'omit') continue;
          throw new TypeError(`toJson: undefined value at ${path}.${k}`);
        }
        out[k] = normalizeJson(v, options, `${path}.${k}`);
      }
      return out;
    }
    default:
      throw new TypeError(`toJson: cannot write a ${typeof value} at ${path}`);
  }
}

/** JSON text with a trailing newline; see {@link ToJsonOptions}. */
export function toJson(value: unknown, options: ToJsonOptions = {}): string {
  const indent = options.indent ?? 2;
  return JSON.stringify(normalizeJson(value, options), null, indent > 0 ? indent : undefined) + '\n';
}
