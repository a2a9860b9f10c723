import { describe, expect, it } from 'vitest';
import { FactBook } from '../../../article/engine/fact-registry.ts';
import { MissingResultError } from '../../../article/engine/errors.ts';
import { ResultStore } from '../../../article/engine/result-store.ts';
import { CLAIMS, SUMMARY_CLAIMS } from '../../../article/declarations/claims.ts';
import { defineFacts } from '../../../article/declarations/facts/index.ts';

function book(): FactBook {
  const f = new FactBook();
  f.config('cfg.n', 15, 'grids.ts');
  f.add('exp9.v', { needs: [9] }, () => 1);
  f.add('exp3.v', { needs: [3] }, () => {
    throw new MissingResultError('results/experiments/exp3/sweep.csv has no column b', 3, 'sweep.csv:b');
  });
  f.derive('d.sum', ['cfg.n', 'exp9.v'], (a, b) => a + b);
  f.add('bad', {}, () => NaN);
  return f;
}

describe('facts registry', () => {
  it('evaluates facts, derived facts and records provenance', () => {
    const f = book();
    f.bind(new ResultStore('/nonexistent', '/'), new Set([9]), new Map());
    expect(f.state('cfg.n')).toMatchObject({ status: 'ok', fact: { value: 15, kind: 'config', source: 'grids.ts' } });
    expect(f.state('d.sum')).toMatchObject({ status: 'ok', fact: { value: 16 } });
    expect(f.needsOf('d.sum')).toEqual([9]);
  });

  it('marks facts missing when their experiment is unavailable or lacks a column, naming it', () => {
    const f = book();
    f.bind(new ResultStore('/nonexistent', '/'), new Set([3]), new Map([[9, 'not in experiments/registry.ts yet']]));
    expect(f.state('exp9.v')).toEqual({ status: 'missing', reason: 'experiment 9: not in experiments/registry.ts yet', experiments: [9] });
    expect(f.state('d.sum')).toMatchObject({ status: 'missing', experiments: [9] });
    expect(f.state('exp3.v')).toMatchObject({ status: 'missing', experiments: [3], reason: expect.stringContaining('has no column b') });
  });

  it('rejects unknown keys, duplicate keys and non-finite values', () => {
    const f = book();
    f.bind(new ResultStore('/nonexistent', '/'), new Set(), new Map());
    expect(() => f.state('nope')).toThrow(/unknown fact/);
    expect(() => f.config('cfg.n', 1, 'x')).toThrow(/defined twice/);
    expect(() => f.state('bad')).toThrow(/non-finite/);
  });

  it('reports unused facts, counting derivation inputs of used facts as used', () => {
    const f = book();
    f.bind(new ResultStore('/nonexistent', '/'), new Set([9]), new Map());
    f.state('d.sum');
    expect(f.unused().single.sort()).toEqual(['bad', 'exp3.v']);
  });

  it('defines every fact a claim uses, with unique claim ids', () => {
    const f = defineFacts();
    const unknown = [...CLAIMS, ...SUMMARY_CLAIMS].flatMap((c) => c.facts.filter((k) => !f.has(k)).map((k) => `${c.id}: ${k}`));
    expect(unknown).toEqual([]);
    const ids = [...CLAIMS, ...SUMMARY_CLAIMS].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
