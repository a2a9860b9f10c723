/**
 * How the `fit` command reports failures: every error becomes one line on
 * stderr (the stack only with `--verbose`). Bad input — usage, data, a fit
 * that cannot run on the data — exits with {@link EXIT_INPUT}; anything else
 * (a bug, an I/O failure writing output) with {@link EXIT_INTERNAL}.
 */
import { DataError } from '../data/errors.ts';
import { FitError, InvalidInputError } from '../core/errors.ts';

/** Success. */
export const EXIT_OK = 0;
/** An unexpected failure (not caused by the input). */
export const EXIT_INTERNAL = 1;
/** Bad input: arguments, data, or data that no fit of the chosen method can use. */
export const EXIT_INPUT = 2;

/** A bad command line (unknown flag, bad flag value, conflicting flags). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The exit code for an error thrown while running the command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof DataError || err instanceof InvalidInputError || err instanceof FitError || err instanceof RangeError) {
    return EXIT_INPUT;
  }
  return EXIT_INTERNAL;
}

/** The error's message on one line (newlines folded to spaces). */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\r?\n\s*/g, ' ').trim() || (err instanceof Error ? err.name : 'unknown error');
}
