import { afterAll, describe, expect, it } from 'vitest';
import { createTaskPool, defineTask } from '../../../experiments/harness/pool.ts';
import { dummyFit, dummyFitTask, failingTaskRef } from '../fixtures/dummy-task.ts';

const inputs = Array.from({ length: 24 }, (_, i) => ({ seed: 1000 + i, noiseStd: 0.02 }));
const strip = (rows: Array<{ seed: number; a: number; b: number; firstLoss: number }>) => rows.map(({ seed, a, b, firstLoss }) => ({ seed, a, b, firstLoss }));

const pools = [createTaskPool(1), createTaskPool(2), createTaskPool(3)];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('task pool', () => {
  it('gives identical results in input order for 1, 2 and 3 jobs', async () => {
    const [one, two, three] = await Promise.all(pools.map((p, k) => p.map(dummyFitTask, inputs, { chunkSize: k === 2 ? 1 : undefined })));
    expect(strip(one)).toEqual(strip(inputs.map(dummyFit)));
    expect(strip(two)).toEqual(strip(one));
    expect(strip(three)).toEqual(strip(one));
    expect(one.every((r) => r.mainThread)).toBe(true);
    // Workers really ran the TypeScript task (and the library it imports).
    expect(two.every((r) => !r.mainThread)).toBe(true);
    expect(new Set(three.map((r) => r.threadId)).size).toBeGreaterThan(1);
  });

  it('reports progress once per input', async () => {
    let ticks = 0;
    let done = 0;
    const progress = {
      start: (_label: string, total: number) => (expect(total).toBe(inputs.length), { tick: (n = 1) => void (ticks += n), done: () => void (done += 1) }),
    };
    await pools[1].map(dummyFitTask, inputs, { progress, label: 'fits' });
    expect(ticks).toBe(inputs.length);
    expect(done).toBe(1);
  });

  it('rejects with the task error, inline and in workers', async () => {
    await expect(
      pools[0].map(
        failingTaskRef,
        inputs.map((x, i) => ({ ...x, seed: i })),
      ),
    ).rejects.toThrow('dummy failure for seed 3');
    await expect(
      pools[1].map(
        failingTaskRef,
        inputs.map((x, i) => ({ ...x, seed: i })),
      ),
    ).rejects.toThrow('dummy failure for seed 3');
  });

  it('rejects a task name the module does not export', async () => {
    const bogus = defineTask(dummyFitTask.module, 'noSuchExport', dummyFit);
    await expect(pools[1].map(bogus, inputs.slice(0, 4))).rejects.toThrow('noSuchExport is not an exported function');
  });

  it('checks its arguments', () => {
    expect(() => createTaskPool(0)).toThrow(RangeError);
    expect(() => defineTask('relative/path.ts', 'x', (v: number) => v)).toThrow(RangeError);
  });
});
