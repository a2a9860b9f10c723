/**
 * NumpyGenerator against numpy itself, bit for bit. The fixtures under
 * tests/fixtures/numpy-random/ were written once by
 * tests/fixtures/numpy-random/make-fixtures.py (python3 + numpy 2.4.6: first
 * raw words, uniforms, 20 000 normals with the indices that took the
 * ziggurat's tail and wedge paths, a SHA-256 of 200 000 normals, bounded
 * integers including highs that force Lemire rejections, interleaved calls,
 * choice, spawned children, SeedSequence states). These tests need no Python.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NumpyGenerator, Pcg64, SeedSequence } from '../../../src/util/numpy-random.ts';

const DIR = new URL('../../fixtures/numpy-random/', import.meta.url);
const SEEDS = ['0', '42', '12345', '1099511627776'];

interface SeedFixture {
  seed: string;
  seed_sequence_state32: number[];
  seed_sequence_pool: number[];
  raw_uint64: string[];
  random: number[];
  uniform: { lo: number; hi: number; values: number[] };
  normal: { loc: number; scale: number; values: number[] };
  standard_normal: {
    indices: number[];
    values: number[];
    tail_indices: number[];
    wedge_indices: number[];
    count_hashed: number;
    sha256_f64le: string;
    sequential_sum: number;
  };
  integers: Array<{ high: number; values: number[] }>;
  ops: Array<{ op: 'integers' | 'random' | 'uniform' | 'standard_normal'; arg: number | [number, number] | null; size: number; values: number[] }>;
  choice: { items: number[]; values: number[] };
  spawn: { children_random: number[][]; children_raw: string[]; late_child_random: number[][]; grandchild_random: number[]; child_state32: number[] };
}

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as T;
const fixtures = SEEDS.map((s) => load<SeedFixture>(`seed-${s}.json`));
const seedOf = (f: SeedFixture) => BigInt(f.seed);
const gen = (f: SeedFixture) => new NumpyGenerator(seedOf(f));
const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe.each(fixtures)('numpy default_rng($seed)', (fx) => {
  it('mixes the seed into the same SeedSequence pool and state words', () => {
    const ss = new SeedSequence(seedOf(fx));
    expect([...ss.pool]).toEqual(fx.seed_sequence_pool);
    expect([...ss.generateState(8)]).toEqual(fx.seed_sequence_state32);
    expect([...new SeedSequence(seedOf(fx), [0]).generateState(8)]).toEqual(fx.spawn.child_state32);
  });

  it('produces the same raw 64-bit PCG64 words', () => {
    const bg = new Pcg64(seedOf(fx));
    expect(draw(fx.raw_uint64.length, () => 0).map(() => bg.nextUint64().toString())).toEqual(fx.raw_uint64);
  });

  it('produces the same random() and uniform(lo, hi) doubles', () => {
    const g = gen(fx);
    expect(draw(fx.random.length, () => g.random())).toEqual(fx.random);
    const u = gen(fx);
    expect(draw(fx.uniform.values.length, () => u.uniform(fx.uniform.lo, fx.uniform.hi))).toEqual(fx.uniform.values);
  });

  it('produces the same standard normals, including ziggurat tail and wedge draws', () => {
    const sn = fx.standard_normal;
    expect(sn.tail_indices.length).toBeGreaterThan(0);
    expect(sn.wedge_indices.length).toBeGreaterThan(0);
    const g = gen(fx);
    const all = draw(sn.indices[sn.indices.length - 1] + 1, () => g.standardNormal());
    expect(sn.indices.map((i) => all[i])).toEqual(sn.values);
  });

  it('matches 200 000 normals by SHA-256 of their bytes and by their running sum', () => {
    const g = gen(fx);
    const values = new Float64Array(fx.standard_normal.count_hashed);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      values[i] = g.standardNormal();
      sum += values[i];
    }
    expect(sum).toBe(fx.standard_normal.sequential_sum);
    expect(createHash('sha256').update(new Uint8Array(values.buffer)).digest('hex')).toBe(fx.standard_normal.sha256_f64le);
  });

  it('produces normal(loc, scale, size) as loc + scale·standard_normal in draw order', () => {
    expect([...gen(fx).normal(fx.normal.loc, fx.normal.scale, fx.normal.values.length)]).toEqual(fx.normal.values);
  });

  it('produces the same bounded integers for every high, Lemire rejections included', () => {
    for (const { high, values } of fx.integers) expect([...gen(fx).integers(high, values.length)]).toEqual(values);
  });

  it('keeps the buffered upper 32-bit half across calls of other kinds', () => {
    const g = gen(fx);
    for (const step of fx.ops) {
      let got: number[];
      if (step.op === 'integers') got = [...g.integers(step.arg as number, step.size)];
      else if (step.op === 'random') got = draw(step.size, () => g.random());
      else if (step.op === 'uniform') got = draw(step.size, () => g.uniform(...(step.arg as [number, number])));
      else got = draw(step.size, () => g.standardNormal());
      expect(got).toEqual(step.values);
    }
  });

  it('chooses with replacement like choice(items, size)', () => {
    expect(gen(fx).choice(fx.choice.items, fx.choice.values.length)).toEqual(fx.choice.values);
  });

  it('spawns children with extended spawn keys, independent of the parent draws', () => {
    const g = gen(fx);
    const children = [g.spawn(), g.spawn(), g.spawn()];
    draw(5, () => g.random());
    const late = g.spawn();
    children.forEach((c, k) => expect(draw(3, () => c.random())).toEqual(fx.spawn.children_random[k]));
    children.forEach((c, k) => expect(c.bitGenerator.nextUint64().toString()).toBe(fx.spawn.children_raw[k]));
    expect(draw(3, () => late.random())).toEqual(fx.spawn.late_child_random);
    children[1].spawn();
    const grand = children[1].spawn();
    expect(draw(3, () => grand.random())).toEqual(fx.spawn.grandchild_random);
  });
});

describe('SeedSequence', () => {
  const { cases } = load<{ cases: Array<{ entropy: string; spawn_key: string[]; state32: number[] }> }>('seed-sequences.json');

  it.each(cases)('generates the same state words for entropy $entropy, spawn key $spawn_key', ({ entropy, spawn_key, state32 }) => {
    const ss = new SeedSequence(BigInt(entropy), spawn_key.map(Number));
    expect([...ss.generateState(state32.length)]).toEqual(state32);
  });

  it('rejects a negative or fractional seed by naming it', () => {
    expect(() => new SeedSequence(-1)).toThrow(/non-negative, got -1/);
    expect(() => new SeedSequence(1.5)).toThrow(/got 1.5/);
  });
});

describe('NumpyGenerator argument checks', () => {
  it('rejects highs outside [1, 2^31] and negative sizes', () => {
    const g = new NumpyGenerator(1);
    expect(() => g.integers(0, 3)).toThrow(/high must be an integer in \[1, 2\^31\], got 0/);
    expect(() => g.integers(2 ** 31 + 1, 3)).toThrow(/got 2147483649/);
    expect(() => g.integers(5, -1)).toThrow(/size must be a non-negative integer, got -1/);
    expect(() => g.normal(0, -1, 2)).toThrow(/scale must be ≥ 0, got -1/);
  });
});
