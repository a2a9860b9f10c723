/**
 * Number formats of the facts registry (specs/article.md, "Facts and placeholders"). A format is
 * `name` or `name:arg`; the same value renders differently in prose, in a
 * table cell and inside math (TeX). Unknown formats and non-finite values
 * are build errors.
 *
 * | format      | prose example         | notes                                         |
 * |-------------|-----------------------|-----------------------------------------------|
 * | pct:d       | −5.10%, +3.97%        | value in percent, signed, d decimals          |
 * | apct:d      | 5.10%                 | unsigned (absolute value)                     |
 * | sig:k       | 0.452, 4.04           | k significant digits (sci notation if huge)   |
 * | fixed:d     | 0.34                  | d decimals                                    |
 * | sci:k       | 3.8×10²⁵, 10²⁴        | k significant digits, trailing zeros trimmed  |
 * | flops       | 3.8×10²⁵              | sci:2                                         |
 * | tokens      | 4.04 trillion / 4.04T | 3 significant digits; short form in tables    |
 * | params      | 622 billion / 622B    | same as tokens                                |
 * | usd:k       | $1.3M                 | k significant digits (default 2)              |
 * | int         | 1,024                 | integer with thousands separators             |
 * | times:d     | 4.6×                  | d decimals                                    |
 * | pm:d        | ±8×                   | grid factor, d decimals                       |
 * | decades:d   | 2.41                  | d decimals                                    |
 * | below:e     | below 10⁻⁹ %          | |value| (percent) must be < 10^e              |
 * | lt:e        | below 10⁻¹⁰           | |value| must be < 10^e (no unit)              |
 * | pow10       | 10¹⁷                  | value must be an exact power of ten           |
 * | num         | 0.73                  | shortest decimal form (values as published)   |
 * | text        | Asymmetric            | string facts                                  |
 */
import { BuildError } from './errors.ts';

export type FormatContext = 'prose' | 'table' | 'math';
export type FactValue = number | string;

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻' };
const MINUS = '\u2212';

function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');
}

/** −x with a typographic minus (prose/table) or TeX minus (math). */
function withSign(text: string, negative: boolean, ctx: FormatContext, plus = false): string {
  if (negative) return (ctx === 'math' ? '-' : MINUS) + text;
  return plus ? `+${text}` : text;
}

/** Thousands separators on the integer part of a decimal string. */
function group(text: string, ctx: FormatContext): string {
  const [i, f] = text.split('.');
  const sep = ctx === 'math' ? '{,}' : ',';
  const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return f === undefined ? g : `${g}.${f}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Mantissa and exponent with k significant digits: 3.8e25 → ['3.8', 25]. */
function sciParts(x: number, k: number, trim: boolean): [string, number] {
  const [m, e] = Math.abs(x)
    .toExponential(k - 1)
    .split('e');
  return [trim ? trimZeros(m) : m, Number(e)];
}

function pow10Text(mant: string, exp: number, ctx: FormatContext): string {
  if (ctx === 'math') return mant === '1' ? `10^{${exp}}` : `${mant}\\times 10^{${exp}}`;
  return mant === '1' ? `10${superscript(exp)}` : `${mant}×10${superscript(exp)}`;
}

function sig(x: number, k: number, ctx: FormatContext): string {
  if (x === 0) return '0';
  const ax = Math.abs(x);
  const e = Math.floor(Math.log10(ax));
  if (e >= 6 || e <= -5) {
    const [m, ex] = sciParts(x, k, true);
    return withSign(pow10Text(m, ex, ctx), x < 0, ctx);
  }
  const digits = Math.max(0, k - 1 - e);
  return withSign(group(ax.toFixed(digits), ctx), x < 0, ctx);
}

const SCALE_WORDS: ReadonlyArray<readonly [number, string, string]> = [
  [1e12, 'trillion', 'T'],
  [1e9, 'billion', 'B'],
  [1e6, 'million', 'M'],
  [1e3, 'thousand', 'K'],
];

function scaled(x: number, k: number, ctx: FormatContext, prefix = ''): string {
  const ax = Math.abs(x);
  for (const [scale, word, short] of SCALE_WORDS) {
    // Round first, so 999.9 billion becomes 1.00 trillion.
    if (Number(ax.toPrecision(k)) >= scale) {
      const m = Number((ax / scale).toPrecision(k));
      const body = m >= 1000 ? group(String(m), ctx) : m.toPrecision(k).includes('e') ? String(m) : trimZerosKeep(m, k);
      const unit = ctx === 'table' || prefix ? short : ` ${word}`;
      const text = ctx === 'math' ? `${prefix === '$' ? '\\$' : prefix}${body}\\,\\text{${unit.trim()}}` : `${prefix}${body}${unit}`;
      return withSign(text, x < 0, ctx);
    }
  }
  return withSign(`${prefix === '$' && ctx === 'math' ? '\\$' : prefix}${Number(ax.toPrecision(k))}`, x < 0, ctx);
}

/** k significant digits without spurious exponent notation (4.04, 622, 1.30 → 1.3 only when trailing). */
function trimZerosKeep(m: number, k: number): string {
  const p = m.toPrecision(k);
  return p.includes('e') ? String(m) : p;
}

function intArg(format: string, arg: string | undefined, fallback?: number): number {
  if (arg === undefined) {
    if (fallback === undefined) throw new BuildError(`format ${format} needs an argument (e.g. ${format}:2)`);
    return fallback;
  }
  if (!/^-?\d+$/.test(arg)) throw new BuildError(`format ${format}:${arg}: the argument must be an integer`);
  return Number(arg);
}

export const FORMAT_NAMES = [
  'pct',
  'apct',
  'sig',
  'fixed',
  'sci',
  'flops',
  'tokens',
  'params',
  'usd',
  'int',
  'times',
  'pm',
  'decades',
  'below',
  'lt',
  'pow10',
  'num',
  'text',
] as const;

/**
 * Formats `value` with `format` for `ctx`. Throws a BuildError for unknown
 * formats, non-finite numbers, strings given to numeric formats, and failed
 * bounds (`below`, `lt`, `pow10`).
 */
export function formatValue(value: FactValue, format: string, ctx: FormatContext): string {
  const [name, arg] = format.split(':', 2) as [string, string | undefined];
  if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
    throw new BuildError(`unknown format "${format}" (known: ${FORMAT_NAMES.join(', ')})`);
  }
  if (name === 'text') {
    if (typeof value !== 'string') throw new BuildError(`format text given the number ${value}`);
    return ctx === 'math' ? `\\text{${value}}` : value;
  }
  if (typeof value !== 'number') throw new BuildError(`format ${format} given the text ${JSON.stringify(value)}`);
  if (!Number.isFinite(value)) throw new BuildError(`format ${format} given the non-finite value ${value}`);
  const pct = ctx === 'math' ? '\\%' : '%';
  switch (name) {
    case 'pct': {
      const d = intArg(name, arg, 1);
      const t = Math.abs(value).toFixed(d);
      const zero = Number(t) === 0;
      return withSign(t, value < 0 && !zero, ctx, value > 0 && !zero) + pct;
    }
    case 'apct':
      return Math.abs(value).toFixed(intArg(name, arg, 1)) + pct;
    case 'sig':
      return sig(value, intArg(name, arg, 3), ctx);
    case 'fixed':
      return withSign(group(Math.abs(value).toFixed(intArg(name, arg)), ctx), value < 0 && Number(Math.abs(value).toFixed(intArg(name, arg))) !== 0, ctx);
    case 'sci':
    case 'flops': {
      if (value === 0) return '0';
      const [m, e] = sciParts(value, name === 'flops' ? 2 : intArg(name, arg, 2), true);
      return withSign(pow10Text(m, e, ctx), value < 0, ctx);
    }
    case 'tokens':
    case 'params':
      return scaled(value, intArg(name, arg, 3), ctx);
    case 'usd':
      return scaled(value, intArg(name, arg, 2), ctx, '$');
    case 'int': {
      if (!Number.isInteger(value)) throw new BuildError(`format int given the non-integer ${value}`);
      return withSign(group(String(Math.abs(value)), ctx), value < 0, ctx);
    }
    case 'times':
      return `${trimZeros(Math.abs(value).toFixed(intArg(name, arg, 1))) || '0'}${ctx === 'math' ? '\\times' : '×'}`;
    case 'pm':
      return `${ctx === 'math' ? '\\pm ' : '±'}${Math.abs(value).toFixed(intArg(name, arg, 0))}${ctx === 'math' ? '\\times' : '×'}`;
    case 'decades':
      return withSign(Math.abs(value).toFixed(intArg(name, arg, 2)), value < 0, ctx);
    case 'below':
    case 'lt': {
      const e = intArg(name, arg);
      if (!(Math.abs(value) < Math.pow(10, e))) throw new BuildError(`format ${format}: |${value}| is not below 10^${e}`);
      const p = ctx === 'math' ? `10^{${e}}` : `10${superscript(e)}`;
      if (ctx === 'math') return `< ${p}${name === 'below' ? '\\,\\%' : ''}`;
      return `below ${p}${name === 'below' ? ' %' : ''}`;
    }
    case 'num': {
      const t = String(Math.abs(value));
      if (/e/.test(t)) throw new BuildError(`format num: ${value} needs exponent notation; use sci`);
      return withSign(t, value < 0, ctx);
    }
    case 'pow10': {
      const e = Math.round(Math.log10(value));
      if (!(value > 0) || Math.abs(value / Math.pow(10, e) - 1) > 1e-12) throw new BuildError(`format pow10: ${value} is not a power of ten`);
      return pow10Text('1', e, ctx);
    }
  }
  throw new BuildError(`unhandled format ${format}`);
}
