/**
 * How every command reports a failure (specs/cli.md "Errors and exit codes"):
 * one line on stderr, a hint (`--help` for usage errors, `--verbose` for
 * internal ones), the stack only with --verbose; returns the exit code.
 */
import { COMMAND_NAME } from './args.ts';
import { EXIT_INPUT, UsageError, exitCodeFor, oneLine } from './errors.ts';

/** `help` is what the usage hint names, e.g. `--help` or `compare --help`. */
export function reportFailure(err: unknown, io: { stderr(text: string): void }, verbose: boolean, help = '--help'): number {
  const code = exitCodeFor(err);
  const hint = err instanceof UsageError ? ` (see ${help})` : code === EXIT_INPUT || verbose ? '' : ' (run with --verbose for details)';
  io.stderr(`${COMMAND_NAME}: error: ${oneLine(err)}${hint}\n`);
  if (verbose && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return code;
}
