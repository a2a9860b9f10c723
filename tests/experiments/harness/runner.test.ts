import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../../experiments/harness/runner.ts';
import { createTaskPool } from '../../../experiments/harness/pool.ts';
import { DEFAULT_RNG_KIND, RNG_NAMES, type RngKind } from '../../../src/util/random.ts';
import * as dummy from '../fixtures/dummy-experiment.ts';
import { makeTempDir, removeDir } from '../helpers.ts';

let root: string;
beforeAll(async () => {
  root = await makeTempDir('scaling-fit-runner-');
});
afterAll(() => removeDir(root));

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

describe('runner', () => {
  it('writes byte-identical Monte Carlo outputs for the same seed with 1 and 2 jobs', async () => {
    const runs: Array<Record<string, string>> = [];
    for (const jobs of [1, 2]) {
      const pool = createTaskPool(jobs);
      try {
        const rec = await runExperiment(dummy, { outRoot: join(root, `jobs${jobs}`), quick: true, seed: 42, pool });
        expect(rec.files).toEqual(['fits.csv', 'summary.json', 'run.json']);
        runs.push(await files(rec.dir));
      } finally {
        await pool.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]['fits.csv'].trim().split('\n')).toHaveLength(13);
    expect(JSON.parse(runs[0]['summary.json'])).toMatchObject({ experiment: 99, quick: true, seed: 42, n_repeats: 12 });
    expect(JSON.parse(runs[0]['run.json'])).toMatchObject({ experiment: 99, config: { repeats: 12, noiseStd: 0.05 } });
  });

  it('gives different numbers for a different seed', async () => {
    const rec = await runExperiment(dummy, { outRoot: join(root, 'seed7'), quick: true, seed: 7, jobs: 2 });
    const a = await readFile(join(rec.dir, 'fits.csv'), 'utf8');
    const b = await readFile(join(root, 'jobs1/experiments/exp99/fits.csv'), 'utf8');
    expect(a).not.toBe(b);
  });

  it('rejects summary keys reserved for the runner and keeps earlier results on failure', async () => {
    const bad = { ...dummy, render: (r: Parameters<typeof dummy.render>[0]) => ({ ...dummy.render(r), summary: { seed: 1 } }) };
    await expect(runExperiment(bad, { outRoot: join(root, 'jobs1'), quick: true })).rejects.toThrow('summary key "seed" is reserved');
    expect((await readdir(join(root, 'jobs1/experiments'))).sort()).toEqual(['exp99']);
    expect(await readdir(join(root, 'jobs1/experiments/exp99'))).toContain('fits.csv');
  });

  it('records the generator as "rng" in summary.json and run.json of random experiments only', async () => {
    const summaryOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    const random = { ...dummy, random: true };
    const numpy = await runExperiment(random, { outRoot: join(root, 'rng-numpy'), quick: true, rng: 'numpy', jobs: 1 });
    expect(await summaryOf(numpy.dir)).toMatchObject({ experiment: 99, rng: 'numpy' });
    expect(JSON.parse(await readFile(join(numpy.dir, 'run.json'), 'utf8'))).toMatchObject({ rng: 'numpy' });
    const byDefault = await runExperiment(random, { outRoot: join(root, 'rng-default'), quick: true, jobs: 1 });
    expect((await summaryOf(byDefault.dir)).rng).toBe(RNG_NAMES[DEFAULT_RNG_KIND]);
    const deterministic = await runExperiment(dummy, { outRoot: join(root, 'rng-none'), quick: true, rng: 'numpy', jobs: 1 });
    expect(await summaryOf(deterministic.dir)).not.toHaveProperty('rng');
  });

  it('rejects an unknown generator kind and a negative seed for numpy, naming the value', async () => {
    const random = { ...dummy, random: true };
    await expect(runExperiment(random, { outRoot: join(root, 'rng-bad'), quick: true, rng: 'mt19937' as RngKind })).rejects.toThrow('got "mt19937"');
    await expect(runExperiment(random, { outRoot: join(root, 'rng-bad'), quick: true, rng: 'numpy', seed: -3 })).rejects.toThrow('non-negative seed, got -3');
  });
});
