import { describe, expect, it } from 'vitest';
import { workerEntryUrl } from '../../src/util/worker-pool.ts';
import { groupRowIndices, percentileInterval, quantileSorted, resampleIndices } from '../../src/cli/bootstrap.ts';
import { Rng } from '../../src/util/rng.ts';
import { EXAMPLE_CSV, HAVE_SHARED_DATA, LLAMA_CSV, runJson, runMain, spawnTsxCli } from './helpers.ts';

describe('bootstrap building blocks', () => {
  it('takes numpy-style linear-interpolation quantiles', () => {
    const s = Float64Array.of(1, 2, 3, 4, 5);
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(5);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.1)).toBeCloseTo(1.4, 12);
    expect(percentileInterval([5, 1, 4, 2, 3], 0.8)).toEqual([1.4, 4.6]);
  });

  it('resamples within groups, keeping each group’s size', () => {
    const groups = Float64Array.of(2, 1, 2, 1, 1, 3);
    const rows = groupRowIndices(groups);
    expect(rows).toEqual([[1, 3, 4], [0, 2], [5]]);
    const idx = resampleIndices(rows, groups.length, new Rng(5));
    expect(idx).toHaveLength(6);
    expect([...idx.slice(0, 3)].every((i) => [1, 3, 4].includes(i))).toBe(true);
    expect([...idx.slice(3, 5)].every((i) => [0, 2].includes(i))).toBe(true);
    expect(idx[5]).toBe(5);
    expect([...resampleIndices(rows, 6, new Rng(5))]).toEqual([...idx]);
  });

  it('uses the tsx-registering worker entry when running from the sources', () => {
    expect(workerEntryUrl()).toMatch(/\/src\/util\/worker-entry-tsx\.mjs$/);
  });
});

describe('fit --bootstrap', () => {
  const args = [EXAMPLE_CSV, '--bootstrap', '60', '--seed', '11'];

  it('gives percentile intervals that contain every point estimate', async () => {
    const j = await runJson([...args, '--jobs', '1']);
    const b = j.bootstrap;
    expect(b).toMatchObject({
      replicates: 60,
      seed: 11,
      level: 0.95,
      succeeded: 60,
      failed: 0,
      scheme: 'within-curves',
      resampling: 'runs within each IsoFLOP curve',
    });
    const pairs: Array<[string, number, [number, number]]> = [
      ...['E', 'A', 'B', 'alpha', 'beta', 'a', 'b', 'a0', 'b0', 'rss'].map((k): [string, number, [number, number]] => [k, j[k], b.intervals[k]]),
      ...['N', 'D', 'D_over_N', 'loss'].map((k): [string, number, [number, number]] => [`target.${k}`, j.target[k], b.intervals.target[k]]),
    ];
    for (const [k, v, [lo, hi]] of pairs) {
      expect(lo, k).toBeLessThan(hi);
      expect(v, k).toBeGreaterThanOrEqual(lo);
      expect(v, k).toBeLessThanOrEqual(hi);
    }
  });

  it('is reproducible: same seed, same output; whatever the number of worker threads', async () => {
    const [one, again, two] = await Promise.all([
      runMain([...args, '--jobs', '1', '--json']),
      runMain([...args, '--jobs', '1', '--json']),
      runMain([...args, '--jobs', '2', '--json']), // tinypool threads loading the TypeScript worker through tsx
    ]);
    for (const r of [one, again, two]) expect(r.code, r.stderr).toBe(0);
    expect(again.stdout).toBe(one.stdout);
    expect(two.stdout).toBe(one.stdout);
    const other = await runJson([EXAMPLE_CSV, '--bootstrap', '60', '--seed', '12', '--jobs', '1']);
    expect(other.bootstrap.intervals.alpha).not.toEqual(JSON.parse(one.stdout).bootstrap.intervals.alpha);
  });

  it('loads the TypeScript worker in threads when the command runs through tsx', async () => {
    const [spawned, inline] = await Promise.all([spawnTsxCli([...args, '--jobs', '2', '--json']), runMain([...args, '--jobs', '1', '--json'])]);
    expect(spawned.code, spawned.stderr).toBe(0);
    expect(spawned.stderr).toBe('');
    expect(spawned.stdout).toBe(inline.stdout);
  });

  it('prints the intervals in the summary', async () => {
    const r = await runMain([...args, '--jobs', '1', '--level', '0.9']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bootstrap 60 of 60 replicates (seed 11); brackets: 90% percentile intervals');
    expect(r.stdout).toMatch(/alpha +0\.46\d+ +\[0\.46\d*, 0\.46\d*\]/);
    expect(r.stdout).toMatch(/N\* +3\.\d+e6 parameters +\[3\.\d+e6, 3\.\d+e6\]/);
  });

  it.skipIf(!HAVE_SHARED_DATA)('bootstraps Approach 2 on Llama 3 data: no surface intervals, failures counted', async () => {
    const j = await runJson([LLAMA_CSV, '--where', 'condition=raw_loss', '--method', 'approach2', '--bootstrap', '40', '--jobs', '1']);
    const b = j.bootstrap;
    expect(b.succeeded + b.failed).toBe(40);
    expect(b.succeeded).toBeGreaterThan(20);
    for (const k of ['E', 'A', 'B', 'alpha', 'beta', 'rss']) expect(b.intervals[k], k).toBeNull();
    expect(b.intervals.target.loss).toBeNull();
    const [lo, hi] = b.intervals.a;
    expect(j.a).toBeGreaterThanOrEqual(lo);
    expect(j.a).toBeLessThanOrEqual(hi);
    for (const f of b.failures) expect(f.message).toMatch(/Error: /);
  });
});
