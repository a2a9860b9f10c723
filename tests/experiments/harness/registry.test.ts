import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, findExperiment } from '../../../experiments/harness/registry.ts';

describe('experiment registry', () => {
  it('lists each experiment once, in id order', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(ids).toEqual(expect.arrayContaining([1, 2, 3, 4, 6, 10]));
    expect(findExperiment(10)?.id).toBe(10);
    expect(findExperiment(99)).toBeUndefined();
  });

  it('gives every module the shape of habit 8', () => {
    for (const e of EXPERIMENTS) {
      expect(Number.isInteger(e.id) && e.id >= 0 && e.id <= 12).toBe(true);
      expect(e.title.length).toBeGreaterThan(5);
      expect(e.title).not.toMatch(/\n/);
      expect(e.hypothesis.length).toBeGreaterThan(20);
      expect(e.defaultConfig).toBeTypeOf('object');
      expect(e.quickConfig).toBeTypeOf('object');
      expect(e.run).toBeTypeOf('function');
      expect(e.render).toBeTypeOf('function');
    }
  });
});
