/**
 * The fit command's work between the parsed data and the output, without
 * Node or threads: groups and grids, the target budget, the fit, the
 * companion fits of the report, the closed-form Approach 2 bias, and the
 * {@link RunReport} that `formatJson`, `formatSummary` and `reportHtml` print.
 * `main` (the CLI) and the web page (app/) both run it, so the page shows the
 * numbers of `fit --json` (specs/cli.md, specs/app.md).
 */
import { GROUP_KEY_SIGNIFICANT_DIGITS, groupKeys, type IsoflopData, type RowFilter } from '../data/isoflop-table.ts';
import type { ColumnOverrides } from '../data/columns.ts';
import { FitError, InvalidInputError } from '../core/errors.ts';
import { approach2ExtrapolationError, approach2InterceptError } from '../fit/approach2-bias.ts';
import type { BootstrapSummary } from './bootstrap-core.ts';
import {
  fitApproach2Groups,
  formatCompute,
  runFit,
  unscaleSurface,
  fitSurface,
  type FitInput,
  type FitOutcome,
  type MethodSpec,
  type Scales,
} from './fit-core.ts';
import type { Approach2BiasReport, DataDescription, GroupGrid, RunReport } from './output.ts';
import { groupsOf, type Companions } from './report.ts';
import { median } from '../util/stats.ts';

/** Factor applied to the largest budget when `--target-compute` is not given. */
export const DEFAULT_TARGET_FACTOR = 1000;

/** The options of a fit run that are not about reading input or printing (a subset of the CLI's options). */
export interface FitRunSettings {
  readonly columns: ColumnOverrides;
  readonly where: readonly RowFilter[];
  readonly minCompute: number | undefined;
  readonly maxCompute: number | undefined;
  readonly dropHighestLoss: number | undefined;
  readonly scales: Scales;
  readonly spec: MethodSpec;
  /** FLOPs; null means the largest budget × {@link DEFAULT_TARGET_FACTOR}. */
  readonly targetCompute: number | null;
}

/** The data as the fit sees them, with the target budget and the words that describe the grouping. */
export interface PreparedRun {
  readonly input: FitInput;
  readonly grids: GroupGrid[];
  readonly largestBudget: number;
  readonly targetCompute: number;
  readonly targetRule: string;
  readonly groupedBy: string;
  readonly groupingNote: string;
}

/** A fit with what the report and the summary need besides the bootstrap. */
export interface FitRun extends PreparedRun {
  readonly outcome: FitOutcome;
  /** Companion fits, when asked for (a report) or needed (Approach 2's bias needs a surface). */
  readonly comp: Companions | null;
  readonly bias: Approach2BiasReport | null;
}

export function describeFilters(o: FitRunSettings): string[] {
  const f: string[] = o.where.map((w) => `${w.column} = "${w.value}"`);
  if (o.dropHighestLoss !== undefined && o.dropHighestLoss > 0) f.push(`${o.dropHighestLoss} highest-loss rows dropped`);
  if (o.minCompute !== undefined) f.push(`C ≥ ${formatCompute(o.minCompute)}`);
  if (o.maxCompute !== undefined) f.push(`C < ${formatCompute(o.maxCompute)}`);
  return f;
}

/** Per-group grid half-width (log10 N units) and size. */
export function groupGrids(input: FitInput): GroupGrid[] {
  return groupsOf(input.groups).map(({ C, rows }) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const x = Math.log10(input.N[r]!);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return { C, n: rows.length, W: (hi - lo) / 2 };
  });
}

/** The closed-form Approach 2 bias at the median grid of the groups, or null when it cannot be computed. */
function predictBias(grids: readonly GroupGrid[], alpha: number | null, beta: number | null, from: string): Approach2BiasReport | null {
  const usable = grids.filter((g) => g.n >= 3 && g.W > 0);
  if (usable.length === 0 || alpha === null || beta === null) return null;
  const W = median(usable.map((g) => g.W));
  const n = Math.max(3, Math.floor(median(usable.map((g) => g.n))));
  try {
    return {
      W,
      n,
      alpha,
      beta,
      nError: approach2InterceptError(alpha, beta, W, n),
      dError: approach2ExtrapolationError(alpha, beta, W, n),
      exponentsFrom: from,
    };
  } catch {
    return null;
  }
}

/** Comparison fits for the report; a companion that cannot be fitted is left out. */
function companions(input: FitInput, o: FitRunSettings, outcome: FitOutcome): Companions {
  let approach2 = outcome.approach2;
  if (approach2 === null) {
    try {
      approach2 = fitApproach2Groups(input);
    } catch {
      approach2 = null;
    }
  }
  let surface = outcome.surface;
  let surfaceLabel = 'this fit';
  if (surface === null) {
    surfaceLabel = 'a VPNLS fit of the same data';
    try {
      const vp = fitSurface(
        input.N.map((x) => x / o.scales.n),
        input.D.map((x) => x / o.scales.d),
        input.L,
        { ...o.spec, method: 'vpnls', gridSize: null, optimizer: 'lbfgsb' },
      );
      surface = unscaleSurface(vp, o.scales);
    } catch {
      surface = null;
    }
  }
  return { approach2, surface, surfaceLabel };
}

/** Groups, grids and the target budget of the data. */
export function prepareRun(data: IsoflopData, o: FitRunSettings): PreparedRun {
  const groups = groupKeys(data);
  const input: FitInput = { N: data.N, D: data.D, L: data.L, groups };
  const budgetColumn = o.columns.budget ?? 'budget';
  const groupedBy = data.budget !== null ? `the budget column "${budgetColumn}"` : `compute rounded to ${GROUP_KEY_SIGNIFICANT_DIGITS} significant digits`;
  const groupingNote =
    data.budget !== null
      ? `groups are the values of the budget column "${budgetColumn}"`
      : `without a budget column the groups are the compute values rounded to ${GROUP_KEY_SIGNIFICANT_DIGITS} significant digits; name one with --budget-col`;
  const grids = groupGrids(input);
  const largestBudget = grids[grids.length - 1]!.C;
  const targetCompute = o.targetCompute ?? largestBudget * DEFAULT_TARGET_FACTOR;
  const targetRule = o.targetCompute !== null ? '--target-compute' : `largest budget ${formatCompute(largestBudget)} × ${DEFAULT_TARGET_FACTOR}`;
  return { input, grids, largestBudget, targetCompute, targetRule, groupedBy, groupingNote };
}

/**
 * Fits the prepared data with the method of the settings; with `withCompanions`
 * also the comparison fits of the report.
 */
export function fitRun(p: PreparedRun, o: FitRunSettings, withCompanions: boolean): FitRun {
  const outcome = runFit(p.input, o.spec, o.scales, p.targetCompute, p.groupingNote);
  const needCompanions = withCompanions || outcome.surface === null;
  const comp = needCompanions ? companions(p.input, o, outcome) : null;
  const biasSurface = outcome.surface ?? comp?.surface ?? null;
  const bias = predictBias(
    p.grids,
    biasSurface?.alpha ?? null,
    biasSurface?.beta ?? null,
    outcome.surface !== null ? 'this fit' : (comp?.surfaceLabel ?? 'this fit'),
  );
  return { ...p, outcome, comp, bias };
}

/** The report that the summary, the JSON and the HTML report print. */
export function runReport(data: IsoflopData, o: FitRunSettings, run: FitRun, bootstrap: BootstrapSummary | null): RunReport {
  const description: DataDescription = {
    source: data.source,
    nPoints: data.N.length,
    nGroups: run.grids.length,
    groupedBy: run.groupedBy,
    filters: describeFilters(o),
    largestBudget: run.largestBudget,
    targetRule: run.targetRule,
  };
  return { outcome: run.outcome, scales: o.scales, data: description, grids: run.grids, bias: run.bias, bootstrap };
}

/**
 * Fit errors (degenerate data, a budget without a parabola, …) are about the
 * input file: prefix its name so every data error says where (CSV errors
 * already name the file, row and column).
 */
export function locatedInFile(err: unknown, source: string): unknown {
  const aboutData = err instanceof FitError || err instanceof InvalidInputError || err instanceof RangeError;
  if (aboutData && !err.message.startsWith(`${source}:`)) err.message = `${source}: ${err.message}`;
  return err;
}
