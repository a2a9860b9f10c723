import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, formatFloat, formatString, normalizeJson, toCsv, toJson } from '../../../../experiments/harness/output/index.ts';

describe('formatFloat', () => {
  it('writes the examples of specs/experiments.md §A.2', () => {
    expect(formatFloat(0.3010299956639812)).toBe('0.3010299956639812');
    expect(formatFloat(4.035834749563681e12)).toBe('4.035834749563681e+12');
  });

  it('uses the shortest round-trip digits', () => {
    expect(formatFloat(0.1)).toBe('0.1');
    expect(formatFloat(1 / 3)).toBe('0.3333333333333333');
    expect(formatFloat(4035834749563.6807)).toBe('4.0358347495636807e+12');
    expect(formatFloat(-5.100244551712022)).toBe('-5.100244551712022');
  });

  it('switches to exponent notation below 1e-4 and from 1e6 on (C %g rule)', () => {
    expect(formatFloat(1e17)).toBe('1e+17');
    expect(formatFloat(1.584893192461111e22)).toBe('1.584893192461111e+22');
    expect(formatFloat(999999)).toBe('999999');
    expect(formatFloat(1e6)).toBe('1e+06');
    expect(formatFloat(1234567)).toBe('1.234567e+06');
    expect(formatFloat(123456.7)).toBe('123456.7');
    expect(formatFloat(15)).toBe('15');
    expect(formatFloat(0.0001)).toBe('0.0001');
    expect(formatFloat(0.00009)).toBe('9e-05');
    expect(formatFloat(-2.5e-7)).toBe('-2.5e-07');
    expect(formatFloat(1.5e300)).toBe('1.5e+300');
    expect(formatFloat(5e-324)).toBe('5e-324');
    expect(formatFloat(Number.MAX_VALUE)).toBe('1.7976931348623157e+308');
  });

  it('writes zero, missing and infinite values', () => {
    expect(formatFloat(0)).toBe('0');
    expect(formatFloat(-0)).toBe('0');
    expect(formatFloat(NaN)).toBe('');
    expect(formatFloat(Infinity)).toBe('inf');
    expect(formatFloat(-Infinity)).toBe('-inf');
  });

  it('round-trips every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = formatFloat(x);
        expect(Number(s)).toBe(x === 0 ? 0 : x);
        // Same significant digits as the engine's shortest representation.
        const digits = (t: string) => t.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
        expect(digits(s)).toBe(digits(x.toExponential()));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formatCell and formatString', () => {
  it('writes booleans, null and strings', () => {
    expect(formatCell(true)).toBe('true');
    expect(formatCell(false)).toBe('false');
    expect(formatCell(null)).toBe('');
    expect(formatCell('drift_0.2')).toBe('drift_0.2');
  });

  it('quotes only strings with a comma, quote or line break', () => {
    expect(formatString('plain text')).toBe('plain text');
    expect(formatString('a,b')).toBe('"a,b"');
    expect(formatString('say "hi"')).toBe('"say ""hi"""');
    expect(formatString('two\nlines')).toBe('"two\nlines"');
  });

  it('rejects values that are not cells', () => {
    expect(() => formatCell({} as never)).toThrow(TypeError);
  });
});

describe('toCsv', () => {
  it('writes a header, one record per line and a trailing newline', () => {
    const text = toCsv({
      columns: ['surface', 'w_index', 'a_err_pct', 'failed', 'note'],
      rows: [
        { surface: 'chinchilla', w_index: 0, a_err_pct: -0.326937803732719, failed: false, note: 'x,y' },
        { surface: 'asymmetric', w_index: 19, a_err_pct: NaN, failed: true, note: null, extra: 'ignored' },
      ],
    });
    expect(text).toBe('surface,w_index,a_err_pct,failed,note\nchinchilla,0,-0.326937803732719,false,"x,y"\nasymmetric,19,,true,\n');
  });

  it('fails loudly on a row without a listed column', () => {
    expect(() => toCsv({ columns: ['a', 'b'], rows: [{ a: 1, b: 2 }, { a: 1 }] })).toThrow('row 1 has no value for column "b"');
    expect(() => toCsv({ columns: ['a'], rows: [{ a: undefined }] })).toThrow('row 0 has no value for column "a"');
  });

  it('rejects duplicate or missing columns', () => {
    expect(() => toCsv({ columns: ['a', 'a'], rows: [] })).toThrow(RangeError);
    expect(() => toCsv({ columns: [], rows: [] })).toThrow(RangeError);
  });
});

describe('toJson', () => {
  it('turns NaN and ±Infinity into null and keeps full precision', () => {
    expect(JSON.parse(toJson({ a: NaN, b: [Infinity, -Infinity], c: 0.1 + 0.2 }))).toEqual({ a: null, b: [null, null], c: 0.30000000000000004 });
  });

  it('fails loudly on undefined by default, naming the path', () => {
    expect(() => toJson({ configs: { balanced: { ratio: undefined } } })).toThrow('undefined value at $.configs.balanced.ratio');
    expect(() => toJson({ xs: [1, undefined] })).toThrow('$.xs[1]');
  });

  it('can omit undefined properties (figure specs) but not undefined array elements', () => {
    expect(normalizeJson({ a: 1, b: undefined }, { undefinedValues: 'omit' })).toEqual({ a: 1 });
    expect(() => normalizeJson([undefined], { undefinedValues: 'omit' })).toThrow(TypeError);
  });

  it('writes typed arrays as arrays and rejects class instances', () => {
    expect(normalizeJson({ x: new Float64Array([1, NaN]) })).toEqual({ x: [1, null] });
    expect(() => normalizeJson({ d: new Date(0) })).toThrow('Date');
  });
});
