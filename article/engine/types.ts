/** Shapes shared by the build, the figure and table registries and the check. */
import type { FactBook } from './fact-registry.ts';
import type { ResultStore } from './result-store.ts';
import type { PlotlyFigure } from '../../src/plot/plotly.ts';

/** A Plotly figure object (the library's type). */
export type { PlotlyFigure };

/** What the browser check verifies per figure. */
export interface FigureManifest {
  /** Distinct subplots used by traces (cartesian x axes, plus one per domain trace such as a table). */
  readonly panels: number;
  readonly traces: number;
}

/** A collapsed data table under a bar or heat-map figure (computed values, not prose). */
export interface DataTable {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
}

export interface FigureOutput {
  readonly figure: PlotlyFigure;
  /** Plotly config overrides (merged onto the shared config). */
  readonly config?: Record<string, unknown>;
  /** One-sentence summary for `aria-label` (alt text). */
  readonly summary: string;
  readonly dataTable?: DataTable;
}

/** Memoized library computations done at build time (cheap, deterministic). */
export interface LibCache {
  memo<T>(key: string, fn: () => T): T;
}

export interface BuildContext {
  readonly store: ResultStore;
  readonly facts: FactBook;
  readonly lib: LibCache;
  /** Folder with the published data files, if any. */
  readonly dataDir: string | undefined;
  /** Values of facts (numbers) for figure annotations; throws MissingResultError if missing. */
  fact(key: string): number;
}

export interface FigureDef {
  readonly id: string;
  /** Experiments whose outputs the builder reads (empty: library/data only). */
  readonly needs: readonly number[];
  /** Whether the figure is a bar or heat-map figure (gets a collapsed data table). */
  readonly build: (ctx: BuildContext) => FigureOutput | Promise<FigureOutput>;
}

/** A table whose cells are templates (`{{ key | format }}`, math, text). */
export interface TableDef {
  readonly id: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
  /** Column alignment, default left for the first column and right for the others. */
  readonly align?: ReadonlyArray<'l' | 'r' | 'c'>;
}

export interface ClaimDef {
  readonly id: string;
  /** What the claim asserts, in words (shown when it fails). */
  readonly description: string;
  readonly facts: readonly string[];
  readonly check: (v: Readonly<Record<string, number>>) => boolean;
}

/** Manifest of panels and traces computed from a figure, the same way the browser check counts them. */
export function manifestOf(figure: PlotlyFigure): FigureManifest {
  const panels = new Set<string>();
  for (const t of figure.data) {
    const type = (t.type as string | undefined) ?? 'scatter';
    if (type === 'table' || type === 'pie' || type === 'indicator') panels.add(`domain:${panels.size}`);
    else panels.add(String(t.xaxis ?? 'x'));
  }
  return { panels: panels.size, traces: figure.data.length };
}
