import { describe, expect, it } from 'vitest';
import { LimitedMemory } from '../../../../src/optim/lbfgsb/lbfgs-memory.ts';
import { formReducedMatrix, makeSubspaceWork, partitionFreeVariables } from '../../../../src/optim/lbfgsb/subspace.ts';

/** A small deterministic generator (plain arithmetic) for the test vectors. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
}

function upperBlock(wn: Float64Array, m: number, col: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 2 * col; i++) for (let j = i; j < 2 * col; j++) out.push(wn[i * 2 * m + j]!);
  return out;
}

describe('formReducedMatrix product cache', () => {
  it('gives the same bits as forming K afresh while pairs shift, the free set changes and the memory resets', () => {
    const n = 6;
    const m = 4;
    const next = sequence(12345);
    const mem = new LimitedMemory(n, m);
    const cached = makeSubspaceWork(n, m);
    const iwhere = new Int8Array(n);
    let compared = 0;
    for (let step = 0; step < 40; step++) {
      if (step === 23) mem.reset();
      const s = Float64Array.from({ length: n }, next);
      const y = Float64Array.from(s, (v) => v + 0.1 * next());
      let sy = 0;
      let yy = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        sy += s[i]! * y[i]!;
        yy += y[i]! * y[i]!;
        ss += s[i]! * s[i]!;
      }
      if (sy > 0 && step % 7 !== 3) mem.update(s, y, yy, sy, ss); // every 7th step keeps the same pairs
      // The free set changes on some steps only, so both the reuse and the rebuild paths run.
      if (step % 5 === 0) for (let i = 0; i < n; i++) iwhere[i] = (i + step) % 3 === 0 ? 1 : 0;
      const nfree = partitionFreeVariables(iwhere, cached.index);
      if (mem.col === 0) continue;
      const fresh = makeSubspaceWork(n, m);
      fresh.index.set(cached.index);
      const a = formReducedMatrix(mem, nfree, cached);
      const b = formReducedMatrix(mem, nfree, fresh);
      expect(a).toBe(b);
      // Only the upper triangle of the leading 2col × 2col block is K's factor; the rest is scratch.
      expect(upperBlock(cached.wn, m, mem.col)).toEqual(upperBlock(fresh.wn, m, mem.col));
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });
});
