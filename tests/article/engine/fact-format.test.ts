import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../article/engine/fact-format.ts';

describe('fact formats', () => {
  it('formats signed and unsigned percentages with a typographic minus', () => {
    expect(formatValue(-5.100244551712022, 'pct:2', 'prose')).toBe('\u22125.10%');
    expect(formatValue(3.97, 'pct:1', 'prose')).toBe('+4.0%');
    expect(formatValue(-0.0001, 'pct:1', 'prose')).toBe('0.0%');
    expect(formatValue(-23.1, 'apct:1', 'prose')).toBe('23.1%');
    expect(formatValue(-5.1, 'pct:1', 'math')).toBe('-5.1\\%');
  });

  it('formats tokens and parameters in words in prose and with T/B in tables', () => {
    expect(formatValue(4.035834749563681e12, 'tokens', 'prose')).toBe('4.04 trillion');
    expect(formatValue(4.035834749563681e12, 'tokens', 'table')).toBe('4.04T');
    expect(formatValue(622e9, 'params', 'prose')).toBe('622 billion');
    expect(formatValue(117e9, 'tokens', 'table')).toBe('117B');
    expect(formatValue(999.96e9, 'tokens', 'prose')).toBe('1.00 trillion');
  });

  it('formats powers of ten, scientific values, money and counts', () => {
    expect(formatValue(3.8e25, 'flops', 'prose')).toBe('3.8×10²⁵');
    expect(formatValue(1e24, 'pow10', 'prose')).toBe('10²⁴');
    expect(formatValue(1e17, 'pow10', 'math')).toBe('10^{17}');
    expect(formatValue(3.46e11, 'sci:2', 'prose')).toBe('3.5×10¹¹');
    expect(formatValue(1.3e6, 'usd', 'prose')).toBe('$1.3M');
    expect(formatValue(1024, 'int', 'prose')).toBe('1,024');
    expect(formatValue(4.6, 'times:1', 'prose')).toBe('4.6×');
    expect(formatValue(8, 'pm:0', 'prose')).toBe('±8×');
    expect(formatValue(0.73, 'num', 'table')).toBe('0.73');
  });

  it('writes machine-level agreement as "below 10^e %" and checks the bound', () => {
    expect(formatValue(-3e-13, 'below:-9', 'prose')).toBe('below 10⁻⁹ %');
    expect(() => formatValue(2e-9, 'below:-9', 'prose')).toThrow(/not below/);
  });

  it('rejects unknown formats, non-finite values and text given to numeric formats', () => {
    expect(() => formatValue(1, 'percent', 'prose')).toThrow(/unknown format/);
    expect(() => formatValue(NaN, 'sig:3', 'prose')).toThrow(/non-finite/);
    expect(() => formatValue('x', 'sig:3', 'prose')).toThrow(/text/);
    expect(() => formatValue(2.5, 'int', 'prose')).toThrow(/non-integer/);
  });
});
