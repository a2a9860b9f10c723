/** Reading flag values that yargs parsed as strings: one occurrence, strict decimal numbers (as in CSV cells). */
import { DECIMAL } from '../data/columns.ts';
import { UsageError } from './errors.ts';

export type Args = Record<string, unknown>;

/** The flag's value as text, or undefined when absent; a repeated flag is a usage error. */
export function single(args: Args, key: string): string | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UsageError(`--${key} was given ${v.length} times; give it once`);
  return String(v);
}

/** `text` as a finite decimal number, else a usage error naming `--flag`. */
export function decimal(flag: string, text: string): number {
  const t = text.trim();
  const x = DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(x)) throw new UsageError(`--${flag}: "${text}" is not a number`);
  return x;
}
