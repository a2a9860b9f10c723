/**
 * Text forms of table cells (specs/experiments.md §A.2): floats in the shortest
 * form that round-trips a double, booleans `true`/`false`, an empty field for
 * a missing value, strings quoted only when they must be.
 */

/** A value of one CSV field. `null` and `NaN` mean "missing" (an empty field). */
export type Cell = number | string | boolean | null;

/**
 * Shortest round-trip text of a double.
 *
 * Digits: the shortest digit string that reads back as the same double (the
 * ECMAScript Number-to-string digits, which are the same digits Python's
 * `repr` picks: shortest, ties broken towards the closer value).
 *
 * Notation (a choice, documented here): specs/experiments.md §A.2's examples are
 * `0.3010299956639812` and `4.035834749563681e+12`. Python's `repr` would
 * write the latter as `4035834749563.681` (exponent only from 1e16 up), and
 * JS's `String` as `4035834749563.6807`-style fixed notation up to 1e21, so
 * neither matches the spec's example. The rule that yields both examples is
 * C's `%g` decision with the shortest digits (also Go's `%v`): exponent
 * notation exactly when the decimal exponent is below −4 or at least 6,
 * written `d.ddde±XX` with a sign and at least two exponent digits
 * (`1e+17`, `2.5e-05`, `1.234567e+06`); otherwise plain fixed notation
 * (`0.0001`, `15`, `123456.7`). Integers are not special: a count is
 * written `15`, a budget `1e+17`. Every form parses with Python `float`,
 * pandas, `Number()` and `parseFloat`.
 *
 * `-0` is written `0`; `NaN` → empty (missing); ±Infinity → `inf`/`-inf`
 * (Python's spelling), which should not occur in well-formed outputs.
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return '0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  // |x| in [1e-4, 1e6): String(x) is fixed notation with the same shortest digits.
  return String(x);
}

/** A string field, quoted (with inner quotes doubled) only if it holds a comma, quote or line break. */
export function formatString(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV field from a cell value. */
export function formatCell(value: Cell): string {
  if (value === null) return '';
  switch (typeof value) {
    case 'number':
      return formatFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return formatString(value);
    default:
      throw new TypeError(`formatCell: unsupported cell value ${String(value)} of type ${typeof value}`);
  }
}
