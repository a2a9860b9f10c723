import { describe, expect, it } from 'vitest';
import { exp, log, log10, pow } from '../../../src/util/libm.ts';

// specs/libm.md: the port against Node's Math.* on seeded samples, special
// values, and fdlibm's own pow (Java's StrictMath.pow) where Node differs.

const F = new Float64Array(2);
const B = new BigInt64Array(F.buffer);

/** Distance in ulps between two doubles of the same sign (0 when Object.is). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.POSITIVE_INFINITY;
  F[0] = a;
  F[1] = b;
  const d = B[0] - B[1];
  return Number(d < 0n ? -d : d);
}

/** The double with the given IEEE bits (hex). */
function fromHex(hex: string): number {
  B[0] = BigInt.asIntN(64, BigInt(`0x${hex}`));
  return F[0];
}

/** Seeded uniforms in [0, 1) with 53 bits (two mulberry32 outputs); fast and engine-independent. */
function uniforms(seed: number): () => number {
  let s = seed | 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

interface Agreement {
  identical: number;
  maxUlp: number;
}

/** Fraction of n seeded arguments where f and g give the same bits, and the largest ulp distance. */
function agreement(
  n: number,
  seed: number,
  args: (u: () => number) => [number, number],
  f: (x: number, y: number) => number,
  g: (x: number, y: number) => number,
): Agreement {
  const u = uniforms(seed);
  let same = 0;
  let maxUlp = 0;
  for (let i = 0; i < n; i++) {
    const [x, y] = args(u);
    const d = ulps(f(x, y), g(x, y));
    if (d === 0) same++;
    else if (d > maxUlp) maxUlp = d;
  }
  return { identical: same / n, maxUlp };
}

const N = 1_000_000;

describe('libm against Node 20 Math.* on 10^6 seeded arguments each', () => {
  it('exp on [-745, 709] and on |x| in [1e-20, 1e3]: bit-identical everywhere', () => {
    expect(agreement(N, 1, (u) => [-745 + 1454 * u(), 0], exp, Math.exp)).toEqual({ identical: 1, maxUlp: 0 });
    const signed = (u: () => number): [number, number] => [(u() < 0.5 ? -1 : 1) * 10 ** (-20 + 23 * u()), 0];
    expect(agreement(N / 4, 2, signed, exp, Math.exp)).toEqual({ identical: 1, maxUlp: 0 });
  });

  it('log and log10 on (1e-300, 1e300] (log-uniform) and log near 1: bit-identical everywhere', () => {
    const wide = (u: () => number): [number, number] => [10 ** (-300 + 600 * u()), 0];
    expect(agreement(N, 3, wide, log, Math.log)).toEqual({ identical: 1, maxUlp: 0 });
    expect(agreement(N, 4, wide, log10, Math.log10)).toEqual({ identical: 1, maxUlp: 0 });
    expect(agreement(N / 4, 5, (u) => [1 + (u() - 0.5) * 1e-3, 0], log, Math.log)).toEqual({ identical: 1, maxUlp: 0 });
  });

  it('pow with bases 1e-3…1e26, exponents -2…2, and 10**x on [-5, 30]: within 1 ulp, 95.5 % identical (Node is not fdlibm)', () => {
    const bases = agreement(N, 6, (u) => [10 ** (-3 + 29 * u()), -2 + 4 * u()], pow, Math.pow);
    const tens = agreement(N, 7, (u) => [10, -5 + 35 * u()], pow, Math.pow);
    for (const a of [bases, tens]) {
      expect(a.maxUlp).toBe(1);
      // Measured 0.9553 and 0.9552 on Node 20.20.
      expect(a.identical).toBeGreaterThan(0.95);
      expect(a.identical).toBeLessThan(0.96);
    }
  });
});

describe('pow is fdlibm e_pow.c', () => {
  // [x, y, bits of Java 17's StrictMath.pow(x, y)] (StrictMath is specified as fdlibm).
  // The first nine are arguments where Node's Math.pow differs by one ulp.
  const STRICT: [number, number, string][] = [
    [5.592294875762539e15, 1.1205981966499263, '43989c02831467e2'],
    [2.602108409180308e24, -0.5746632958077824, '3d04fc86395ca924'],
    [3.3861271673576603e10, 1.0733302773387599, '424753b84f00c064'],
    [3.237344451918345e12, -1.723470266271037, '3b74c3f39fe0aac3'],
    [63339.54115361121, 1.2062832256069749, '4122e963738bfe85'],
    [6.748155962527215e23, 1.713396463075278, '4868c4ea9338da75'],
    [1176.434987143241, 0.942431734877553, '4088788fa4f66eaa'],
    [0.32436059031923226, -0.699436680183249, '400195448b74ede7'],
    [277505.34991388564, 0.3671323548353955, '4058e87ae5b197a6'],
    [1.0e-310, 0.5, '1fc1297872d9cbae'],
    [2.5e-308, -0.3, '53176b23a35dcc9a'],
    [0.999999, 3.0e9, '0'],
    [1.0000001, -7.0e9, 'd14f524d3e7179'],
    [2.0, -1074.0, '1'],
    [2.0, -1075.5, '0'],
    [1.5, 1700.0, '7e15a63b3b6d05e3'],
    [-2.5, 3.0, 'c02f400000000000'],
    [-0.5, -3.0, 'c020000000000000'],
    [1.0e300, 1.02, '7f76c8e5ca239078'],
    [1.0e-300, 1.1, '0'],
  ];
  it.each(STRICT)('pow(%d, %d) has the bits %s', (x, y, hex) => {
    expect(Object.is(pow(x, y), fromHex(hex))).toBe(true);
  });
});

describe('special values', () => {
  const NaN_ = Number.NaN;
  const Inf = Number.POSITIVE_INFINITY;
  const MIN = Number.MIN_VALUE;

  it('exp: ±0, ±∞, NaN, overflow and underflow edges, subnormal results', () => {
    const cases: [number, number][] = [
      [0, 1],
      [-0, 1],
      [Inf, Inf],
      [-Inf, 0],
      [NaN_, NaN_],
      [1, Math.E],
      [709.782712893384, 1.7976931348622732e308],
      [709.79, Inf],
      [-745.1332191019411, MIN],
      [-745.14, 0],
      [1e-300, 1],
    ];
    for (const [x, want] of cases) expect(exp(x), `exp(${x})`).toBe(want);
    for (const x of [-708.5, -720, -730.25, -740, -744.9, 1e-20, -1e-10, 0.3, 0.5 * Math.LN2, 1.5 * Math.LN2]) {
      expect(ulps(exp(x), Math.exp(x)), `exp(${x})`).toBe(0);
    }
  });

  it('log and log10: ±0, negatives, 1, ∞, NaN, subnormals, powers of ten', () => {
    for (const f of [log, log10]) {
      expect(f(0)).toBe(-Inf);
      expect(f(-0)).toBe(-Inf);
      expect(f(-1)).toBeNaN();
      expect(f(-Inf)).toBeNaN();
      expect(f(NaN_)).toBeNaN();
      expect(Object.is(f(1), 0)).toBe(true);
      expect(f(Inf)).toBe(Inf);
    }
    for (const x of [MIN, 3 * MIN, 2.2250738585072e-308, 1e-310, Number.MAX_VALUE, 2, 0.5, 1 + 2 ** -52, 1 - 2 ** -53]) {
      expect(ulps(log(x), Math.log(x)), `log(${x})`).toBe(0);
      expect(ulps(log10(x), Math.log10(x)), `log10(${x})`).toBe(0);
    }
    for (let e = -300; e <= 300; e++) expect(log10(Number(`1e${e}`)), `log10(1e${e})`).toBe(Math.log10(Number(`1e${e}`)));
  });

  it("pow: C99 Annex F's table, with ECMAScript's NaN for (±1)^±∞ and 1^NaN", () => {
    // [x, y, expected]; C99 F.9.4.4 except the two ECMAScript rows marked.
    const cases: [number, number, number][] = [
      [0, -3, Inf],
      [-0, -3, -Inf],
      [0, -2, Inf],
      [-0, -2, Inf],
      [-0, -2.5, Inf],
      [0, -Inf, Inf],
      [-0, -Inf, Inf],
      [0, 3, 0],
      [-0, 3, -0],
      [-0, 2, 0],
      [-0, 0.5, 0],
      [-1, Inf, NaN_], // ECMAScript (C99: 1)
      [-1, -Inf, NaN_], // ECMAScript (C99: 1)
      [1, Inf, NaN_], // ECMAScript (C99: 1)
      [1, NaN_, NaN_], // ECMAScript (C99: 1)
      [1, 123.5, 1],
      [NaN_, 0, 1],
      [NaN_, -0, 1],
      [5, -0, 1],
      [-2, 0.5, NaN_],
      [-2, -1.5, NaN_],
      [0.5, -Inf, Inf],
      [-0.5, -Inf, Inf],
      [2, -Inf, 0],
      [0.5, Inf, 0],
      [-2, Inf, Inf],
      [-Inf, -3, -0],
      [-Inf, -2, 0],
      [-Inf, -0.5, 0],
      [-Inf, 3, -Inf],
      [-Inf, 2, Inf],
      [-Inf, 0.5, Inf],
      [Inf, -1, 0],
      [Inf, 0.5, Inf],
      [NaN_, 1, NaN_],
      [2, NaN_, NaN_],
      [-8, 1 / 3, NaN_],
      [-2, 3, -8],
      [-2, 2 ** 53, Inf],
      [-2, 2 ** 53 + 2, Inf],
      [-0.5, 2 ** 60 + 1, 0],
      [10, 309, Inf],
      [10, -324, 0],
      [2, 1024, Inf],
      [2, -1074, MIN],
      [4, 0.5, 2],
      [3, 2, 9],
      [7, -1, 1 / 7],
    ];
    for (const [x, y, want] of cases) {
      const got = pow(x, y);
      expect(Object.is(got, want), `pow(${x}, ${y}) = ${got}, want ${want}`).toBe(true);
      expect(Object.is(got, Math.pow(x, y)), `pow(${x}, ${y}) against Math.pow`).toBe(true);
    }
  });
});
