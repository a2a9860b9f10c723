/**
 * The `plan` command (`scaling-fit plan …`, `npm run plan -- …`): runs the
 * sweep planner of src/plan/ and prints text or JSON. Like `fit`'s main it
 * takes its streams as arguments, returns the exit code and never throws.
 */
import { formatPlanJson, formatPlanText } from '../plan/format.ts';
import { PlanOptionsError } from '../plan/options.ts';
import { runPlan, type PlanResult } from '../plan/plan.ts';
import { EXIT_OK, UsageError } from './errors.ts';
import { reportFailure } from './failure.ts';
import { PLAN_FLAG_OF_FIELD, parsePlanCommandLine } from './plan-args.ts';

/** Where `plan` writes (a subset of `fit`'s CliIo). */
export interface PlanIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stderrIsTTY?: boolean;
}

/** A planner option error in the words of the command line: the flag, not the field. */
function asUsage(err: unknown): unknown {
  if (!(err instanceof PlanOptionsError)) return err;
  const flag = PLAN_FLAG_OF_FIELD[err.field];
  if (flag === undefined) return new UsageError(err.message);
  const rest = err.message.startsWith(err.field) ? err.message.slice(err.field.length) : `: ${err.message}`;
  return new UsageError(`--${flag}${rest}`);
}

/** Runs `plan` with the arguments after the word `plan`; returns 0, 2 (bad option) or 1. */
export async function planMain(argv: readonly string[], io: PlanIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const parsed = await parsePlanCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return EXIT_OK;
    }
    const { plan, json } = parsed.options;
    const progress = io.stderrIsTTY
      ? (done: number, total: number) => io.stderr(`\rplan: ${done}/${total} simulated sweeps${done === total ? '\n' : ''}`)
      : undefined;
    let result: PlanResult;
    try {
      result = runPlan(plan, progress ? { onProgress: progress } : {});
    } catch (err) {
      throw asUsage(err);
    }
    io.stdout(json ? formatPlanJson(result) : formatPlanText(result));
    return EXIT_OK;
  } catch (err) {
    return reportFailure(err, io, verbose);
  }
}
