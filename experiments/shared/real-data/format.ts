/** Human-readable numbers for figure labels, tables and report.md of experiments 11 and 12. */

/** Significant digits of every display number. */
const DIGITS = 3;

function scaled(x: number, units: ReadonlyArray<readonly [number, string]>, prefix = ''): string {
  if (!Number.isFinite(x)) return '–';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  for (const [size, suffix] of units) {
    if (a >= size) return `${sign}${prefix}${Number((a / size).toPrecision(DIGITS))}${suffix}`;
  }
  return `${sign}${prefix}${Number(a.toPrecision(DIGITS))}`;
}

/** Tokens or parameters: `16.1T`, `393B`, `12.5M`. */
export function formatCount(x: number): string {
  return scaled(x, [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ]);
}

/** Dollars: `$1.23M`, `$45.6K`, `$2.1B`. */
export function formatUsd(x: number): string {
  return scaled(
    x,
    [
      [1e12, 'T'],
      [1e9, 'B'],
      [1e6, 'M'],
      [1e3, 'K'],
    ],
    '$',
  );
}

/** FLOPs in exponent form: `3.8e+25`. */
export function formatFlops(x: number): string {
  return Number.isFinite(x) ? x.toExponential(2) : '–';
}

/** A percentage with `d` decimals: `1.23%`. */
export function formatPct(x: number, d = 2): string {
  return Number.isFinite(x) ? `${x.toFixed(d)}%` : '–';
}

/** A signed percentage with `d` decimals: `+1.23%`, `-0.50%`. */
export function formatSignedPct(x: number, d = 2): string {
  return Number.isFinite(x) ? `${x > 0 ? '+' : ''}${x.toFixed(d)}%` : '–';
}

/** A plain number with `DIGITS` significant digits. */
export function formatNumber(x: number, digits = DIGITS): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : '–';
}

/** A p-value: `0.0123`, `3.4e-8`. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p >= 1e-3 ? p.toFixed(4) : p.toExponential(1);
}
