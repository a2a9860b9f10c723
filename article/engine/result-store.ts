/**
 * Read access to experiment outputs under `<results>/experiments/expN/`
 * (specs/experiments.md §A.2). Every read is recorded as a provenance string
 * (`results/experiments/exp10/compounding_errors.csv#bias=centered,grid=XL:d_err_pct`)
 * so a fact can say where its value came from. A file, key, column or row
 * that does not exist throws {@link MissingResultError} naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { MissingResultError } from './errors.ts';

export type CsvRow = Record<string, string>;

/** Filter on CSV columns: exact string match, or a number compared after parsing. */
export type RowFilter = Record<string, string | number | boolean>;

function matches(row: CsvRow, filter: RowFilter): boolean {
  for (const [k, v] of Object.entries(filter)) {
    const cell = row[k];
    if (cell === undefined) return false;
    if (typeof v === 'number') {
      if (cell === '' || Number(cell) !== v) return false;
    } else if (cell !== String(v)) return false;
  }
  return true;
}

function describeFilter(filter: RowFilter): string {
  return Object.entries(filter)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** A parsed CSV output with provenance-recording accessors. */
export class ResultTable {
  constructor(
    readonly experiment: number,
    readonly path: string,
    readonly label: string,
    readonly rows: readonly CsvRow[],
    readonly columns: readonly string[],
    private readonly record: (source: string) => void,
  ) {}

  private requireColumn(col: string): void {
    if (!this.columns.includes(col)) {
      throw new MissingResultError(`${this.label} has no column ${col} (columns: ${this.columns.join(', ')})`, this.experiment, `${this.label}:${col}`);
    }
  }

  /** Rows matching the filter (possibly none). */
  where(filter: RowFilter = {}): CsvRow[] {
    for (const k of Object.keys(filter)) this.requireColumn(k);
    return this.rows.filter((r) => matches(r, filter));
  }

  /** The single row matching the filter. */
  row(filter: RowFilter): CsvRow {
    const found = this.where(filter);
    if (found.length !== 1) {
      throw new MissingResultError(
        `${this.label}: expected exactly one row with ${describeFilter(filter)}, found ${found.length}`,
        this.experiment,
        `${this.label}#${describeFilter(filter)}`,
      );
    }
    return found[0];
  }

  /** A numeric cell of the single matching row; empty or non-numeric cells are missing results. */
  num(filter: RowFilter, col: string): number {
    this.requireColumn(col);
    const r = this.row(filter);
    const cell = r[col];
    const v = cell === '' ? NaN : Number(cell);
    const where = `${this.label}#${describeFilter(filter)}:${col}`;
    if (!Number.isFinite(v)) throw new MissingResultError(`${where} is ${JSON.stringify(cell)}, not a finite number`, this.experiment, where);
    this.record(where);
    return v;
  }

  /** A numeric column over the matching rows (empty cells become NaN). */
  column(col: string, filter: RowFilter = {}): number[] {
    this.requireColumn(col);
    const rows = this.where(filter);
    this.record(`${this.label}#${describeFilter(filter) || '*'}:${col}[${rows.length}]`);
    return rows.map((r) => (r[col] === '' ? NaN : Number(r[col])));
  }

  /** A text column over the matching rows. */
  text(col: string, filter: RowFilter = {}): string[] {
    this.requireColumn(col);
    return this.where(filter).map((r) => r[col]);
  }
}

/** The outputs of one experiment. */
export class ExperimentResults {
  readonly dir: string;
  private summaryCache: Record<string, unknown> | null = null;
  private tables = new Map<string, ResultTable>();
  constructor(
    readonly id: number,
    resultsRoot: string,
    private readonly repoRoot: string,
    private readonly record: (source: string) => void,
  ) {
    this.dir = join(resultsRoot, 'experiments', `exp${id}`);
  }

  private label(file: string): string {
    return relative(this.repoRoot, join(this.dir, file));
  }

  /** True when `summary.json` exists (the runner writes the folder as a whole). */
  exists(): boolean {
    return existsSync(join(this.dir, 'summary.json'));
  }

  private readText(file: string): string {
    const path = join(this.dir, file);
    if (!existsSync(path)) {
      throw new MissingResultError(`experiment ${this.id} output ${this.label(file)} does not exist`, this.id, this.label(file));
    }
    return readFileSync(path, 'utf8');
  }

  summary(): Record<string, unknown> {
    this.summaryCache ??= JSON.parse(this.readText('summary.json')) as Record<string, unknown>;
    return this.summaryCache;
  }

  /** A value of summary.json by dotted path (`d_err_pct.centered.chinchilla.XL`). */
  value(path: string): unknown {
    let v: unknown = this.summary();
    for (const part of path.split('.')) {
      if (v === null || typeof v !== 'object' || !(part in (v as object))) {
        throw new MissingResultError(`${this.label('summary.json')} has no key ${path}`, this.id, `${this.label('summary.json')}#${path}`);
      }
      v = (v as Record<string, unknown>)[part];
    }
    this.record(`${this.label('summary.json')}#${path}`);
    return v;
  }

  /** A finite number of summary.json by dotted path. */
  num(path: string): number {
    const v = this.value(path);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new MissingResultError(
        `${this.label('summary.json')}#${path} is ${JSON.stringify(v)}, not a finite number`,
        this.id,
        `${this.label('summary.json')}#${path}`,
      );
    }
    return v;
  }

  /** A CSV output. */
  table(file: string): ResultTable {
    let t = this.tables.get(file);
    if (!t) {
      const rows = parse(this.readText(file), { columns: true, skip_empty_lines: true }) as CsvRow[];
      const header = this.readText(file).split(/\r?\n/, 1)[0].split(',');
      t = new ResultTable(this.id, join(this.dir, file), this.label(file), rows, header, this.record);
      this.tables.set(file, t);
    }
    return t;
  }

  /** A figure JSON written by the experiment (`F.json`). */
  figure(name: string): { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
    const fig = JSON.parse(this.readText(`${name}.json`)) as { data: Record<string, unknown>[]; layout: Record<string, unknown> };
    this.record(this.label(`${name}.json`));
    return fig;
  }

  /** Any JSON file of the experiment (e.g. `run.json`). */
  json(file: string): unknown {
    return JSON.parse(this.readText(file));
  }
}

/** All experiment outputs of one results root, with a provenance log. */
export class ResultStore {
  private experiments = new Map<number, ExperimentResults>();
  private log: string[] = [];
  constructor(
    readonly resultsRoot: string,
    readonly repoRoot: string,
  ) {}

  exp(id: number): ExperimentResults {
    let e = this.experiments.get(id);
    if (!e) {
      e = new ExperimentResults(id, this.resultsRoot, this.repoRoot, (s) => this.log.push(s));
      this.experiments.set(id, e);
    }
    return e;
  }

  /** Runs `fn`, returning its value and the sources it read. */
  traced<T>(fn: () => T): { value: T; sources: string[] } {
    const start = this.log.length;
    const value = fn();
    const sources = [...new Set(this.log.slice(start))];
    this.log.length = start;
    return { value, sources };
  }
}
