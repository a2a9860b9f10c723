/**
 * The figures the page can draw, built in Node for the page's own examples:
 * the report figures of every method the picker offers, and the bootstrap
 * panel once. The build picks and checks the inlined plotly.js bundle
 * against their trace types (specs/app.md, specs/performance.md "Size of
 * what users open"), so a new trace type in a report figure fails the build
 * instead of a figure in the page.
 */
import { drawReplicates, DEFAULT_INTERVAL_LEVEL, summariseReplicates } from '../src/cli/bootstrap-core.ts';
import { runReplicates } from '../src/cli/bootstrap-replicates.ts';
import { fitRun, prepareRun, runReport, type FitRunSettings } from '../src/cli/fit-run.ts';
import { reportFigures } from '../src/cli/report.ts';
import { DEFAULT_SEED } from '../src/core/seed.ts';
import { parseCsv } from '../src/data/csv.ts';
import { buildIsoflopData } from '../src/data/isoflop-table.ts';
import type { PlotlyFigure } from '../src/plot/plotly.ts';
import { METHOD_CHOICES } from './fit-tab.ts';

/** Replicates of the one bootstrap run: enough for the histograms to exist, few enough for a build. */
export const CHECK_REPLICATES = 8;

/** Report figures of `csv` (file name `name`) for every method choice, plus one bootstrap panel. */
export function drawnFigures(name: string, csv: string): PlotlyFigure[] {
  const table = parseCsv(csv, name);
  const figures: PlotlyFigure[] = [];
  for (const [i, choice] of METHOD_CHOICES.entries()) {
    const settings: FitRunSettings = {
      columns: {},
      where: [],
      minCompute: undefined,
      maxCompute: undefined,
      dropHighestLoss: undefined,
      scales: { n: 1, d: 1 },
      spec: choice.spec,
      targetCompute: null,
    };
    const data = buildIsoflopData(table, { columns: settings.columns, where: settings.where });
    const run = fitRun(prepareRun(data, settings), settings, true);
    let bootstrap = null;
    if (i === 0) {
      const { scheme, reason, indices } = drawReplicates(run.input, CHECK_REPLICATES, DEFAULT_SEED);
      const outcomes = runReplicates({
        input: run.input,
        spec: settings.spec,
        scales: settings.scales,
        targetCompute: run.targetCompute,
        groupingNote: run.groupingNote,
        replicates: indices,
      });
      bootstrap = summariseReplicates(outcomes, { replicates: CHECK_REPLICATES, seed: DEFAULT_SEED, level: DEFAULT_INTERVAL_LEVEL, scheme, reason });
    }
    figures.push(...reportFigures(run.input, runReport(data, settings, run, bootstrap), run.comp!).map((f) => f.figure));
  }
  return figures;
}
