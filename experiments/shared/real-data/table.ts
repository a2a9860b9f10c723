/**
 * Plotly table traces placed beside the panels of a figure (experiments 11
 * and 12: a chart on the left, its numbers on the right).
 */
import type { Figure, Trace } from '../../../src/plot/index.ts';
import { GRID_LINE_COLOR } from '../../../src/plot/index.ts';

export interface TableSpec {
  /** Column headers. */
  readonly header: readonly string[];
  /** Rows of already formatted cells. */
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Relative column widths. */
  readonly columnWidth?: readonly number[];
}

/** A `table` trace over the paper region `domain`. */
export function tableTrace(spec: TableSpec, domain: { x: [number, number]; y: [number, number] }): Trace {
  const columns = spec.header.map((_, j) => spec.rows.map((r) => r[j] ?? ''));
  return {
    type: 'table',
    domain,
    columnwidth: spec.columnWidth ? [...spec.columnWidth] : undefined,
    header: {
      values: spec.header.map((h) => `<b>${h}</b>`),
      align: 'center',
      fill: { color: '#f0f0f0' },
      line: { color: GRID_LINE_COLOR },
      font: { size: 11 },
    },
    cells: {
      values: columns,
      align: spec.header.map((_, j) => (j === 0 ? 'left' : 'right')),
      line: { color: GRID_LINE_COLOR },
      font: { size: 11 },
      height: 24,
    },
  };
}

/**
 * Puts a table into `figure` over `domain` and shrinks the x domain of the
 * figure's first panel to `chartDomain` (the panel grid is built 1×2 with an
 * empty right cell).
 */
export function withSideTable(figure: Figure, spec: TableSpec, chartDomain: [number, number], tableDomain: [number, number]): Figure {
  const layout = { ...figure.layout };
  layout.xaxis = { ...(layout.xaxis as Record<string, unknown>), domain: chartDomain };
  return { data: [...figure.data, tableTrace(spec, { x: tableDomain, y: [0, 1] })], layout };
}
