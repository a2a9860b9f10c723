import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll } from 'vitest';
import { findExperiment } from '../../experiments/harness/registry.ts';
import { type RunRecord, runExperiment } from '../../experiments/harness/runner.ts';

/** Project root (for spawning the CLI). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function makeTempDir(prefix = 'scaling-fit-exp-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Runs experiment `id` in quick mode through the runner (one inline job). */
export async function runQuick(id: number, outRoot: string, jobs = 1): Promise<RunRecord> {
  const exp = findExperiment(id);
  if (!exp) throw new Error(`experiment ${id} is not registered`);
  return runExperiment(exp, { outRoot, quick: true, seed: 42, jobs });
}

export interface RunOptions {
  /** Quick mode (default true). */
  readonly quick?: boolean;
  /** Worker jobs (default 1: inline). */
  readonly jobs?: number;
  /** Folder of the published data sets (experiments 0, 11, 12). */
  readonly dataDir?: string;
  /** Timeout of the hook that runs the experiment, ms (default vitest's hookTimeout). */
  readonly timeout?: number;
}

/** An experiment run shared by the tests of one file (or one describe block). */
export interface ExperimentRun {
  /** The temporary output root. */
  readonly root: string;
  /** The experiment's output folder, `<root>/experiments/expN`. */
  readonly dir: string;
  /** Reads a CSV of the output folder. */
  csv(name: string): Promise<CsvFile>;
  /** Reads a JSON file of the output folder. */
  json(name: string): Promise<Record<string, unknown>>;
}

/**
 * The preamble of every experiment test: registers a `beforeAll` that runs
 * experiment `id` through the runner into a fresh temporary root (quick
 * mode, seed 42, one inline job unless stated) and an `afterAll` that
 * removes it. Call it at the top level of the test file, or inside a
 * `describe` (e.g. `describe.skipIf(!HAVE_DATA)`) to scope the run to it;
 * hooks registered after it see the finished run.
 */
export function experimentRun(id: number, options: RunOptions = {}): ExperimentRun {
  let root: string | undefined;
  let dir: string | undefined;
  const need = (what: string, v: string | undefined): string => {
    if (v === undefined) throw new Error(`experiment ${id}: ${what} is read before the run (use it inside a hook or test)`);
    return v;
  };
  beforeAll(async () => {
    root = await makeTempDir();
    const exp = findExperiment(id);
    if (!exp) throw new Error(`experiment ${id} is not registered`);
    dir = (
      await runExperiment(exp, {
        outRoot: root,
        quick: options.quick ?? true,
        seed: 42,
        jobs: options.jobs ?? 1,
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      })
    ).dir;
  }, options.timeout);
  afterAll(() => (root === undefined ? undefined : removeDir(root)));
  return {
    get root() {
      return need('root', root);
    },
    get dir() {
      return need('dir', dir);
    },
    csv: (name) => readCsv(join(need('dir', dir), name)),
    json: (name) => readJson(join(need('dir', dir), name)),
  };
}

export interface CsvFile {
  header: string[];
  rows: Array<Record<string, string>>;
}

/** Reads a CSV written by the experiments: header and rows as strings. */
export async function readCsv(path: string): Promise<CsvFile> {
  const text = await readFile(path, 'utf8');
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  return { header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) };
}

export async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

/** Numeric value of a CSV field; throws on an empty or non-numeric field. */
export function num(row: Record<string, string>, col: string): number {
  const v = row[col];
  if (v === undefined || v === '' || !Number.isFinite(Number(v))) throw new Error(`column ${col}: "${v}" is not a finite number`);
  return Number(v);
}

/** Asserts every listed column of every row holds a finite number. */
export function expectFinite(rows: Array<Record<string, string>>, columns: readonly string[]): void {
  for (const row of rows) for (const c of columns) num(row, c);
}
