import { describe, expect, it } from 'vitest';
import { SURFACES, nOpt } from '../../../src/surface/index.ts';
import { sampleIsoflops, centerOffset, BIASES, NAMED_GRIDS, sweepWidth, widthSweep } from '../../../src/sampling/index.ts';
import { Rng } from '../../../src/util/rng.ts';

describe('IsoFLOP sampling', () => {
  it('samples 15 log-spaced points per budget centred on N* with D = C/(6N)', () => {
    const s = sampleIsoflops(SURFACES.chinchilla, { W: NAMED_GRIDS.S.W });
    expect(s.N.length).toBe(75);
    for (let k = 0; k < 5; k++) {
      const C = s.C[k * 15];
      const first = Math.log10(s.N[k * 15]);
      const last = Math.log10(s.N[k * 15 + 14]);
      expect((first + last) / 2).toBeCloseTo(Math.log10(nOpt(SURFACES.chinchilla, C)), 12);
      expect(last - first).toBeCloseTo(2 * Math.log10(4), 12);
      for (let i = 0; i < 15; i++) expect((6 * s.N[k * 15 + i] * s.D[k * 15 + i]) / C).toBeCloseTo(1, 14);
    }
  });

  it('puts every N-centre at N*/3 when offset by 3x', () => {
    const s = sampleIsoflops(SURFACES.symmetric, { W: 0.5, pointsPerCurve: 3, bias: BIASES.offset_3x });
    for (let k = 0; k < 5; k++) expect(s.N[k * 3 + 1] / (nOpt(SURFACES.symmetric, s.C[k * 3]) / 3)).toBeCloseTo(1, 12);
  });

  it('drifts the centre linearly in log10 C: 0 at the smallest budget, −driftRate at the largest', () => {
    const b = BIASES['drift_0.2'];
    expect(centerOffset(b, 1e17, 1e17, 1e21)).toBe(-0);
    expect(centerOffset(b, 1e21, 1e17, 1e21)).toBeCloseTo(-0.2, 15);
    expect(centerOffset(b, 1e19, 1e17, 1e21)).toBeCloseTo(-0.1, 15);
    expect(centerOffset(b, 1e19, 1e19, 1e19)).toBe(-0);
  });

  it('draws the same noise for the same seed and different noise for another', () => {
    const opts = { W: 0.6, noiseStd: 0.1 };
    const a = sampleIsoflops(SURFACES.asymmetric, { ...opts, rng: new Rng(7) });
    const b = sampleIsoflops(SURFACES.asymmetric, { ...opts, rng: new Rng(7) });
    const c = sampleIsoflops(SURFACES.asymmetric, { ...opts, rng: new Rng(8) });
    expect(Array.from(a.L)).toEqual(Array.from(b.L));
    expect(Array.from(a.L)).not.toEqual(Array.from(c.L));
  });

  it('has the 20-value width sweep from 0.3 to 2.0 with narrow/medium/wide at 0, 10, 19', () => {
    const w = widthSweep();
    expect(w.length).toBe(20);
    expect(w[0]).toBe(0.3);
    expect(w[19]).toBe(2.0);
    expect(sweepWidth(10)).toBeCloseTo(0.3 + 10 * (1.7 / 19), 15);
  });

  it('rejects noise without a generator and a negative width', () => {
    expect(() => sampleIsoflops(SURFACES.chinchilla, { W: 0.3, noiseStd: 0.1 })).toThrow(/needs an rng/);
    expect(() => sampleIsoflops(SURFACES.chinchilla, { W: -1 })).toThrow(/W must be a finite number ≥ 0, got -1/);
  });
});

describe('seeded generator', () => {
  it('produces uniforms in [0, 1) with mean 1/2 and normals with unit variance', () => {
    const r = new Rng(42);
    let su = 0;
    let s1 = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      su += u;
      const z = r.normal();
      s1 += z;
      s2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(s1 / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it('matches a BigInt reference implementation of xoshiro128** step for step', () => {
    // Independent reference: the generator's recurrence written with exact
    // BigInt arithmetic modulo 2^32, seeded by SplitMix64 as documented.
    const M = 0xffffffffn;
    const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
    const M64 = (1n << 64n) - 1n;
    let z = 12345n;
    const splitmix = (): bigint => {
      z = (z + 0x9e3779b97f4a7c15n) & M64;
      let x = z;
      x = ((x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
      x = ((x ^ (x >> 27n)) * 0x94d049bb133111ebn) & M64;
      return x ^ (x >> 31n);
    };
    const w1 = splitmix();
    const w2 = splitmix();
    let [a, b, c, d] = [w1 & M, w1 >> 32n, w2 & M, w2 >> 32n];
    const r = new Rng(12345);
    for (let i = 0; i < 1000; i++) {
      const expected = (rotl((b * 5n) & M, 7n) * 9n) & M;
      const t = (b << 9n) & M;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11n);
      expect(r.nextU32()).toBe(Number(expected));
    }
  });

  it('forks into a stream that differs from its parent', () => {
    const r = new Rng(1);
    const f = r.fork();
    expect(f.uniform()).not.toBe(r.uniform());
  });
});
