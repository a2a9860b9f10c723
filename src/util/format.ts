/** Compact number for messages: 1.4e18 rather than 1400000000000000000 (6 significant digits at most). */
export function formatCompute(x: number): string {
  return Math.abs(x) >= 1e6 ? Number(x.toPrecision(6)).toExponential().replace('e+', 'e') : String(x);
}
