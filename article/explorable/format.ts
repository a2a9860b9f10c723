/**
 * Number formats of the explorable's readouts: signed percentages with a
 * true minus sign, counts in M/B/T, fixed decimals, FLOPs as 10ⁿ. Shared by
 * the page and the tests (no DOM access here).
 */

const MINUS = '\u2212';

/** Signed percentage of a fraction with two decimals; "0.00%" without a sign when it rounds to zero. */
export function fmtPct(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const v = x * 100;
  const t = Math.abs(v) < 0.005 ? '0.00' : Math.abs(v).toFixed(2);
  return `${t === '0.00' ? '' : v < 0 ? MINUS : '+'}${t}%`;
}

/**
 * Token and parameter counts with 3 significant digits in M/B/T, and
 * thousands separators beyond a thousand trillion ("45,100T", never
 * "4.51e+4T").
 */
export function fmtCount(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
  ];
  for (const [s, u] of units) {
    if (x >= s) {
      const v = x / s;
      // toPrecision switches to exponent form from 1000 up; group the rounded value instead.
      return `${
        v >= 999.5
          ? Math.round(Number(v.toPrecision(3)))
              .toString()
              .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
          : v.toPrecision(3)
      }${u}`;
    }
  }
  return x.toPrecision(3);
}

/** Fixed decimals, "n/a" for a non-finite value. */
export function fmtNum(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

/** FLOPs as 10ⁿ or m.mm×10ⁿ. */
export function fmtFlops(x: number): string {
  const e = Math.floor(Math.log10(x) + 1e-9);
  const m = x / 10 ** e;
  const sup = String(e).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
  return Math.abs(m - 1) < 1e-6 ? `10${sup}` : `${m.toFixed(2)}×10${sup}`;
}
