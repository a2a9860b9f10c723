/**
 * Article structure: the one unit for sampling offsets (multiples of the
 * optimum), the surface table's facts, the α/β ratio convention and the
 * noisy-experiment designs quoted in captions.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig as EXP9 } from '../../../experiments/exp9/exp9-data-efficiency.ts';
import { defineFacts } from '../../../article/declarations/facts/index.ts';
import { gridText, listText } from '../../../article/declarations/facts/designs.ts';
import { TABLE_SURFACES } from '../../../article/declarations/facts/surfaces.ts';
import { BIAS_LABELS, biasLabel } from '../../../article/declarations/figures/palette.ts';
import { ResultStore } from '../../../article/engine/result-store.ts';
import { TABLES } from '../../../article/declarations/tables.ts';
import { BIASES } from '../../../src/sampling/index.ts';
import { dOpt, nOpt, SURFACES } from '../../../src/surface/index.ts';

function configBook() {
  const f = defineFacts();
  // No experiment outputs: only config facts and facts derived from them evaluate.
  f.bind(new ResultStore('/nonexistent', '/'), new Set(), new Map());
  const num = (k: string): number => {
    const s = f.state(k);
    if (s.status !== 'ok') throw new Error(`${k} is ${s.status}`);
    return s.fact.value as number;
  };
  return { f, num };
}

describe('sampling offsets as multiples of the optimum', () => {
  it('labels constant offsets by their center scale and drifts by 10^driftRate', () => {
    expect(BIAS_LABELS['scale_1.5']).toBe('offset by 1.5×');
    expect(BIAS_LABELS['scale_2.0']).toBe('offset by 2×');
    expect(BIAS_LABELS.offset_3x).toBe('offset by 3×');
    expect(BIAS_LABELS['drift_0.2']).toBe('drift to 1.58×');
    expect(BIAS_LABELS['drift_0.4']).toBe('drift to 2.51×');
    expect(BIAS_LABELS.drift_3x).toBe('drift to 3×');
    expect(BIAS_LABELS.baseline).toBe('centered');
    expect(biasLabel({ driftRate: 0.2, centerScale: 2 })).toBe('offset by 2×, drift to 1.58×');
  });

  it('binds the same multiples for the prose', () => {
    const { num } = configBook();
    expect(num('cfg.drift.small_factor')).toBeCloseTo(Math.pow(10, BIASES['drift_0.2'].driftRate), 12);
    expect(num('cfg.drift.large_factor')).toBeCloseTo(Math.pow(10, BIASES['drift_0.4'].driftRate), 12);
    expect(num('cfg.drift.factor')).toBeCloseTo(3, 12);
    expect(num('cfg.scale.large')).toBe(BIASES['scale_2.0'].centerScale);
  });
});

describe('surface table', () => {
  it('has one row per surface with parameters, exponents and the allocation at the evaluation budget', () => {
    const t = TABLES.find((x) => x.id === 'tbl-surfaces')!;
    expect(t.rows).toHaveLength(TABLE_SURFACES.length);
    for (const row of t.rows) expect(row.slice(1).every((c) => /^\{\{ surf\.[a-z0-9]+\.[a-z_]+ \| [a-z0-9:]+ \}\}$/.test(c))).toBe(true);
  });

  it('computes N* and D* at the evaluation budget from the library constants', () => {
    const { num } = configBook();
    const C = num('cfg.eval_budget');
    for (const [k, name] of [
      ['chinchilla', 'chinchilla'],
      ['asymmetric', 'asymmetric'],
      ['sparsenmm', 'sparse_nmm'],
    ] as const) {
      expect(num(`surf.${k}.nstar_eval`)).toBeCloseTo(nOpt(SURFACES[name], C), -3);
      expect(num(`surf.${k}.dstar_eval`) / dOpt(SURFACES[name], C)).toBeCloseTo(1, 12);
      expect((num(`surf.${k}.nstar_eval`) * num(`surf.${k}.dstar_eval`) * 6) / C).toBeCloseTo(1, 12);
    }
  });

  it('marks the Llama 3 row missing without experiment 11', () => {
    const { f } = configBook();
    expect(f.state('surf.llama3.alpha')).toMatchObject({ status: 'missing', experiments: [11] });
    expect(f.needsOf('surf.llama3.dstar_eval')).toEqual([11]);
  });
});

describe('ratio convention', () => {
  it('states every imbalance as α/β = b/a, published β/α as its reciprocal', () => {
    const { num } = configBook();
    expect(num('lit.kaplan.ratio')).toBeCloseTo(num('lit.kaplan_b') / num('lit.kaplan_a'), 12);
    expect(num('lit.kaplan.ratio')).toBeLessThan(1);
    expect(num('pubexp.ratio.min')).toBeLessThan(num('pubexp.ratio.max'));
    const header = TABLES.find((x) => x.id === 'tbl-published-exponents')!.columns.join(' ');
    expect(header).toContain('\\alpha/\\beta');
    expect(header).not.toContain('\\beta/\\alpha');
  });
});

describe('noisy-experiment designs', () => {
  it('writes lists and grids as the captions quote them', () => {
    expect(listText([0.05, 0.1, 0.2])).toBe('0.05, 0.1 and 0.2');
    expect(listText([3])).toBe('3');
    expect(gridText(8)).toBe('L (±8×)');
    expect(gridText(3)).toBe('±3×');
  });

  it('reads the designs from the experiments’ default configurations', () => {
    const { f, num } = configBook();
    const text = (k: string) => (f.state(k) as { fact: { value: string } }).fact.value;
    expect(text('des.x9.noise')).toBe(listText(EXP9.noiseLevels));
    expect(text('des.x9.grids')).toBe(listText(EXP9.gridFactors.map((k) => `±${k}×`)));
    expect(num('des.x9.trials')).toBe(EXP9.trials);
    expect(text('des.x7.bias')).toBe('drift to 3×');
  });
});
